package io.logbeam.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import org.junit.jupiter.api.Test;

class IsoTimeFormatterTest {

    private static final DateTimeFormatter ISO_MILLIS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(java.time.ZoneOffset.UTC);

    @Test
    void formatsUtcWithMillisecondsLikeTheReferenceFormatter() {
        IsoTimeFormatter formatter = new IsoTimeFormatter();
        Random random = new Random(1);
        long now = System.currentTimeMillis();
        for (int i = 0; i < 100_000; i++) {
            // mostly nearby times (the cached second), sometimes anywhere in 1970..2100
            long millis = random.nextInt(4) == 0 ? (long) (random.nextDouble() * 4_102_444_800_000L)
                    : now + random.nextInt(5_000);
            String formatted = new String(formatter.format(millis));
            assertThat(formatted).isEqualTo(ISO_MILLIS.format(Instant.ofEpochMilli(millis)));
            assertThat(Instant.parse(formatted).toEpochMilli()).isEqualTo(millis);
        }
    }

    @Test
    void formatsTheEpochAndTimesBeforeIt() {
        assertThat(IsoTimeFormatter.formatToString(0)).isEqualTo("1970-01-01T00:00:00.000Z");
        assertThat(IsoTimeFormatter.formatToString(-1)).isEqualTo("1969-12-31T23:59:59.999Z");
    }
}

package io.logbeam.logback.testing;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The test reader of Kinesis records, on the KPL test vector from the design. */
class KinesisDataTest {

    private static final byte[] VECTOR = HexFormat.of().parseHex("f3899ac2" + "0a0d706172746974696f6e5f6b6579"
            + "1a0808001a0464617461" + "d03699da5a222fa32108ad1bd955a14e");

    @Test
    void readsTheInnerRecordsOfAnAggregate() {
        assertThat(KinesisData.events(VECTOR)).singleElement()
                .satisfies(data -> assertThat(new String(data, StandardCharsets.UTF_8)).isEqualTo("data"));
    }

    @Test
    void readsGzippedAggregatesAndPlainRecords() throws IOException {
        ByteArrayOutputStream zipped = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
            gzip.write(VECTOR);
        }
        assertThat(KinesisData.events(zipped.toByteArray())).singleElement()
                .satisfies(data -> assertThat(new String(data, StandardCharsets.UTF_8)).isEqualTo("data"));
        assertThat(KinesisData.events("{\"a\":1}".getBytes(StandardCharsets.UTF_8))).singleElement()
                .satisfies(data -> assertThat(new String(data, StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}"));
    }
}

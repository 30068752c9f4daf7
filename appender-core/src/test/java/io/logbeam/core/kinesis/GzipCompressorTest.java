package io.logbeam.core.kinesis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class GzipCompressorTest {

    @Test
    void producesStandardGzipAndStaysReusable() {
        GzipCompressor gzip = new GzipCompressor();
        Random random = new Random(5);
        for (int i = 0; i < 200; i++) {
            byte[] data = new byte[random.nextInt(i % 20 == 0 ? 3_000_000 : 3000)];
            if (i % 2 == 0) {
                random.nextBytes(data);
            } else {
                Arrays.fill(data, (byte) 'a');
            }
            int offset = data.length == 0 ? 0 : random.nextInt(data.length);
            byte[] compressed = gzip.compress(data, offset, data.length - offset);
            assertThat(KinesisTestSupport.gunzip(compressed)).isEqualTo(Arrays.copyOfRange(data, offset, data.length));
            assertThat((long) compressed.length).isLessThanOrEqualTo(KinesisLimits.gzipBound(data.length - offset));
        }
    }

    @Test
    void compressesJsonLogsSeveralTimes() {
        StringBuilder logs = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            logs.append("{\"log_type\":\"app\",\"level\":\"INFO\",\"message\":\"order ").append(i).append(" shipped\"}");
        }
        byte[] data = logs.toString().getBytes(StandardCharsets.UTF_8);
        assertThat(new GzipCompressor().compress(data, 0, data.length).length).isLessThan(data.length / 5);
    }

    @Test
    void theRawDataLimitIsTheLargestThatFitsTheRecord() {
        for (int record : new int[] {16 * 1024, 1024 * 1024, 10 * 1024 * 1024}) {
            for (int key : new int[] {1, 7, 768}) {
                int raw = KinesisLimits.largestRawData(record, key, true);
                assertThat(KinesisLimits.gzipBound(raw) + key).isLessThanOrEqualTo(record);
                assertThat(KinesisLimits.gzipBound(raw + 1) + key).isGreaterThan(record);
                int event = KinesisLimits.largestEvent(record, key, true, true);
                assertThat(KinesisLimits.kplEmptyAggregate(key) + KinesisLimits.kplRecordField(event)).isLessThanOrEqualTo(raw);
                assertThat(KinesisLimits.kplEmptyAggregate(key) + KinesisLimits.kplRecordField(event + 1)).isGreaterThan(raw);
            }
        }
    }
}

package io.logbeam.core.kinesis;

import static org.assertj.core.api.Assertions.assertThat;

import io.logbeam.core.destination.Batcher;

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
    void theLevelIsUsedAndEveryLevelGunzipsToTheSameBytesWithinTheBound() {
        byte[] logs = jsonLogs(2000);
        byte[] fastest = new GzipCompressor(1).compress(logs, 0, logs.length);
        byte[] smallest = new GzipCompressor(9).compress(logs, 0, logs.length);
        byte[] byDefault = new GzipCompressor().compress(logs, 0, logs.length);

        assertThat(fastest.length).as("level 1 trades size for speed").isGreaterThan(smallest.length);
        assertThat(new GzipCompressor(Compression.DEFAULT_LEVEL).compress(logs, 0, logs.length))
                .as("the default level is zlib's default").isEqualTo(byDefault);
        for (byte[] compressed : new byte[][] {fastest, smallest, byDefault}) {
            assertThat(KinesisTestSupport.gunzip(compressed)).isEqualTo(logs);
        }
        byte[] noise = new byte[200_000];
        new Random(7).nextBytes(noise);
        for (int level = Compression.MIN_LEVEL; level <= Compression.MAX_LEVEL; level++) {
            byte[] compressed = new GzipCompressor(level).compress(noise, 0, noise.length);
            assertThat((long) compressed.length).as("level %d", level).isLessThanOrEqualTo(KinesisLimits.gzipBound(noise.length));
            assertThat(KinesisTestSupport.gunzip(compressed)).isEqualTo(noise);
        }
    }

    @Test
    void theDestinationCompressesItsRecordsAtTheConfiguredLevel() {
        byte[] logs = jsonLogs(2000);
        int fastest = aggregatedRecordBytes(1, logs);
        int smallest = aggregatedRecordBytes(9, logs);
        int byDefault = aggregatedRecordBytes(Compression.DEFAULT_LEVEL, logs);

        assertThat(fastest).isGreaterThan(byDefault).isGreaterThan(smallest);
    }

    /** Bytes of the one aggregated, gzipped record holding {@code logs} split into events, at {@code level}. */
    private static int aggregatedRecordBytes(int level, byte[] logs) {
        KinesisDestination destination = KinesisTestSupport.destination().aggregation(true).compression("gzip")
                .compressionLevel(level).partitionKey("orders").build();
        Batcher batcher = destination.newBatcher();
        KinesisTestSupport.CapturingSink sink = new KinesisTestSupport.CapturingSink();
        for (int start = 0; start < logs.length; start += 100) {
            batcher.add(KinesisTestSupport.event(Arrays.copyOfRange(logs, start, Math.min(logs.length, start + 100)),
                    "orders"), sink);
        }
        batcher.drain(sink);
        assertThat(sink.entries()).hasSize(1);
        byte[] data = KinesisTestSupport.data(sink.entries().get(0));
        assertThat(KinesisTestSupport.consume(data, "orders", true, true)).hasSize((logs.length + 99) / 100);
        return data.length;
    }

    private static byte[] jsonLogs(int events) {
        StringBuilder logs = new StringBuilder();
        for (int i = 0; i < events; i++) {
            logs.append("{\"log_type\":\"app\",\"level\":\"INFO\",\"message\":\"order ").append(i * 7919 % 10007)
                    .append(" shipped to ").append(i % 13 == 0 ? "Berlin" : "Lyon").append("\"}\n");
        }
        return logs.toString().getBytes(StandardCharsets.UTF_8);
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

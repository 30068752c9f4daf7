package io.logbeam.core.firehose;

import static org.assertj.core.api.Assertions.assertThat;

import io.logbeam.core.destination.BatchEntry;
import io.logbeam.core.destination.BatchSink;
import io.logbeam.core.event.EncodedEvent;

import software.amazon.awssdk.services.firehose.model.Record;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NdjsonBatcherTest {

    /** Collects what a batcher emits. */
    private static final class Sink implements BatchSink {
        final List<List<BatchEntry>> requests = new ArrayList<>();
        final List<EncodedEvent> rejected = new ArrayList<>();

        @Override
        public void emit(List<BatchEntry> entries) {
            requests.add(entries);
        }

        @Override
        public void reject(EncodedEvent event, String reason) {
            rejected.add(event);
        }

        List<BatchEntry> records() {
            return requests.stream().flatMap(List::stream).toList();
        }
    }

    /** A JSON object of exactly {@code size} bytes, numbered so order and identity can be checked. */
    private static EncodedEvent event(int number, int size) {
        String head = "{\"n\":" + number + ",\"p\":\"";
        String tail = "\"}";
        int pad = size - head.length() - tail.length();
        if (pad < 0) {
            throw new IllegalArgumentException("too small: " + size);
        }
        char[] fill = new char[pad];
        Arrays.fill(fill, 'x');
        byte[] json = (head + new String(fill) + tail).getBytes(StandardCharsets.UTF_8);
        return new EncodedEvent(json, 0, "app", null, false);
    }

    private static byte[] data(BatchEntry entry) {
        return entry.<Record>wire().data().asByteArray();
    }

    private static byte[] expectedLines(List<EncodedEvent> events) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (EncodedEvent e : events) {
            out.writeBytes(e.json());
            out.write('\n');
        }
        return out.toByteArray();
    }

    /**
     * Checks every Firehose limit on every request and record, that each record is exactly the NDJSON lines
     * of the events it reports (so no event is split across records), and that all events come out once, in
     * order.
     */
    private static void assertWithinLimitsAndComplete(Sink sink, List<EncodedEvent> sent, int maxRecordBytes,
            int maxLines) {
        for (List<BatchEntry> request : sink.requests) {
            assertThat(request).isNotEmpty().hasSizeLessThanOrEqualTo(FirehoseLimits.MAX_RECORDS_PER_CALL);
            long requestBytes = 0;
            for (BatchEntry record : request) {
                byte[] data = data(record);
                requestBytes += data.length;
                assertThat(record.bytes()).isEqualTo(data.length);
                assertThat(data.length).isLessThanOrEqualTo(maxRecordBytes)
                        .isLessThanOrEqualTo(FirehoseLimits.MAX_RECORD_BYTES);
                assertThat(record.events()).isNotEmpty().hasSizeLessThanOrEqualTo(maxLines);
                assertThat(data).isEqualTo(expectedLines(record.events()));
            }
            assertThat(requestBytes).isLessThanOrEqualTo(FirehoseLimits.MAX_BYTES_PER_CALL);
        }
        List<EncodedEvent> out = new ArrayList<>();
        sink.records().forEach(r -> out.addAll(r.events()));
        assertThat(out).containsExactlyElementsOf(sent);
        assertThat(sink.rejected).isEmpty();
    }

    @ParameterizedTest(name = "packed={0}, maxRecordBytes={1}, seed={2}")
    @CsvSource({
            "false, 1024000, 1", "false, 1024000, 2", "false, 8193, 3",
            "true, 1024000, 4", "true, 1024000, 5", "true, 8193, 6", "true, 65536, 7", "true, 300000, 8"})
    void randomSizesNeverBreakALimitAndEveryEventComesOutOnceInOrder(boolean packed, int maxRecordBytes, long seed) {
        Random random = new Random(seed);
        int maxLines = packed ? FirehoseLimits.MAX_LINES_PER_PACKED_RECORD : 1;
        NdjsonBatcher batcher = new NdjsonBatcher(maxRecordBytes, maxLines);
        Sink sink = new Sink();
        List<EncodedEvent> sent = new ArrayList<>();
        int maxEvent = maxRecordBytes - 1;
        int n = maxRecordBytes > 100_000 ? 600 : 3000; // enough to fill many calls without megabytes of churn
        for (int i = 0; i < n; i++) {
            // Mostly small events, some large, some exactly at the limit: the sizes that stress the edges.
            int size;
            switch (random.nextInt(16)) {
                case 0:
                    size = maxEvent;
                    break;
                case 1:
                    size = 30 + random.nextInt(maxEvent - 29);
                    break;
                default:
                    size = 30 + random.nextInt(Math.min(2000, maxEvent - 29));
                    break;
            }
            EncodedEvent e = event(i, size);
            sent.add(e);
            batcher.add(e, sink);
            if (random.nextInt(500) == 0) {
                batcher.drain(sink); // a linger expiry or flush in the middle
            }
        }
        batcher.drain(sink);

        assertThat(batcher.isEmpty()).isTrue();
        assertWithinLimitsAndComplete(sink, sent, maxRecordBytes, maxLines);
    }

    @Test
    void unpackedEventsAreOneRecordEachAndFiveHundredToACall() {
        NdjsonBatcher batcher = new NdjsonBatcher(FirehoseLimits.MAX_RECORD_BYTES, 1);
        Sink sink = new Sink();
        List<EncodedEvent> sent = new ArrayList<>();
        for (int i = 0; i < 1200; i++) {
            EncodedEvent e = event(i, 200);
            sent.add(e);
            batcher.add(e, sink);
        }
        batcher.drain(sink);

        assertThat(sink.requests).extracting(List::size).containsExactly(500, 500, 200);
        assertThat(sink.records()).allSatisfy(r -> assertThat(data(r)).hasSize(201).endsWith((byte) '\n'));
        assertWithinLimitsAndComplete(sink, sent, FirehoseLimits.MAX_RECORD_BYTES, 1);
    }

    @Test
    void largeUnpackedRecordsAreSplitIntoCallsByTheFourMebibyteLimit() {
        NdjsonBatcher batcher = new NdjsonBatcher(FirehoseLimits.MAX_RECORD_BYTES, 1);
        Sink sink = new Sink();
        List<EncodedEvent> sent = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            EncodedEvent e = event(i, FirehoseLimits.MAX_RECORD_BYTES - 1);
            sent.add(e);
            batcher.add(e, sink);
        }
        batcher.drain(sink);

        // 4 x 1,024,000 = 4,096,000 <= 4,194,304 < 5 x 1,024,000
        assertThat(sink.requests).extracting(List::size).containsExactly(4, 4, 1);
        assertWithinLimitsAndComplete(sink, sent, FirehoseLimits.MAX_RECORD_BYTES, 1);
    }

    @Test
    void packedRecordsHoldAtMostFiveHundredLinesForDeaggregation() {
        NdjsonBatcher batcher = new NdjsonBatcher(FirehoseLimits.MAX_RECORD_BYTES, FirehoseLimits.MAX_LINES_PER_PACKED_RECORD);
        Sink sink = new Sink();
        List<EncodedEvent> sent = new ArrayList<>();
        for (int i = 0; i < 1250; i++) {
            EncodedEvent e = event(i, 200);
            sent.add(e);
            batcher.add(e, sink);
        }
        batcher.drain(sink);

        assertThat(sink.records()).extracting(r -> r.events().size()).containsExactly(500, 500, 250);
        assertThat(sink.records()).extracting(BatchEntry::bytes).containsExactly(100_500, 100_500, 50_250);
        assertWithinLimitsAndComplete(sink, sent, FirehoseLimits.MAX_RECORD_BYTES, 500);
    }

    @Test
    void aLineThatDoesNotFitStartsTheNextRecordInsteadOfBeingSplit() {
        int max = 10_000;
        NdjsonBatcher batcher = new NdjsonBatcher(max, 500);
        Sink sink = new Sink();
        List<EncodedEvent> sent = List.of(event(0, 6_000), event(1, 3_999), event(2, 100), event(3, 9_999));
        sent.forEach(e -> batcher.add(e, sink));
        batcher.drain(sink);

        // 6,001 + 4,000 = 10,001 > 10,000: the second event opens a new record; the fourth fills one exactly.
        assertThat(sink.records()).extracting(BatchEntry::bytes).containsExactly(6_001, 4_000 + 101, 10_000);
        assertWithinLimitsAndComplete(sink, sent, max, 500);
    }

    @Test
    void anEventLargerThanARecordIsRejectedNotSent() {
        NdjsonBatcher batcher = new NdjsonBatcher(10_000, 500);
        Sink sink = new Sink();
        EncodedEvent tooBig = event(0, 10_000); // plus the line end: 10,001
        batcher.add(tooBig, sink);
        batcher.drain(sink);

        assertThat(sink.requests).isEmpty();
        assertThat(sink.rejected).containsExactly(tooBig);
        assertThat(batcher.isEmpty()).isTrue();
    }

    @Test
    void holdsNothingUntilEventsArriveAndNothingAfterDrain() {
        NdjsonBatcher batcher = new NdjsonBatcher(10_000, 500);
        Sink sink = new Sink();
        assertThat(batcher.isEmpty()).isTrue();
        batcher.drain(sink);
        assertThat(sink.requests).isEmpty();

        batcher.add(event(0, 100), sink);
        assertThat(batcher.isEmpty()).isFalse();
        assertThat(sink.requests).isEmpty();
        batcher.drain(sink);
        assertThat(batcher.isEmpty()).isTrue();
        assertThat(sink.requests).hasSize(1);
    }
}

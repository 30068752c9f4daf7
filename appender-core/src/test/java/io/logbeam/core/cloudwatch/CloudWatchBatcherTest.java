package io.logbeam.core.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.logbeam.core.destination.BatchEntry;
import io.logbeam.core.destination.BatchSink;
import io.logbeam.core.event.EncodedEvent;

import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CloudWatchBatcherTest {

    private static final Instant NOW = Instant.parse("2026-11-22T14:00:00Z");
    private static final long NOW_MS = NOW.toEpochMilli();

    private final RejectedEvents rejected = new RejectedEvents();
    private final CloudWatchBatcher batcher = new CloudWatchBatcher(Clock.fixed(NOW, ZoneOffset.UTC),
            CloudWatchLimits.MAX_EVENT_BYTES, rejected);
    private final Recorder sink = new Recorder();

    /** An event whose JSON is {@code {"m":"<text>"}} at {@code time}. */
    private static EncodedEvent event(String text, long time) {
        byte[] json = ("{\"m\":\"" + text + "\"}").getBytes(StandardCharsets.UTF_8);
        return new EncodedEvent(json, time, "app", null, false);
    }

    /** An event of exactly {@code bytes} UTF-8 bytes. */
    private static EncodedEvent sized(int bytes, long time) {
        return event("x".repeat(bytes - 8), time);
    }

    @Test
    void requestsAreSortedByTimeAndEqualTimesKeepPublishOrder() {
        long[] times = {NOW_MS - 5, NOW_MS - 9, NOW_MS - 5, NOW_MS - 1, NOW_MS - 9, NOW_MS - 7};
        for (int i = 0; i < times.length; i++) {
            batcher.add(event("e" + i, times[i]), sink);
        }
        batcher.drain(sink);

        assertThat(sink.requests).hasSize(1);
        assertThat(sink.messages(0)).containsExactly("{\"m\":\"e1\"}", "{\"m\":\"e4\"}", "{\"m\":\"e5\"}",
                "{\"m\":\"e0\"}", "{\"m\":\"e2\"}", "{\"m\":\"e3\"}");
        assertThat(batcher.isEmpty()).isTrue();
    }

    @Test
    void thirtyHoursOfTimestampsAreSplitSoNoRequestSpans24Hours() {
        long start = NOW_MS - Duration.ofHours(30).toMillis();
        int n = 3_000;
        for (int i = 0; i < n; i++) {
            batcher.add(event("e" + i, start + i * Duration.ofMinutes(36).toMillis() / 60), sink); // 30 h over n
        }
        batcher.drain(sink);

        assertThat(sink.requests.size()).isGreaterThanOrEqualTo(2);
        assertThat(sink.eventCount()).isEqualTo(n);
        for (List<BatchEntry> request : sink.requests) {
            assertThat(span(request)).isLessThan(CloudWatchLimits.MAX_SPAN_MILLIS);
        }
    }

    @Test
    void outOfOrderTimesFarApartCloseTheRequestInsteadOfStretchingIt() {
        long old = NOW_MS - Duration.ofHours(25).toMillis();
        batcher.add(event("a", NOW_MS), sink);
        batcher.add(event("b", old), sink);          // 25 h before a: a new request
        batcher.add(event("c", old + 1), sink);
        batcher.add(event("d", NOW_MS - 1), sink);   // 25 h after b: a new request
        batcher.drain(sink);

        assertThat(sink.requests).hasSize(3);
        assertThat(sink.messages(0)).containsExactly("{\"m\":\"a\"}");
        assertThat(sink.messages(1)).containsExactly("{\"m\":\"b\"}", "{\"m\":\"c\"}");
        assertThat(sink.messages(2)).containsExactly("{\"m\":\"d\"}");
    }

    @Test
    void exactly24HoursApartIsSplitToo() {
        batcher.add(event("a", NOW_MS - CloudWatchLimits.MAX_SPAN_MILLIS), sink);
        batcher.add(event("b", NOW_MS - 1), sink);
        batcher.add(event("c", NOW_MS), sink);
        batcher.drain(sink);

        assertThat(sink.requests).hasSize(2);
        assertThat(sink.messages(0)).containsExactly("{\"m\":\"a\"}", "{\"m\":\"b\"}");
    }

    @Test
    void tooOldAndTooNewEventsAreNeverSentButRejectedWithTheReasonAndCounted() {
        long maxAge = CloudWatchLimits.MAX_AGE_MILLIS;
        long maxFuture = CloudWatchLimits.MAX_FUTURE_MILLIS;
        batcher.add(event("oldest-accepted", NOW_MS - maxAge), sink);
        batcher.add(event("too-old", NOW_MS - maxAge - 1), sink);
        batcher.add(event("newest-accepted", NOW_MS + maxFuture), sink);
        batcher.add(event("too-new", NOW_MS + maxFuture + 1), sink);
        batcher.add(event("ancient", 0), sink);
        batcher.drain(sink);

        assertThat(sink.requests).hasSize(2); // 14 days apart
        assertThat(sink.allMessages()).containsExactlyInAnyOrder("{\"m\":\"oldest-accepted\"}",
                "{\"m\":\"newest-accepted\"}");
        assertThat(sink.rejects).hasSize(3);
        assertThat(sink.rejects.get(0).event().jsonText()).contains("too-old");
        assertThat(sink.rejects.get(0).reason()).startsWith("TooOldLogEvent").contains("older than 14 days")
                .contains(Instant.ofEpochMilli(NOW_MS - maxAge - 1).toString());
        assertThat(sink.rejects.get(1).reason()).startsWith("TooNewLogEvent").contains("2 hours in the future");
        assertThat(sink.rejects.get(2).reason()).startsWith("TooOldLogEvent");
        assertThat(rejected.tooOld()).isEqualTo(2);
        assertThat(rejected.tooNew()).isEqualTo(1);
        assertThat(rejected.expired()).isZero();
    }

    @Test
    void tenThousandEventsMakeOneFullRequest() {
        for (int i = 0; i < 25_000; i++) {
            batcher.add(event("e", NOW_MS), sink);
        }
        batcher.drain(sink);

        assertThat(sink.requests).extracting(List::size).containsExactly(10_000, 10_000, 5_000);
    }

    @Test
    void requestBytesCountMessageBytesPlus26AndFillTheLimitExactly() {
        int eventBytes = CloudWatchLimits.MAX_REQUEST_BYTES / 4 - CloudWatchLimits.EVENT_OVERHEAD_BYTES; // 262,118
        for (int i = 0; i < 5; i++) {
            batcher.add(sized(eventBytes, NOW_MS), sink);
        }
        batcher.drain(sink);

        assertThat(sink.requests).extracting(List::size).containsExactly(4, 1);
        assertThat(wireBytes(sink.requests.get(0))).isEqualTo(CloudWatchLimits.MAX_REQUEST_BYTES);
    }

    @Test
    void largestEventFitsAloneAndNothingLargerIsEverSent() {
        batcher.add(sized(100, NOW_MS), sink);
        batcher.add(sized(CloudWatchLimits.MAX_EVENT_BYTES, NOW_MS), sink);
        batcher.add(sized(100, NOW_MS), sink);
        batcher.drain(sink);

        assertThat(sink.requests).extracting(List::size).containsExactly(1, 1, 1);

        CloudWatchBatcher small = new CloudWatchBatcher(Clock.fixed(NOW, ZoneOffset.UTC), 10_000, rejected);
        small.add(sized(10_001, NOW_MS), sink);
        assertThat(sink.rejects).singleElement().satisfies(r -> assertThat(r.reason()).startsWith("EventTooLarge"));
    }

    @Test
    void randomSizesWithMultiByteTextNeverExceedALimitCountingUtf8Bytes() {
        Random random = new Random(42);
        String[] alphabet = {"a", "é", "€", "漢", "😀", "\\n"}; // 1, 2, 3, 3, 4 bytes; JSON escape
        int n = 4_000;
        Set<String> sent = new HashSet<>();
        for (int i = 0; i < n; i++) {
            int length = random.nextInt(20) == 0 ? random.nextInt(20_000) : random.nextInt(300);
            StringBuilder text = new StringBuilder("e" + i + ":");
            for (int c = 0; c < length; c++) {
                text.append(alphabet[random.nextInt(alphabet.length)]);
            }
            EncodedEvent e = event(text.toString(), NOW_MS - random.nextInt(3_600_000));
            sent.add(e.jsonText());
            batcher.add(e, sink);
        }
        batcher.drain(sink);

        Set<String> received = new HashSet<>(sink.allMessages());
        assertThat(sink.eventCount()).isEqualTo(n);
        assertThat(received).isEqualTo(sent);
        assertThat(sink.requests.size()).isGreaterThan(1);
        for (List<BatchEntry> request : sink.requests) {
            assertThat(request.size()).isLessThanOrEqualTo(CloudWatchLimits.MAX_EVENTS_PER_REQUEST);
            assertThat(wireBytes(request)).isLessThanOrEqualTo(CloudWatchLimits.MAX_REQUEST_BYTES);
            assertThat(request).isSortedAccordingTo((x, y) -> Long.compare(time(x), time(y)));
        }
        // Byte counting, not char counting: requests with multi-byte text hold fewer events than chars suggest.
        long chars = sink.requests.get(0).stream().mapToLong(e -> ((InputLogEvent) e.wire()).message().length() + 26L)
                .sum();
        assertThat(chars).isLessThan(wireBytes(sink.requests.get(0)));
    }

    private static long time(BatchEntry entry) {
        InputLogEvent wire = entry.wire();
        return wire.timestamp();
    }

    private static long span(List<BatchEntry> request) {
        return time(request.get(request.size() - 1)) - time(request.get(0));
    }

    /** Bytes as CloudWatch Logs counts them, from what would go on the wire. */
    private static long wireBytes(List<BatchEntry> request) {
        long bytes = 0;
        for (BatchEntry entry : request) {
            InputLogEvent wire = entry.wire();
            int eventBytes = wire.message().getBytes(StandardCharsets.UTF_8).length + CloudWatchLimits.EVENT_OVERHEAD_BYTES;
            if (entry.bytes() != eventBytes) {
                throw new AssertionError("entry counts " + entry.bytes() + " bytes, the service " + eventBytes);
            }
            bytes += eventBytes;
        }
        return bytes;
    }

    static final class Recorder implements BatchSink {
        record Reject(EncodedEvent event, String reason) {
        }

        final List<List<BatchEntry>> requests = new ArrayList<>();
        final List<Reject> rejects = new ArrayList<>();

        @Override
        public void emit(List<BatchEntry> entries) {
            requests.add(entries);
        }

        @Override
        public void reject(EncodedEvent event, String reason) {
            rejects.add(new Reject(event, reason));
        }

        List<String> messages(int request) {
            List<String> out = new ArrayList<>();
            for (BatchEntry entry : requests.get(request)) {
                InputLogEvent wire = entry.wire();
                out.add(wire.message());
            }
            return out;
        }

        List<String> allMessages() {
            List<String> out = new ArrayList<>();
            for (int i = 0; i < requests.size(); i++) {
                out.addAll(messages(i));
            }
            return out;
        }

        int eventCount() {
            return requests.stream().mapToInt(List::size).sum();
        }
    }
}

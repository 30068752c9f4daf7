package io.logbeam.core.cloudwatch;

import io.logbeam.core.destination.BatchEntry;
import io.logbeam.core.destination.BatchSink;
import io.logbeam.core.destination.Batcher;
import io.logbeam.core.destination.RequestAccumulator;
import io.logbeam.core.event.EncodedEvent;

import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;

/**
 * Packs events into PutLogEvents requests that CloudWatch Logs accepts as a whole: at most 10,000 events
 * and 1,048,576 bytes (UTF-8 message bytes + 26 per event), sorted by timestamp, spanning less than 24
 * hours. Events the service would refuse for their time (more than 2 hours ahead, older than 14 days) are
 * never sent: they go to the sink's {@link BatchSink#reject reject} with the reason and are counted.
 *
 * <p>Events arrive in publish order, which is not timestamp order when several threads log (or an
 * adapter replays old events), so each request is sorted (stably: equal timestamps keep publish order)
 * when it is emitted. The time span is tracked as events are added, independent of their order: an event
 * that would stretch the open request to 24 hours closes it first. Consumer thread only.
 */
public final class CloudWatchBatcher implements Batcher {

    private static final Comparator<BatchEntry> BY_TIME = Comparator.comparingLong(e -> e.events().get(0).timeMillis());

    private final Clock clock;
    private final int maxEventBytes;
    private final RejectedEvents rejected;
    private final RequestAccumulator request = new RequestAccumulator(CloudWatchLimits.MAX_EVENTS_PER_REQUEST,
            CloudWatchLimits.MAX_REQUEST_BYTES);
    private final SortingSink sorting = new SortingSink();
    private long earliest = Long.MAX_VALUE;
    private long latest = Long.MIN_VALUE;

    /**
     * @param clock         the time the too-old / too-new rules are checked against
     * @param maxEventBytes largest message of one event (the core truncates events to fit it)
     * @param rejected      where events kept back for their time are counted
     */
    public CloudWatchBatcher(Clock clock, int maxEventBytes, RejectedEvents rejected) {
        if (maxEventBytes < 1 || maxEventBytes > CloudWatchLimits.MAX_EVENT_BYTES) {
            throw new IllegalArgumentException("maxEventBytes must be 1.." + CloudWatchLimits.MAX_EVENT_BYTES);
        }
        this.clock = clock;
        this.maxEventBytes = maxEventBytes;
        this.rejected = rejected;
    }

    @Override
    public void add(EncodedEvent event, BatchSink sink) {
        long time = event.timeMillis();
        long now = clock.millis();
        CloudWatchLimits.RejectReason outside = CloudWatchLimits.timeWindow(time, now);
        if (outside != null) {
            rejected.add(outside, 1);
            sink.reject(event, outside.notSent(time, now));
            return;
        }
        if (event.size() > maxEventBytes) {
            // The serializer fits every event to maxEventBytes; keep the request limits safe regardless.
            sink.reject(event, "EventTooLarge: " + event.size() + " bytes exceed maxEventBytes " + maxEventBytes);
            return;
        }
        sorting.target = sink;
        if (!request.isEmpty()
                && !CloudWatchLimits.withinSpan(Math.min(earliest, time), Math.max(latest, time))) {
            request.emit(sorting);
        }
        request.add(entry(event), sorting);
        if (!request.isEmpty()) {
            // The accumulator may have emitted (and so reset the span) before or after adding this event.
            earliest = Math.min(earliest, time);
            latest = Math.max(latest, time);
        }
    }

    @Override
    public void drain(BatchSink sink) {
        sorting.target = sink;
        request.emit(sorting);
    }

    @Override
    public boolean isEmpty() {
        return request.isEmpty();
    }

    private static BatchEntry entry(EncodedEvent event) {
        InputLogEvent wire = InputLogEvent.builder().timestamp(event.timeMillis()).message(event.jsonText()).build();
        return new BatchEntry(wire, List.of(event), CloudWatchLimits.requestBytes(event));
    }

    /** Sorts each full request by time and resets the span before passing it on. */
    private final class SortingSink implements BatchSink {
        BatchSink target;

        @Override
        public void emit(List<BatchEntry> entries) {
            entries.sort(BY_TIME);
            earliest = Long.MAX_VALUE;
            latest = Long.MIN_VALUE;
            target.emit(entries);
        }

        @Override
        public void reject(EncodedEvent event, String reason) {
            target.reject(event, reason);
        }
    }
}

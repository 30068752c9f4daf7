package io.logbeam.core.cloudwatch;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the events CloudWatch Logs refuses for their time, whether the batcher kept them back (it could
 * tell in advance) or the service rejected them in {@code rejectedLogEventsInfo}. Each of them also goes
 * to the fallback with its reason and is counted there by the shipper.
 */
public final class RejectedEvents {

    private final Map<CloudWatchLimits.RejectReason, LongAdder> counts =
            new EnumMap<>(CloudWatchLimits.RejectReason.class);

    RejectedEvents() {
        for (CloudWatchLimits.RejectReason reason : CloudWatchLimits.RejectReason.values()) {
            counts.put(reason, new LongAdder());
        }
    }

    void add(CloudWatchLimits.RejectReason reason, long n) {
        counts.get(reason).add(n);
    }

    /** Events more than 2 hours in the future. */
    public long tooNew() {
        return counts.get(CloudWatchLimits.RejectReason.TOO_NEW).sum();
    }

    /** Events older than 14 days. */
    public long tooOld() {
        return counts.get(CloudWatchLimits.RejectReason.TOO_OLD).sum();
    }

    /** Events older than the log group's retention (only the service can tell). */
    public long expired() {
        return counts.get(CloudWatchLimits.RejectReason.EXPIRED).sum();
    }

    /** All of them. */
    public long total() {
        return tooNew() + tooOld() + expired();
    }

    @Override
    public String toString() {
        return "tooNew=" + tooNew() + ", tooOld=" + tooOld() + ", expired=" + expired();
    }
}

package io.logbeam.testkit;

import java.time.Duration;
import java.util.Objects;

/**
 * CloudWatch Logs PutLogEvents limits that {@link LocalAwsEndpoint} enforces.
 *
 * @param maxEventsPerBatch largest number of events in one call
 * @param maxBatchBytes     largest call, counted as the sum of (UTF-8 message bytes + {@code perEventOverhead})
 * @param maxEventBytes     largest single event, counted the same way
 * @param perEventOverhead  the bytes the service adds to each message when counting (26)
 * @param maxBatchSpan      largest distance between the first and last timestamp of one call
 * @param maxFutureSkew     events further ahead of the endpoint's clock are rejected individually as too new
 * @param maxAge            events older than this are rejected individually as too old
 */
public record LogsLimits(int maxEventsPerBatch, int maxBatchBytes, int maxEventBytes, int perEventOverhead,
                         Duration maxBatchSpan, Duration maxFutureSkew, Duration maxAge) {

    /** The service's current limits: 10,000 events, 1,048,576 bytes per call and per event, 24 h, 2 h, 14 days. */
    public static final LogsLimits DEFAULT = new LogsLimits(10_000, 1_048_576, 1_048_576, 26,
            Duration.ofHours(24), Duration.ofHours(2), Duration.ofDays(14));

    /** Checks that every limit is positive. */
    public LogsLimits {
        Objects.requireNonNull(maxBatchSpan, "maxBatchSpan");
        Objects.requireNonNull(maxFutureSkew, "maxFutureSkew");
        Objects.requireNonNull(maxAge, "maxAge");
        if (maxEventsPerBatch <= 0 || maxBatchBytes <= 0 || maxEventBytes <= perEventOverhead || perEventOverhead < 0) {
            throw new IllegalArgumentException("invalid limits");
        }
    }

    /** The same limits with another per-event maximum, e.g. {@code 262_144} for the service's former 256 KiB. */
    public LogsLimits withMaxEventBytes(int newMaxEventBytes) {
        return new LogsLimits(maxEventsPerBatch, maxBatchBytes, newMaxEventBytes, perEventOverhead, maxBatchSpan,
                maxFutureSkew, maxAge);
    }

    /** Largest UTF-8 message that fits one event: {@code maxEventBytes - perEventOverhead}. */
    public int maxMessageBytes() {
        return maxEventBytes - perEventOverhead;
    }
}

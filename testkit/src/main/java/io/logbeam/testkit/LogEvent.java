package io.logbeam.testkit;

import java.util.Objects;

/**
 * One CloudWatch Logs event that {@link LocalAwsEndpoint} stored.
 *
 * @param timestamp     the event's timestamp (epoch millis) as sent
 * @param message       the message as sent
 * @param ingestionTime when the endpoint accepted it (epoch millis, endpoint clock)
 */
public record LogEvent(long timestamp, String message, long ingestionTime) {

    /** Validates that the message is present. */
    public LogEvent {
        Objects.requireNonNull(message, "message");
    }
}

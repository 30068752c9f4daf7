package io.logbeam.core.cloudwatch;

import io.logbeam.core.event.EncodedEvent;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Every CloudWatch Logs rule Logbeam must respect, in one place: PutLogEvents request limits, the event
 * time window, and the names and values CreateLogGroup / CreateLogStream / PutRetentionPolicy accept.
 * Figures from the CloudWatch Logs API reference (PutLogEvents, CreateLogGroup, PutRetentionPolicy).
 */
public final class CloudWatchLimits {

    /** Events in one PutLogEvents call. */
    public static final int MAX_EVENTS_PER_REQUEST = 10_000;
    /** Bytes in one call, counted as UTF-8 message bytes plus {@link #EVENT_OVERHEAD_BYTES} per event. */
    public static final int MAX_REQUEST_BYTES = 1_048_576;
    /** What the service adds to each message when it counts a request's size. */
    public static final int EVENT_OVERHEAD_BYTES = 26;
    /** Largest message of one event: 1 MiB including the per-event overhead. */
    public static final int MAX_EVENT_BYTES = MAX_REQUEST_BYTES - EVENT_OVERHEAD_BYTES;
    /** The former per-event limit (256 KiB including the overhead), for accounts or emulators still on it. */
    public static final int LEGACY_MAX_EVENT_BYTES = 262_144 - EVENT_OVERHEAD_BYTES;
    /**
     * One request must span less than this between its first and last timestamp (the service says "not more
     * than 24 hours"; staying strictly below avoids depending on how it rounds the boundary).
     */
    public static final long MAX_SPAN_MILLIS = TimeUnit.HOURS.toMillis(24);
    /** Events further in the future than this are rejected by the service. */
    public static final long MAX_FUTURE_MILLIS = TimeUnit.HOURS.toMillis(2);
    /** Events older than this are rejected by the service (or older than the group's retention). */
    public static final long MAX_AGE_MILLIS = TimeUnit.DAYS.toMillis(14);

    /** The retention periods PutRetentionPolicy accepts, in days. */
    public static final List<Integer> RETENTION_DAYS = List.of(1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400,
            545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653);
    /** Log group classes a group created by the appender may have. */
    public static final List<String> LOG_GROUP_CLASSES = List.of("STANDARD", "INFREQUENT_ACCESS");

    /** Longest log group or log stream name. */
    public static final int MAX_NAME_LENGTH = 512;
    private static final Pattern GROUP_NAME = Pattern.compile("[.\\-_/#A-Za-z0-9]+");

    private CloudWatchLimits() {
    }

    /** What one event counts against {@link #MAX_REQUEST_BYTES}: its UTF-8 message bytes plus the overhead. */
    public static int requestBytes(EncodedEvent event) {
        return event.size() + EVENT_OVERHEAD_BYTES;
    }

    /**
     * Why the service would reject an event with time {@code eventMillis} when sent at {@code nowMillis},
     * or null when it is inside the window.
     */
    static RejectReason timeWindow(long eventMillis, long nowMillis) {
        if (eventMillis > nowMillis + MAX_FUTURE_MILLIS) {
            return RejectReason.TOO_NEW;
        }
        if (eventMillis < nowMillis - MAX_AGE_MILLIS) {
            return RejectReason.TOO_OLD;
        }
        return null;
    }

    /** Whether two timestamps may be in the same request. */
    static boolean withinSpan(long earliestMillis, long latestMillis) {
        return latestMillis - earliestMillis < MAX_SPAN_MILLIS;
    }

    /** Null when {@code name} is a valid log group name, else what is wrong with it. */
    static String logGroupNameProblem(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
            return "'" + name + "' must have 1 to " + MAX_NAME_LENGTH + " characters";
        }
        if (!GROUP_NAME.matcher(name).matches()) {
            return "'" + name + "' may contain only letters, digits and . - _ / #";
        }
        return null;
    }

    /** Null when {@code name} is a valid log stream name, else what is wrong with it. */
    static String logStreamNameProblem(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
            return "'" + name + "' must have 1 to " + MAX_NAME_LENGTH + " characters";
        }
        if (name.indexOf(':') >= 0 || name.indexOf('*') >= 0) {
            return "'" + name + "' must not contain ':' or '*'";
        }
        return null;
    }

    /** Why CloudWatch Logs refuses an event for good, as the fallback and the counters name it. */
    enum RejectReason {
        /** More than 2 hours ahead of the service's clock. */
        TOO_NEW("TooNewLogEvent", "more than 2 hours in the future"),
        /** More than 14 days in the past. */
        TOO_OLD("TooOldLogEvent", "older than 14 days"),
        /** Older than the log group's retention period. */
        EXPIRED("ExpiredLogEvent", "older than the log group's retention period");

        final String code;
        final String rule;

        RejectReason(String code, String rule) {
            this.code = code;
            this.rule = rule;
        }

        /** The reason given to the fallback for an event the batcher did not send. */
        String notSent(long eventMillis, long nowMillis) {
            return code + ": event time " + Instant.ofEpochMilli(eventMillis) + " is " + rule + " (now "
                    + Instant.ofEpochMilli(nowMillis) + "); CloudWatch Logs would reject it, so it was not sent";
        }

        /** The message of the failure for an event the service rejected. */
        String rejectedByService() {
            return "CloudWatch Logs rejected the event: " + rule;
        }
    }
}

package io.logbeam.core.event;


import java.io.IOException;

/**
 * The framework glue: what the core needs to know about a framework's log event. Implemented once by the
 * Logback adapter and once by the Log4j2 adapter.
 *
 * <p>{@link #timeMillis}, {@link #loggerName}, {@link #mdcValue}, {@link #keyValue} and {@link #markerValue}
 * may be called on application threads (to resolve the log type, apply the allow-list and the recursion
 * guard before the event takes a ring slot), so they must be cheap and must only read the event snapshot
 * the adapter published. {@link #writeFields} runs on the consumer thread only.
 *
 * @param <E> the framework's event type, as published (already snapshotted for deferred processing)
 */
public interface EventAdapter<E> {

    /** The event time in epoch milliseconds. */
    long timeMillis(E event);

    /** The logger name, for the recursion guard. */
    String loggerName(E event);

    /** The MDC (Log4j2: thread context map) value under {@code key}, or null. */
    String mdcValue(E event, String key);

    /**
     * The structured key-value pair under {@code key} (SLF4J 2 key-value pairs, Log4j2 {@code MapMessage}
     * entries), or null.
     */
    Object keyValue(E event, String key);

    /**
     * The rest of the name of the first marker whose name starts with {@code prefix} and is longer than it
     * ({@code log_type:audit} with prefix {@code log_type:} gives {@code audit}), or null. The event's own
     * markers are looked at first, then the markers they reference (Logback) or their parents (Log4j2), to a
     * bounded depth so that a cyclic marker graph ends. Runs on the application thread for the log type: must
     * allocate nothing when the event has no marker. The default: frameworks without markers have none.
     *
     * @param prefix not null, not empty
     */
    default String markerValue(E event, String prefix) {
        return null;
    }

    /**
     * About how much heap the published event keeps while it waits in the ring, for the ring's byte budget
     * ({@code bufferMaxBytes}). Runs on the application thread for every event when the budget is on: it must be
     * cheap (a few field reads: lengths and counts, no iteration over contents, no allocation) rather than exact.
     * The default is a fixed size for frameworks that can not tell.
     */
    default long retainedBytes(E event) {
        return RetainedBytes.EVENT;
    }

    /**
     * Writes the event's own fields in the documented order: level, logger, thread, message, MDC entries,
     * key-values, markers, context stack, exception, caller. The core has already written
     * {@code log_type}, {@code log_id} and {@code time}, and adds host, Lambda and static fields after.
     */
    void writeFields(E event, FieldWriter out) throws IOException;
}

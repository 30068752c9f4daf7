package io.logbeam.core.destination;

/** Read access to the event being encoded, for routing decisions made on the consumer thread. */
public interface EventLookup {

    /** The event's MDC value under {@code key}, or null. */
    String mdc(String key);

    /** The event's key-value pair under {@code key}, or null. */
    Object keyValue(String key);
}

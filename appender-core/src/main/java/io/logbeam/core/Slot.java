package io.logbeam.core;

/**
 * One ring-buffer slot, preallocated and reused: an event to ship, or a flush marker that travels
 * behind the events published before it.
 */
final class Slot<E> {
    E event;
    String logType;
    String lambdaRequestId;
    boolean lambdaColdStart;
    boolean urgent;
    FlushRequest flush;

    void clear() {
        event = null;
        logType = null;
        lambdaRequestId = null;
        lambdaColdStart = false;
        urgent = false;
        flush = null;
    }
}

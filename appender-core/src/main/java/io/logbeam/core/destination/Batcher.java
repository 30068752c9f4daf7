package io.logbeam.core.destination;

import io.logbeam.core.event.EncodedEvent;

/**
 * Packs encoded events into requests that respect one destination's exact limits (entry count, bytes
 * per request, bytes per entry, and any ordering or time-window rule). Holds the open batch between
 * calls. Used by the consumer thread only.
 */
public interface Batcher {

    /** Adds {@code event}; emits a request to {@code sink} whenever one is full. */
    void add(EncodedEvent event, BatchSink sink);

    /** Emits everything held (linger expired, flush, urgent event, stop). */
    void drain(BatchSink sink);

    /** Whether nothing is held. */
    boolean isEmpty();
}

package io.logbeam.core.engine;

import io.logbeam.core.event.EventCarriers;
import io.logbeam.core.event.LambdaContext;

/**
 * One ring-buffer slot, preallocated and reused: an event to ship, or a flush marker that travels
 * behind the events published before it.
 *
 * <p>With {@link EventCarriers}, the slot also owns a carrier: {@link Shipper#publishCopy} fills it and points
 * {@link #event} at it, and {@link #clear} releases it, so a carrier is never read after its slot is cleared.
 */
final class Slot<E> {
    /** This slot's own mutable event, or null without carriers. */
    final E carrier;
    private final EventCarriers<E> carriers;
    E event;
    String logType;
    LambdaContext.Invocation lambdaInvocation;
    boolean lambdaColdStart;
    boolean urgent;
    /** What the event counts against the ring's byte budget; given back when the slot is cleared. */
    long bytes;
    FlushRequest flush;

    Slot() {
        this(null);
    }

    Slot(EventCarriers<E> carriers) {
        this.carriers = carriers;
        this.carrier = carriers == null ? null : carriers.newCarrier();
    }

    void clear() {
        boolean carried = event != null && event == carrier;
        event = null;
        logType = null;
        lambdaInvocation = null;
        lambdaColdStart = false;
        urgent = false;
        bytes = 0;
        flush = null;
        if (carried) {
            carriers.release(carrier);
        }
    }

    /** Empties the carrier after a copy that failed (the slot never pointed at it). */
    void releaseCarrier() {
        carriers.release(carrier);
    }
}

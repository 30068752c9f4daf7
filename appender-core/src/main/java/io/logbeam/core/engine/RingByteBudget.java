package io.logbeam.core.engine;

import java.util.concurrent.atomic.LongAdder;

/**
 * The ring's byte budget ({@code bufferMaxBytes}): the approximate heap held by events published and not yet
 * encoded. Publishers check {@link #isFull} before they claim a slot and {@link #take} once the slot is filled; the
 * consumer {@link #release}s a slot's bytes when it is done with it.
 *
 * <p>It is a soft bound, like a log shipper's memory buffer limit: an event is admitted while the ring holds less
 * than the budget, whatever its own size, so the ring may exceed the budget by at most one event per publishing
 * thread. In exchange the check is a read of a few counters, with no lock and no compare-and-set loop shared
 * with the consumer (a {@link LongAdder}: publishers and the consumer add to their own cells).
 */
final class RingByteBudget {

    private final long maxBytes;
    private final LongAdder held = new LongAdder();

    /** @param maxBytes the budget; 0 for none */
    RingByteBudget(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    boolean enabled() {
        return maxBytes > 0;
    }

    long maxBytes() {
        return maxBytes;
    }

    /** Whether a new event must wait or be dropped. Always false without a budget. */
    boolean isFull() {
        return maxBytes > 0 && held.sum() >= maxBytes;
    }

    /** Past half the budget: time for a spool to take batches off the ring's back (see {@link Sender#useSpool}). */
    boolean isOverHalf() {
        return maxBytes > 0 && held.sum() > maxBytes / 2;
    }

    void take(long bytes) {
        held.add(bytes);
    }

    void release(long bytes) {
        if (bytes != 0) {
            held.add(-bytes);
        }
    }

    /** The bytes held now (approximate while events are published). */
    long held() {
        return held.sum();
    }
}

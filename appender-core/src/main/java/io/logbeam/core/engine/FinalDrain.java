package io.logbeam.core.engine;

import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * At a stop, once the ring's processor has ended: hands every event it never reached to the handler (which, past the
 * stop deadline, gives batches to the spool or the fallback). Runs on the consumer thread.
 *
 * <p>Application threads may still be publishing: one that saw the appender running, or waited for room under
 * {@code overflowPolicy=block}, can claim a slot at any moment. So the ring is sealed first: every free slot is
 * claimed here and never published, after which no publisher can get one (they write to the fallback themselves, see
 * {@link LateEvents}). What publishers claimed before is published within moments (nothing between claim and publish
 * blocks) and drained; a slot still unpublished at the deadline is counted as dropped, never ignored.
 *
 * @param <E> the framework's event type
 */
final class FinalDrain<E> {

    private final RingBuffer<Slot<E>> ring;
    private final Sequence processed;
    private final ShippingHandler<E> handler;
    private final RingByteBudget budget;
    private final ShipperStats stats;
    private final LongAdder droppedWhileStopping;

    FinalDrain(RingBuffer<Slot<E>> ring, Sequence processed, ShippingHandler<E> handler, RingByteBudget budget,
            ShipperStats stats, LongAdder droppedWhileStopping) {
        this.ring = ring;
        this.processed = processed;
        this.handler = handler;
        this.budget = budget;
        this.stats = stats;
        this.droppedWhileStopping = droppedWhileStopping;
    }

    /** Drains the ring, waiting until {@code deadlineNanos} (at least 50 ms) for slots claimed and not yet published. */
    void drain(long deadlineNanos) {
        long next = processed.get() + 1;
        List<long[]> sealed = seal();
        long cursor = ring.getCursor();
        long waitUntil = Math.max(deadlineNanos, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(50));
        long unpublished = 0;
        for (long seq = next; seq <= cursor; seq++) {
            if (isSealed(sealed, seq)) {
                continue;
            }
            // A publisher may sit between claim and publish for a moment.
            while (!ring.isAvailable(seq) && System.nanoTime() - waitUntil < 0) {
                Thread.onSpinWait();
            }
            if (!ring.isAvailable(seq)) {
                unpublished++;
                continue;
            }
            Slot<E> slot = ring.get(seq);
            if (slot.flush != null) {
                slot.flush.complete();
            } else if (slot.event != null) {
                handler.ship(slot.event, slot.logType, slot.lambdaInvocation, slot.lambdaColdStart, false);
            }
            budget.release(slot.bytes);
            slot.clear();
        }
        if (unpublished > 0) {
            stats.dropped.add(unpublished);
            droppedWhileStopping.add(unpublished);
        }
        handler.drainAll();
    }

    /** Claims every free slot of the ring (the consumer has ended, so none frees up); the claimed ranges. */
    private List<long[]> seal() {
        List<long[]> ranges = new ArrayList<>();
        for (int free = (int) ring.remainingCapacity(); free > 0; free = (int) ring.remainingCapacity()) {
            try {
                long last = ring.tryNext(free);
                ranges.add(new long[] {last - free + 1, last});
            } catch (InsufficientCapacityException e) {
                // a publisher took a slot meanwhile: claim what is left
            }
        }
        return ranges;
    }

    private static boolean isSealed(List<long[]> ranges, long seq) {
        for (long[] range : ranges) {
            if (seq >= range[0] && seq <= range[1]) {
                return true;
            }
        }
        return false;
    }
}

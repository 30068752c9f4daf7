package io.logbeam.core.engine;

import io.logbeam.core.event.EventAdapter;
import io.logbeam.core.event.EventCarriers;
import io.logbeam.core.event.EventCopier;
import io.logbeam.core.event.LambdaContext;
import io.logbeam.core.event.LogTypes;
import io.logbeam.core.event.RetainedBytes;
import io.logbeam.core.util.ProblemReporter;

import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;

import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * The application threads' side of a shipper: what a log call does. It resolves the log type and applies the
 * recursion guard and the allow-list before a slot is claimed (an event that is not shipped takes no slot), takes the
 * Lambda invocation on the logging thread, claims a slot of the multi-producer ring (waiting under
 * {@code overflowPolicy=block}, dropping and counting otherwise, also when the ring is over {@code bufferMaxBytes}),
 * fills it (a reference, or a copy into the slot's preallocated carrier) and publishes it, waking the consumer only
 * once per quarter of the ring or for an urgent event. Never any I/O; events published once the shipper stops go to
 * {@link LateEvents}.
 *
 * @param <E> the framework's event type
 */
final class RingPublisher<E> {

    private final ShipperConfig config;
    private final EventAdapter<E> encoder;
    private final LogTypes logTypes;
    private final boolean lambda;
    private final ShipperStats stats;
    private final ProblemReporter problems;
    private final RingBuffer<Slot<E>> ring;
    private final WakeOnDemandWaitStrategy waitStrategy;
    private final long wakeMask;
    private final RingByteBudget budget;
    private final LateEvents<E> lateEvents;
    private final LongAdder droppedOverBudget;
    private final BooleanSupplier running;
    private final BooleanSupplier stopped;
    /**
     * The slots' carriers by ring index, or null: a copy finds its carrier here rather than through the slot, so the
     * log call does not wait for the slot's (usually cold) memory to be read before it can copy.
     */
    private final Object[] carrierByIndex;
    private final int indexMask;

    RingPublisher(ShipperConfig config, EventAdapter<E> encoder, EventCarriers<E> carriers, LogTypes logTypes,
            boolean lambda, ShipperStats stats, ProblemReporter problems, RingBuffer<Slot<E>> ring,
            WakeOnDemandWaitStrategy waitStrategy, RingByteBudget budget, LateEvents<E> lateEvents,
            LongAdder droppedOverBudget, BooleanSupplier running, BooleanSupplier stopped) {
        this.config = config;
        this.encoder = encoder;
        this.logTypes = logTypes;
        this.lambda = lambda;
        this.stats = stats;
        this.problems = problems;
        this.ring = ring;
        this.waitStrategy = waitStrategy;
        this.budget = budget;
        this.lateEvents = lateEvents;
        this.droppedOverBudget = droppedOverBudget;
        this.running = running;
        this.stopped = stopped;
        this.indexMask = config.bufferSize() - 1;
        if (carriers != null) {
            this.carrierByIndex = new Object[config.bufferSize()];
            for (int i = 0; i < carrierByIndex.length; i++) {
                carrierByIndex[i] = ring.get(i).carrier;
            }
        } else {
            this.carrierByIndex = null;
        }
        // A publish wakes the consumer once per quarter of the ring, not each time (see WakeOnDemandWaitStrategy).
        this.wakeMask = Math.max(1, config.bufferSize() / 4) - 1;
    }

    /** {@code copier} null: the slot references {@code event}; else it gets a copy in its carrier. */
    boolean publish(E event, EventCopier<E> copier, boolean urgent) {
        if (RecursionGuard.onShipperThread() || RecursionGuard.isInternalLogger(encoder.loggerName(event))) {
            return false;
        }
        String logType = logTypes.resolve(encoder, event);
        if (!logTypes.allows(logType)) {
            stats.filtered.increment();
            return false;
        }
        stats.published.increment();
        if (!running.getAsBoolean()) {
            lateEvents.write(event, logType); // the source is valid during this call
            return false;
        }
        // Taken on the logging thread, before the slot is claimed (a claimed slot holds the consumer back).
        LambdaContext.Invocation invocation = lambda ? lambdaInvocation(event) : null;
        boolean coldStart = lambda && LambdaContext.isColdStart(invocation == null ? null : invocation.requestId());
        boolean block = config.overflowPolicy() == OverflowPolicy.BLOCK;
        long deadline = block ? System.nanoTime() + config.blockTimeout().toNanos() : 0;
        if (budget.isFull() && !(block && awaitBudget(deadline))) {
            stats.dropped.increment();
            droppedOverBudget.increment();
            return false;
        }
        long seq = block ? claim(true, deadline) : claim(false, 0);
        if (seq < 0) {
            stats.dropped.increment();
            return false;
        }
        Slot<E> slot = ring.get(seq);
        if (copier == null) {
            slot.event = event;
        } else if (!copyInto(slot, event, copier, seq)) {
            return false;
        }
        if (budget.enabled()) {
            long bytes = retainedBytes(slot.event);
            slot.bytes = bytes;
            budget.take(bytes); // before the slot is published: the consumer gives it back after that
        }
        slot.logType = logType;
        slot.urgent = urgent;
        slot.lambdaInvocation = invocation;
        slot.lambdaColdStart = coldStart;
        ring.publish(seq);
        if (urgent || (seq & wakeMask) == 0) {
            waitStrategy.wake();
        }
        return true;
    }

    /**
     * Fills the claimed slot's carrier. When the copy fails, the slot is published empty (a claimed sequence must
     * always be published, or the consumer would wait for it forever) and the event counts as dropped.
     */
    @SuppressWarnings("unchecked")
    private boolean copyInto(Slot<E> slot, E source, EventCopier<E> copier, long seq) {
        boolean copied = false;
        try {
            E carrier = (E) carrierByIndex[(int) seq & indexMask]; // the same as slot.carrier
            copier.copy(source, carrier);
            slot.event = carrier;
            copied = true;
        } catch (RuntimeException | LinkageError e) {
            stats.error("event could not be copied: " + e);
            problems.once("copy:" + e.getClass().getName(), "an event could not be copied on the logging thread and "
                    + "is dropped: " + e);
        } finally {
            if (!copied) {
                slot.releaseCarrier();
                stats.dropped.increment();
                ring.publish(seq); // empty: the consumer skips it
            }
        }
        return copied;
    }

    /** See {@link LambdaContext}: this thread's invocation, the event's MDC, the only invocation running. */
    private LambdaContext.Invocation lambdaInvocation(E event) {
        LambdaContext.Invocation own = LambdaContext.threadInvocation();
        if (own != null) {
            return own;
        }
        String id;
        try {
            id = encoder.mdcValue(event, LambdaContext.MDC_KEY);
        } catch (RuntimeException e) {
            id = null; // a broken adapter must not cost the event
        }
        return id != null ? LambdaContext.invocationOf(id) : LambdaContext.soleInvocation();
    }

    private long retainedBytes(E event) {
        try {
            return Math.max(0, encoder.retainedBytes(event));
        } catch (RuntimeException e) {
            return RetainedBytes.EVENT; // a broken estimate must not cost the event
        }
    }

    /** Waits until the ring is under its byte budget; false if it was not before the deadline (or at a stop). */
    private boolean awaitBudget(long deadlineNanos) {
        return waitFor(() -> budget.isFull() ? -1 : 0, deadlineNanos) >= 0;
    }

    /** A free sequence, or -1 when there is none (and, if {@code wait}, none came before the deadline). */
    private long claim(boolean wait, long deadlineNanos) {
        long seq = tryClaim();
        return seq >= 0 || !wait ? seq : waitFor(this::tryClaim, deadlineNanos);
    }

    private long tryClaim() {
        try {
            return ring.tryNext();
        } catch (InsufficientCapacityException full) {
            return -1;
        }
    }

    /**
     * Retries {@code attempt} (a result, or -1 for none yet) with growing pauses, waking the consumer each time so that
     * it makes room, until there is a result, the deadline has passed or the shipper has stopped (-1 then).
     */
    private long waitFor(LongSupplier attempt, long deadlineNanos) {
        long park = 1_000;
        while (!stopped.getAsBoolean()) {
            waitStrategy.wake();
            LockSupport.parkNanos(park);
            long result = attempt.getAsLong();
            if (result >= 0) {
                return result;
            }
            if (System.nanoTime() - deadlineNanos >= 0) {
                return -1;
            }
            park = Math.min(park * 2, 1_000_000);
        }
        return -1;
    }

    /** Puts a flush marker behind the events published so far; null if there was no room before the deadline. */
    FlushRequest publishFlush(long deadlineNanos) {
        if (RecursionGuard.onShipperThread()) {
            return null; // a shipper thread waiting for its own pipeline would deadlock
        }
        if (stopped.getAsBoolean()) {
            return FlushRequest.completed();
        }
        long seq = claim(true, deadlineNanos);
        if (seq < 0) {
            return null;
        }
        FlushRequest request = new FlushRequest();
        ring.get(seq).flush = request;
        ring.publish(seq);
        waitStrategy.wake();
        return request;
    }

}

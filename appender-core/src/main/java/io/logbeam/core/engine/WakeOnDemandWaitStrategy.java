package io.logbeam.core.engine;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.TimeoutException;
import com.lmax.disruptor.WaitStrategy;

import java.util.concurrent.locks.LockSupport;

/**
 * How the shipper's consumer waits for events: parked, waking every {@code tick} on its own (to close lingering
 * batches) and when a publisher calls {@link #wake()}, but not on every publish.
 *
 * <p>Waking a parked thread is a system call that costs the publishing application thread microseconds, far more
 * than the rest of a publish. Blocking wait strategies pay it on every publish that finds the consumer asleep,
 * which, at the moderate rates applications log at, is nearly every publish. Waking it is pointless for single
 * events: they wait in a batch for up to {@code maxBatchDelay} anyway, longer than a tick. So the shipper wakes
 * the consumer only when it matters: when a part of the ring has filled (so a burst never finds the ring full
 * while the consumer sleeps), for an urgent event, for a flush marker, and when halting.
 */
final class WakeOnDemandWaitStrategy implements WaitStrategy {

    private final long tickNanos;
    private volatile Thread sleeper;

    /**
     * @param tickNanos longest sleep; the consumer then gets {@code onTimeout}
     */
    WakeOnDemandWaitStrategy(long tickNanos) {
        this.tickNanos = tickNanos;
    }

    @Override
    public long waitFor(long sequence, Sequence cursor, Sequence dependentSequence, SequenceBarrier barrier)
            throws AlertException, TimeoutException {
        long available = dependentSequence.get();
        if (available >= sequence) {
            return available;
        }
        long deadline = System.nanoTime() + tickNanos;
        Thread self = Thread.currentThread();
        while ((available = dependentSequence.get()) < sequence) {
            barrier.checkAlert();
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw TimeoutException.INSTANCE;
            }
            sleeper = self;
            // Checked again after announcing the sleep: a publisher that advanced the sequence before seeing the
            // announcement is seen here; one that saw it unparks us (and an unpark before the park is kept).
            if (dependentSequence.get() < sequence && !barrier.isAlerted()) {
                LockSupport.parkNanos(this, left);
            }
            sleeper = null;
        }
        return available;
    }

    /** Called by the ring on every publish and by halting: deliberately nothing (see the class comment). */
    @Override
    public void signalAllWhenBlocking() {
    }

    /** Wakes the consumer if it is parked; cheap when it is not. */
    void wake() {
        Thread parked = sleeper;
        if (parked != null) {
            LockSupport.unpark(parked);
        }
    }
}

package io.logbeam.core.engine;

import io.logbeam.core.destination.BatchEntry;
import io.logbeam.core.destination.BatchSink;
import io.logbeam.core.destination.Batcher;
import io.logbeam.core.destination.Destination;
import io.logbeam.core.event.EncodedEvent;
import io.logbeam.core.spool.Spool;
import io.logbeam.core.spool.SpoolChunk;
import io.logbeam.core.util.ProblemReporter;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Sends the spooled events back, oldest first: reads a chunk of records, packs it with a batcher of its own, and
 * submits the batches through the {@link Sender} (each batch with its retries, like live ones), never holding
 * a permit the consumer is waiting for. A chunk is settled in the spool once all of its batches are; the spool
 * then advances its checkpoint and deletes replayed segments.
 *
 * <p>When replayed batches can not be delivered (retries exhausted, destination unusable), the replayer keeps
 * them in memory (their events are still in the spool) and pauses: 1 s, doubling up to a minute, or until a
 * request delivers again, whichever comes first. A failure seen on live traffic pauses it the same way, so a
 * down destination costs one replay probe per pause, not a stream of doomed requests.
 *
 * <p>Runs as short steps on the sender pool, one at a time; wakes on start, on deliveries, on freed permits
 * while it waits for one, on settled batches and at the end of a pause.
 */
final class SpoolReplayer implements SenderListener {

    /** Records per chunk: enough for several requests of any destination. */
    static final int CHUNK_EVENTS = 10_000;
    /** JSON bytes per chunk, about one Kinesis request. */
    static final long CHUNK_BYTES = 4L * 1024 * 1024;
    static final long FIRST_PAUSE_NANOS = TimeUnit.SECONDS.toNanos(1);
    static final long MAX_PAUSE_NANOS = TimeUnit.MINUTES.toNanos(1);
    private static final long NO_TIMER = Long.MIN_VALUE;

    /** Records read together; settled when every batch made from them is. */
    private static final class Chunk {
        final SpoolChunk records;
        int unsettledBatches;

        Chunk(SpoolChunk records) {
            this.records = records;
        }
    }

    /** One replayed request's entries. */
    private final class Batch implements ReplayBatch {
        final Chunk chunk;
        final List<BatchEntry> entries;
        List<BatchEntry> handedBack; // set by the sender before settled(), read by the step after

        Batch(Chunk chunk, List<BatchEntry> entries) {
            this.chunk = chunk;
            this.entries = entries;
        }

        @Override
        public void handBack(List<BatchEntry> notDelivered) {
            handedBack = notDelivered;
        }

        @Override
        public void settled() {
            completed.add(this);
            wake();
        }
    }

    private final Spool spool;
    private final Sender sender;
    private final Destination destination;
    private final Batcher batcher;
    private final FallbackSink fallback;
    private final ProblemReporter problems;
    private final ScheduledExecutorService pool;

    private final AtomicInteger wakeups = new AtomicInteger();
    /** When the pending timer wakes us ({@link System#nanoTime()}), or {@link #NO_TIMER}; cleared by the timer. */
    private final AtomicLong timerAt = new AtomicLong(NO_TIMER);
    private final ConcurrentLinkedQueue<Batch> completed = new ConcurrentLinkedQueue<>();
    private volatile boolean deliveredSignal;
    private volatile boolean failingSignal;
    private volatile boolean wantsPermit;
    private volatile boolean paused;
    private volatile int waiting;
    private volatile boolean stopped;

    // Confined to step() / close(), which hold this monitor.
    private final ArrayDeque<Batch> ready = new ArrayDeque<>();
    private final List<List<BatchEntry>> emitted = new ArrayList<>();
    private boolean recovered;
    private boolean closed;
    private long pausedUntil;
    private long pauseNanos = FIRST_PAUSE_NANOS;

    SpoolReplayer(Spool spool, Sender sender, Destination destination, FallbackSink fallback,
            ProblemReporter problems) {
        this.spool = spool;
        this.sender = sender;
        this.destination = destination;
        this.batcher = destination.newBatcher();
        this.fallback = fallback;
        this.problems = problems;
        this.pool = sender.pool();
    }

    /** Reads what an earlier run left and replays it, in the background. */
    void start() {
        wake();
    }

    // ---------------------------------------------------------------- signals (sender threads; never block)

    @Override
    public void delivered() {
        deliveredSignal = true;
        if (paused || waiting > 0 || spool.hasUnread()) {
            wake();
        }
    }

    @Override
    public void failing() {
        if (!paused) {
            failingSignal = true;
            wake();
        }
    }

    @Override
    public void permitFreed() {
        if (wantsPermit) {
            wake();
        }
    }

    private void wake() {
        if (wakeups.getAndIncrement() == 0) {
            try {
                pool.execute(this::run);
            } catch (RejectedExecutionException e) {
                wakeups.set(0); // stopping: close() finishes the work
            }
        }
    }

    private void run() {
        int seen;
        do {
            seen = wakeups.get();
            try {
                step();
            } catch (RuntimeException | LinkageError e) {
                problems.once("replay:" + e.getClass().getName(), "spool replay failed: " + e
                        + "; it resumes at the next delivery");
            }
        } while (wakeups.addAndGet(-seen) != 0);
    }

    // ---------------------------------------------------------------- the work

    private synchronized void step() {
        wantsPermit = false;
        if (closed) {
            return;
        }
        if (!recovered) {
            spool.recover(() -> stopped);
            recovered = true;
        }
        if (stopped) {
            return; // close() settles the rest on the stopping thread, out of reach of the pool's shutdownNow()
        }
        long now = System.nanoTime();
        for (Batch b; (b = completed.poll()) != null; ) {
            complete(b, now);
        }
        if (failingSignal) {
            failingSignal = false;
            if (!paused) {
                pause(now);
            }
        }
        if (deliveredSignal) {
            deliveredSignal = false;
            paused = false;
            pauseNanos = FIRST_PAUSE_NANOS;
        }
        if (paused) {
            if (now - pausedUntil < 0) {
                armTimer(now, pausedUntil);
                return;
            }
            paused = false; // probe: the next batch tells whether the destination accepts again
        }
        while (!stopped) {
            Batch next = ready.peekFirst();
            if (next == null) {
                SpoolChunk records = spool.nextChunk(CHUNK_EVENTS, CHUNK_BYTES);
                if (records == null) {
                    return; // all replayed; deliveries wake us when more is spooled
                }
                split(records);
                continue;
            }
            wantsPermit = true; // before trying: a permit freed in between must wake us
            if (!sender.tryAcquireForReplay()) {
                return;
            }
            wantsPermit = false;
            ready.pollFirst();
            waiting = ready.size();
            sender.submitReplay(next.entries, next);
        }
    }

    /** Packs a chunk into batches, queued behind any batch waiting to be sent again. */
    private void split(SpoolChunk records) {
        Chunk chunk = new Chunk(records);
        int maxEventBytes = destination.maxEventBytes();
        BatchSink sink = new BatchSink() {
            @Override
            public void emit(List<BatchEntry> entries) {
                emitted.add(entries);
            }

            @Override
            public void reject(EncodedEvent event, String reason) {
                fallback.events(List.of(event), reason);
            }
        };
        for (EncodedEvent event : records.events()) {
            if (event.size() > maxEventBytes) {
                // Spooled for another destination with a larger limit (the configuration changed).
                fallback.events(List.of(event), "spooled event of " + event.size() + " bytes exceeds the limit of "
                        + destination.describe() + " (" + maxEventBytes + " bytes)");
                continue;
            }
            try {
                batcher.add(event, sink);
            } catch (RuntimeException e) {
                fallback.events(List.of(event), "spooled event could not be batched: " + e);
            }
        }
        batcher.drain(sink);
        for (List<BatchEntry> entries : emitted) {
            ready.addLast(new Batch(chunk, entries));
            chunk.unsettledBatches++;
        }
        emitted.clear();
        waiting = ready.size();
        if (chunk.unsettledBatches == 0) {
            spool.settle(records); // every event went to the fallback
        }
    }

    private void complete(Batch b, long now) {
        Chunk chunk = b.chunk;
        if (b.handedBack != null && !b.handedBack.isEmpty()) {
            // Not delivered for now: send again after a pause, before anything newer.
            ready.addFirst(new Batch(chunk, b.handedBack));
            chunk.unsettledBatches++;
            waiting = ready.size();
            if (!paused || now - pausedUntil >= 0) {
                pause(now);
            }
        }
        if (--chunk.unsettledBatches == 0) {
            spool.settle(chunk.records);
        }
    }

    private void pause(long now) {
        paused = true;
        pausedUntil = now + pauseNanos;
        pauseNanos = Math.min(pauseNanos * 2, MAX_PAUSE_NANOS);
        armTimer(now, pausedUntil);
    }

    /**
     * Makes sure a wake-up comes at {@code at} at the latest. A later timer already pending just fires for
     * nothing. The timer clears {@link #timerAt} itself before it wakes us: asking whether its future is done
     * would race with the timer thread, which may still be inside {@code wake()} when the step it started runs.
     */
    private void armTimer(long now, long at) {
        long pending = timerAt.get();
        if (pending != NO_TIMER && pending - at <= 0) {
            return;
        }
        timerAt.set(at);
        try {
            pool.schedule(() -> {
                timerAt.compareAndSet(at, NO_TIMER);
                wake();
            }, Math.max(0, at - now), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            timerAt.set(NO_TIMER); // stopping
        }
    }

    // ---------------------------------------------------------------- stopping

    /**
     * Submits nothing more; returns once a step in progress has ended (a first scan of an earlier run's spool
     * stops between segments). Replayed batches in flight settle as the sender stops.
     */
    void stop() {
        stopped = true;
        synchronized (this) {
            waiting = ready.size(); // nothing else to do: entering the monitor waits for the running step
        }
    }

    /**
     * After the sender has stopped (every replayed batch is settled): stores the events still waiting here in the
     * spool again and settles their chunks, so the spool's checkpoint covers everything that was read and a
     * restart replays nothing twice.
     */
    synchronized void close() {
        stopped = true;
        closed = true;
        long now = System.nanoTime();
        for (Batch b; (b = completed.poll()) != null; ) {
            complete(b, now);
        }
        for (Batch b; (b = ready.pollFirst()) != null; ) {
            sender.defer(b.entries, "replay stopped by the shutdown");
            if (--b.chunk.unsettledBatches == 0) {
                spool.settle(b.chunk.records);
            }
        }
        waiting = 0;
    }
}

package io.logbeam.core.engine;

import io.logbeam.core.destination.Destination;
import io.logbeam.core.event.EventCarriers;
import io.logbeam.core.event.EventCopier;
import io.logbeam.core.event.EventEncoder;
import io.logbeam.core.event.EventSerializer;
import io.logbeam.core.event.JsonSchema;
import io.logbeam.core.event.LambdaContext;
import io.logbeam.core.event.LogTypes;
import io.logbeam.core.event.RetainedBytes;
import io.logbeam.core.fallback.Fallback;
import io.logbeam.core.fallback.SilentFallback;
import io.logbeam.core.fallback.StderrFallback;
import io.logbeam.core.spool.Spool;
import io.logbeam.core.spool.SpoolConfig;
import io.logbeam.core.util.ConfigException;
import io.logbeam.core.util.Diagnostics;
import io.logbeam.core.util.ProblemReporter;

import com.lmax.disruptor.BatchEventProcessor;
import com.lmax.disruptor.BatchEventProcessorBuilder;
import com.lmax.disruptor.ExceptionHandler;
import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;

/**
 * Ships one appender's events to one destination: a bounded LMAX Disruptor ring that application threads
 * publish into without ever waiting on I/O, one consumer thread that encodes and batches, and a sender
 * that makes up to {@code maxInFlight} requests with retries and a fallback.
 *
 * <p>Accounting: every published event ends up exactly once in {@code delivered}, {@code fallback} or
 * {@code dropped} (see {@link ShipperStats}); {@link #flush(Duration)} returns true once that holds for
 * everything published before the call.
 *
 * <p>With a spool ({@link Builder#spool}), events that can not be delivered for now wait in it instead of going
 * to the fallback, and are replayed when the destination accepts again or at the next start; an event may then
 * also rest in the spool ({@code spoolEvents}) or be lost to a full spool ({@code spoolDropped}). See
 * {@code docs/spool.md}. When another shipper of this JVM still holds the spool's directory (Log4j2 starts a
 * reconfigured appender before it stops the one it replaces), the shipper starts without its spool and takes the
 * spool over, on its own threads, once that shipper releases it.
 *
 * @param <E> the framework's event type
 */
public final class Shipper<E> {

    private enum State { RUNNING, STOPPING, STOPPED }

    private static final long DROP_REPORT_INTERVAL_SECONDS = 10;
    /** How much longer than its timeout a stop may take (handing leftovers over, joining threads). */
    private static final long STOP_MARGIN_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** How long a shipper waits for its spool directory before it says again that it runs without a spool. */
    private static final long SPOOL_WAIT_REMINDER_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final ShipperConfig config;
    private final EventEncoder<E> encoder;
    private final EventCarriers<E> carriers; // null unless the adapter copies into per-slot carriers
    /**
     * The slots' carriers by ring index, or null: publishCopy finds its carrier here rather than through the
     * slot, so the log call does not wait for the slot's (usually cold) memory to be read before it can copy.
     */
    private final Object[] carrierByIndex;
    private final int indexMask;
    private final LogTypes logTypes;
    private final Destination destination;
    private final boolean lambda;
    private final ShipperStats stats = new ShipperStats();
    private final ProblemReporter problems;
    private final Fallback fallback;
    private final Sender.FallbackSink fallbackSink;
    private final Sender sender;
    private final RingBuffer<Slot<E>> ring;
    private final WakeOnDemandWaitStrategy waitStrategy;
    private final long wakeMask;
    private final BatchEventProcessor<Slot<E>> processor;
    private final ShippingHandler<E> handler;
    private final Thread consumer;
    private final AtomicReference<State> state = new AtomicReference<>(State.RUNNING);
    /** Counted down when the stop that won the state change has finished; other stops wait for it. */
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean stopResult;
    private final LateEvents<E> lateEvents;
    private final boolean silentFallback;
    private final SpoolConfig spoolConfig; // the spool wanted, null for none
    private final Diagnostics diagnostics;
    /** Waits in the spool registry while another shipper of this JVM holds the directory; one instance, to cancel. */
    private final Runnable spoolReleased = this::spoolReleased;
    /** Serialises taking the spool over with start and stop: no spool is attached once stop has looked. */
    private final Object spoolHandover = new Object();
    private volatile Spool spool; // null until attached (or without a spool)
    private volatile SpoolReplayer replayer;
    private volatile boolean spoolWaiting;
    private volatile long spoolWaitingSinceNanos;
    private boolean spoolWaitReminded; // reportLosses() only
    private long reportedSpoolDropped;
    private long reportedSpooled;
    private ScheduledFuture<?> reporter;
    private volatile ObjectName mbeanName;
    private final java.util.concurrent.atomic.LongAdder droppedWhileStopping = new java.util.concurrent.atomic.LongAdder();
    private final java.util.concurrent.atomic.LongAdder droppedOverBudget = new java.util.concurrent.atomic.LongAdder();
    private final RingByteBudget budget;
    /** Set by stop before it halts the processor; read by the consumer thread's final drain. */
    private volatile long drainDeadlineNanos;
    private long reportedOverBudget;
    private long reportedRingFull;
    private long reportedStopping;
    private long reportedFallback;

    private Shipper(Builder<E> b) {
        this.config = b.config;
        this.budget = new RingByteBudget(config.bufferMaxBytes());
        this.encoder = b.encoder;
        this.carriers = b.carriers;
        this.logTypes = b.logTypes;
        this.destination = b.destination;
        this.lambda = b.schema.lambdaInfo() != null;
        this.problems = new ProblemReporter(config.name(), b.diagnostics);
        this.fallback = b.fallback;
        this.silentFallback = b.fallback instanceof SilentFallback;
        this.fallbackSink = new Sender.FallbackSink(config.name(), b.fallback, stats, problems);
        this.sender = new Sender(config, destination, stats, fallbackSink, problems);
        destination.reportProblemsTo(problems::once);

        int maxMessage = config.maxMessageBytes() == 0 ? Integer.MAX_VALUE : config.maxMessageBytes();
        JsonSchema schema = b.schema;
        EventSerializer<E> serializer = new EventSerializer<>(schema, encoder, destination.maxEventBytes(), maxMessage);
        this.lateEvents = new LateEvents<>(
                () -> new EventSerializer<>(schema, encoder, destination.maxEventBytes(), maxMessage), fallbackSink,
                stats, problems, silentFallback);
        long lingerNanos = config.maxBatchDelay().toNanos();
        // The consumer wakes at least this often to close batches whose linger expired.
        long tick = Math.max(1, Math.min(lingerNanos / 4, TimeUnit.MILLISECONDS.toNanos(100)));
        this.waitStrategy = new WakeOnDemandWaitStrategy(tick);
        EventCarriers<E> slotCarriers = carriers;
        this.ring = RingBuffer.createMultiProducer(() -> new Slot<>(slotCarriers), config.bufferSize(), waitStrategy);
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
        this.handler = new ShippingHandler<>(encoder, serializer, destination.newBatcher(), destination.partitionKeys(),
                sender, fallbackSink, stats, lingerNanos, budget);
        this.processor = new BatchEventProcessorBuilder().build(ring, ring.newBarrier(), handler);
        this.processor.setExceptionHandler(new ConsumerErrors());
        ring.addGatingSequences(processor.getSequence());
        stats.ringRemaining(ring::remainingCapacity);
        stats.ringBytes(budget::held);
        this.consumer = ShipperThreads.named("logbeam-" + config.name() + "-consumer", this::consume);
        this.spoolConfig = b.spool;
        this.diagnostics = b.diagnostics;
    }

    /**
     * Starts building a shipper for {@code encoder}'s events to {@code destination}.
     */
    public static <E> Builder<E> builder(EventEncoder<E> encoder, Destination destination) {
        return new Builder<>(encoder, destination);
    }

    /**
     * The consumer thread: the ring's processor until a stop halts it, then, on the same thread, what the processor
     * left: the events after its last batch and what its batcher holds. Draining here rather than on the stopping
     * thread means that a drain still running at the stop's deadline (many huge events) is finished, not abandoned:
     * stop returns on time, and those events reach the spool or the fallback a moment later.
     */
    private void consume() {
        processor.run();
        if (state.get() != State.RUNNING) {
            drainRing(drainDeadlineNanos);
            handler.drainAll();
        }
    }

    /** @throws ConfigException naming {@code spoolDirectory} when the spool can not be opened (see {@link Builder#start}) */
    private void start() {
        if (spoolConfig != null) {
            synchronized (spoolHandover) {
                Spool opened = Spool.openOrWait(spoolConfig, config.name(), destination.describe(), diagnostics,
                        spoolReleased);
                if (opened != null) {
                    attachSpool(opened);
                } else {
                    spoolWaitingSinceNanos = System.nanoTime();
                    spoolWaiting = true;
                    problems.say("spool directory " + Spool.directoryFor(spoolConfig, config.name()) + " is still held "
                            + "by the previous appender of this name in this JVM (a reconfiguration?); this appender "
                            + "takes it over when that one stops; until then events that can not be delivered go to "
                            + "the fallback");
                }
            }
        }
        consumer.start();
        sender.openInBackground();
        reporter = sender.pool().scheduleWithFixedDelay(this::reportLosses, DROP_REPORT_INTERVAL_SECONDS,
                DROP_REPORT_INTERVAL_SECONDS, TimeUnit.SECONDS);
        if (config.jmx()) {
            // Creating the platform MBean server takes 150-200 ms here: not on the starting thread. When it exists
            // already (a JMX agent, Spring Boot, any earlier use), the MBean is there before start returns.
            if (MBeanServerFactory.findMBeanServer(null).isEmpty()) {
                sender.pool().execute(this::registerMBean);
            } else {
                registerMBean();
            }
        }
        Shippers.register(this);
    }

    /**
     * Wires {@code opened} in: the sender stores in it what can not be delivered for now, a replayer sends it back
     * (starting with what an earlier shipper left), and the statistics show it. Holding {@link #spoolHandover}.
     */
    private void attachSpool(Spool opened) {
        SpoolReplayer r = new SpoolReplayer(opened, sender, destination, fallbackSink, problems);
        stats.spool(opened.stats());
        replayer = r;
        spool = opened;
        // "About to overflow": past half full (in slots or bytes), the consumer spools a batch rather than wait for a permit.
        long half = config.bufferSize() / 2;
        sender.useSpool(opened, () -> ring.remainingCapacity() < half || budget.isOverHalf(), r);
        r.start();
    }

    /**
     * The shipper that held the spool directory released it; runs on the releasing thread (e.g. the one stopping
     * the old Log4j2 configuration), so the take-over goes to this shipper's own pool.
     */
    private void spoolReleased() {
        try {
            sender.pool().execute(this::takeOverSpool);
        } catch (RejectedExecutionException e) {
            // stopped meanwhile: nothing to take over
        }
    }

    /** On a sender thread: opens the released spool and attaches it, unless this shipper is stopping. */
    private void takeOverSpool() {
        synchronized (spoolHandover) {
            if (state.get() != State.RUNNING || spool != null) {
                return;
            }
            Spool opened;
            try {
                opened = Spool.openOrWait(spoolConfig, config.name(), destination.describe(), diagnostics,
                        spoolReleased);
            } catch (RuntimeException e) {
                spoolWaiting = false;
                problems.say("could not take over the spool released by the previous appender of this name: "
                        + e.getMessage() + "; this appender runs without a spool: events that can not be delivered "
                        + "go to the fallback");
                return;
            }
            if (opened == null) {
                return; // another shipper of this JVM took it first: spoolReleased waits for that one
            }
            attachSpool(opened);
            spoolWaiting = false;
            problems.say("took over the spool directory " + opened.directory() + " from the previous appender of "
                    + "this name; events that can not be delivered for now go to the spool again");
        }
    }

    /**
     * Publishes an event. Never blocks on I/O; under {@link OverflowPolicy#BLOCK} waits at most
     * {@code blockTimeout} for a free slot (and for the ring to go under {@code bufferMaxBytes}). Events of internal loggers or threads, and of log types not in
     * the allow-list, are ignored.
     *
     * @param event  the event, already snapshotted by the adapter (it is read later on another thread)
     * @param urgent send the batch holding this event at once (e.g. level at or above {@code flushOnLevel})
     * @return whether the event was accepted into the ring
     */
    public boolean publish(E event, boolean urgent) {
        return publish(event, null, urgent);
    }

    /**
     * Publishes a copy of {@code source}: claims a slot, then has {@code copier} fill that slot's carrier (see
     * {@link Builder#carriers}) on this thread, so the log call allocates nothing for the copy. Otherwise exactly
     * like {@link #publish(Object, boolean)}: the recursion guard, the log type, the allow-list and the Lambda request
     * id are taken from {@code source} before a slot is claimed, so an event that is not shipped takes no slot. An
     * exception from {@code copier} is not thrown to the caller: the event is counted as dropped and reported.
     *
     * @param source the framework's event; read only during this call
     * @param copier copies {@code source} into the claimed slot's carrier (e.g. one per appender, with its options)
     * @param urgent as in {@link #publish(Object, boolean)}
     * @return whether the event was accepted into the ring
     * @throws IllegalStateException if the shipper was built without {@link Builder#carriers}
     */
    public boolean publishCopy(E source, EventCopier<E> copier, boolean urgent) {
        if (carriers == null) {
            throw new IllegalStateException("publishCopy needs a shipper built with carriers");
        }
        return publish(source, Objects.requireNonNull(copier, "copier"), urgent);
    }

    /** {@code copier} null: the slot references {@code event}; else it gets a copy in its carrier. */
    private boolean publish(E event, EventCopier<E> copier, boolean urgent) {
        if (RecursionGuard.onShipperThread() || RecursionGuard.isInternalLogger(encoder.loggerName(event))) {
            return false;
        }
        String logType = logTypes.resolve(encoder, event);
        if (!logTypes.allows(logType)) {
            stats.filtered.increment();
            return false;
        }
        stats.published.increment();
        if (state.get() != State.RUNNING) {
            lateEvents.write(event, logType); // the source is valid during this call
            return false;
        }
        // Taken on the logging thread, before the slot is claimed (a claimed slot holds the consumer back).
        String requestId = lambda ? lambdaRequestId(event) : null;
        boolean coldStart = lambda && LambdaContext.isColdStart(requestId);
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
        slot.lambdaRequestId = requestId;
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
    private String lambdaRequestId(E event) {
        String id = LambdaContext.threadRequestId();
        if (id != null) {
            return id;
        }
        try {
            id = encoder.mdcValue(event, LambdaContext.MDC_KEY);
        } catch (RuntimeException e) {
            id = null; // a broken adapter must not cost the event
        }
        return id != null ? id : LambdaContext.soleRequestId();
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
    private long waitFor(java.util.function.LongSupplier attempt, long deadlineNanos) {
        long park = 1_000;
        while (state.get() != State.STOPPED) {
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

    /**
     * Waits until every event published before this call has been delivered or given to the fallback (or, with
     * a spool, stored in the spool: written and, unless {@code spoolFsync=never}, forced to the device). Does not
     * wait for the replay of events that were in the spool already.
     *
     * @return true if that happened within {@code timeout}
     */
    public boolean flush(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        return awaitFlush(requestFlush(deadline), deadline);
    }

    /** Puts a flush marker behind the events published so far; null if there was no room before the deadline. */
    FlushRequest requestFlush(long deadlineNanos) {
        if (RecursionGuard.onShipperThread()) {
            return null; // a shipper thread waiting for its own pipeline would deadlock
        }
        if (state.get() == State.STOPPED) {
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

    static boolean awaitFlush(FlushRequest request, long deadlineNanos) {
        return request != null && request.await(deadlineNanos);
    }

    /** Stops with the configured {@code shutdownTimeout}. */
    public boolean stop() {
        return stop(config.shutdownTimeout());
    }

    /**
     * Delivers what is buffered within {@code timeout}, gives whatever is left to the fallback (with a spool:
     * stores it in the spool, to be replayed at the next start), and releases threads, the client and the
     * spool. Returns within the timeout plus a small margin even when the destination hangs. Idempotent: a stop
     * while another is in progress waits for it (within its own timeout) and returns its result; events published
     * from the moment a stop begins go to the fallback on the publishing thread (see {@link LateEvents}).
     *
     * @return true if everything was delivered or fell back before the deadline without forcing
     */
    public boolean stop(Duration timeout) {
        if (!state.compareAndSet(State.RUNNING, State.STOPPING)) {
            return awaitStopped(timeout);
        }
        try {
            stopResult = stopRunning(timeout);
            return stopResult;
        } finally {
            stopped.countDown();
        }
    }

    /**
     * Another thread is stopping this shipper (at JVM exit, Logbeam's hook and the framework's own stop may both do
     * it): waits for that stop, within this caller's timeout plus the margin a stop may overrun it by.
     */
    private boolean awaitStopped(Duration timeout) {
        try {
            return stopped.await(timeout.toNanos() + STOP_MARGIN_NANOS, TimeUnit.NANOSECONDS) && stopResult;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private boolean stopRunning(Duration timeout) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        // Keep a slice of the time to hand leftovers to the fallback and to join threads.
        long reserve = Math.min(timeout.toNanos() / 10, TimeUnit.MILLISECONDS.toNanos(500));
        Shippers.unregister(this);
        SpoolReplayer activeReplayer;
        Spool activeSpool;
        synchronized (spoolHandover) { // waits for a take-over in progress; none starts after this (not RUNNING)
            activeReplayer = replayer;
            activeSpool = spool;
        }
        if (spoolConfig != null && activeSpool == null) {
            Spool.cancelWait(spoolReleased);
        }
        if (activeReplayer != null) {
            activeReplayer.stop(); // the rest of the spool waits for the next start
        }
        sender.stopBy(deadline - reserve);
        boolean flushed = awaitFlush(requestFlush(deadline - reserve), deadline - reserve);
        if (activeReplayer != null) {
            sender.awaitReplays(deadline - reserve);
        }

        // Past this point nothing waits for the destination any more: what is left goes to the fallback.
        handler.fallbackOnly();
        sender.refuseNew();
        drainDeadlineNanos = deadline;
        processor.halt();
        waitStrategy.wake();
        join(consumer, Math.max(deadline - System.nanoTime(), TimeUnit.MILLISECONDS.toNanos(50)));
        if (consumer.isAlive()) {
            consumer.interrupt();
            join(consumer, TimeUnit.MILLISECONDS.toNanos(100));
        }
        if (consumer.isAlive()) {
            problems.say("the consumer thread was still busy at the shutdown deadline, with "
                    + (ring.getCursor() - processor.getSequence().get()) + " events not yet handled: it gives them to "
                    + "the fallback as it reaches them, after this stop returned; if it is stuck (an event whose "
                    + "encoding never ends), they are lost");
        }
        sender.abandon("not delivered before the shutdown deadline");
        if (reporter != null) {
            reporter.cancel(false);
        }
        sender.shutdown(Math.max(deadline - System.nanoTime(), TimeUnit.MILLISECONDS.toNanos(100)));
        if (activeReplayer != null) {
            activeReplayer.close();
        }
        if (activeSpool != null) {
            activeSpool.close();
        }
        reportLosses();
        closeQuietly();
        state.set(State.STOPPED);
        return flushed;
    }

    /** Undoes a {@link #start()} that failed: releases what it took (the spool, or its place in the wait for it). */
    private void discard() {
        Spool attached;
        synchronized (spoolHandover) {
            state.set(State.STOPPED); // no take-over from now on
            attached = spool;
        }
        stopped.countDown();
        Spool.cancelWait(spoolReleased);
        Shippers.unregister(this);
        drainDeadlineNanos = System.nanoTime();
        processor.halt();
        sender.shutdown(0);
        if (attached != null) {
            attached.close();
        }
    }

    /**
     * Hands events the processor never reached to the fallback. On the consumer thread, once the processor has ended.
     *
     * <p>Application threads may still be publishing: one that saw the appender running, or waited for room
     * under {@code overflowPolicy=block}, can claim a slot at any moment. So the ring is sealed first: every
     * free slot is claimed here and never published, after which no publisher can get one (they drop and
     * count). What publishers claimed before is published within moments (nothing between claim and publish
     * blocks) and drained; a slot still unpublished at the deadline is counted as dropped, never ignored.
     */
    private void drainRing(long deadlineNanos) {
        long next = processor.getSequence().get() + 1;
        java.util.List<long[]> sealed = seal();
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
                handler.ship(slot.event, slot.logType, slot.lambdaRequestId, slot.lambdaColdStart, false);
            }
            budget.release(slot.bytes);
            slot.clear();
        }
        if (unpublished > 0) {
            stats.dropped.add(unpublished);
            droppedWhileStopping.add(unpublished);
        }
    }

    /** Claims every free slot of the ring (the consumer has ended, so none frees up); the claimed ranges. */
    private java.util.List<long[]> seal() {
        java.util.List<long[]> ranges = new java.util.ArrayList<>();
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

    private static boolean isSealed(java.util.List<long[]> ranges, long seq) {
        for (long[] range : ranges) {
            if (seq >= range[0] && seq <= range[1]) {
                return true;
            }
        }
        return false;
    }

    private static void join(Thread t, long nanos) {
        try {
            TimeUnit.NANOSECONDS.timedJoin(t, nanos);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void closeQuietly() {
        try {
            destination.close();
        } catch (RuntimeException e) {
            problems.say("closing " + destination.describe() + " failed: " + e);
        }
        // Late events (logged during the stop) may be on their way to the fallback: close it between two of them.
        lateEvents.closeFallback(() -> {
            try {
                fallback.close();
            } catch (RuntimeException e) {
                problems.say("closing the fallback failed: " + e);
            }
        }, new Sender.FallbackSink(config.name(), silentFallback ? fallback : new StderrFallback(), stats, problems));
        ObjectName registered = mbeanName;
        if (registered != null) {
            try {
                ManagementFactory.getPlatformMBeanServer().unregisterMBean(registered);
            } catch (JMException | RuntimeException e) {
                // already gone
            }
        }
    }

    /** Summarises drops (and, with a silent fallback, undelivered events) since the last report. */
    private synchronized void reportLosses() {
        long stopping = droppedWhileStopping.sum();
        long overBudget = droppedOverBudget.sum();
        long ringFull = stats.getDropped() - stopping - overBudget;
        if (ringFull > reportedRingFull) {
            problems.say("dropped " + (ringFull - reportedRingFull) + " events in the last " + DROP_REPORT_INTERVAL_SECONDS
                    + " s: ring buffer full (bufferSize=" + config.bufferSize() + ", overflowPolicy="
                    + config.overflowPolicy().name().toLowerCase(java.util.Locale.ROOT)
                    + "); the destination is slower than the application logs. Last error: " + stats.getLastError());
            reportedRingFull = ringFull;
        }
        if (overBudget > reportedOverBudget) {
            problems.say("dropped " + (overBudget - reportedOverBudget) + " events in the last "
                    + DROP_REPORT_INTERVAL_SECONDS + " s: the events waiting in the ring reached bufferMaxBytes="
                    + budget.maxBytes() + " (estimated heap; overflowPolicy="
                    + config.overflowPolicy().name().toLowerCase(java.util.Locale.ROOT) + "); the destination is slower "
                    + "than the application logs, or the events are very large. Last error: " + stats.getLastError());
            reportedOverBudget = overBudget;
        }
        if (stopping > reportedStopping) {
            problems.say("dropped " + (stopping - reportedStopping) + " events logged while the appender was stopping");
            reportedStopping = stopping;
        }
        long spooled = stats.getSpooled();
        if (spooled > reportedSpooled) {
            problems.say("stored " + (spooled - reportedSpooled) + " events in the spool in the last "
                    + DROP_REPORT_INTERVAL_SECONDS + " s (now " + stats.getSpoolEvents() + " events, "
                    + stats.getSpoolBytes() + " bytes); they are sent when the destination accepts again (or after the next start). Last error: "
                    + stats.getLastError());
            reportedSpooled = spooled;
        }
        long spoolDropped = stats.getSpoolDropped();
        if (spoolDropped > reportedSpoolDropped) {
            SpoolConfig sc = spoolConfig;
            problems.say("dropped " + (spoolDropped - reportedSpoolDropped) + " events in the last "
                    + DROP_REPORT_INTERVAL_SECONDS + " s: the spool is full (spoolMaxBytes=" + sc.maxBytes()
                    + ", spoolOverflow=" + sc.overflow().propertyValue() + "); the destination has not accepted events "
                    + "for a long time. Last error: " + stats.getLastError());
            reportedSpoolDropped = spoolDropped;
        }
        if (spoolWaiting && !spoolWaitReminded && state.get() == State.RUNNING
                && System.nanoTime() - spoolWaitingSinceNanos >= SPOOL_WAIT_REMINDER_NANOS) {
            spoolWaitReminded = true;
            problems.say("still running without a spool: " + Spool.directoryFor(spoolConfig, config.name())
                    + " has been held by another appender of this name in this JVM for "
                    + TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - spoolWaitingSinceNanos) + " s (two logging "
                    + "contexts with the same appender name, or an appender that was never stopped?); events that can "
                    + "not be delivered go to the fallback until it is released");
        }
        long fellBack = stats.getFallback();
        if (silentFallback && fellBack > reportedFallback) {
            problems.say((fellBack - reportedFallback) + " events could not be delivered in the last "
                    + DROP_REPORT_INTERVAL_SECONDS + " s (fallback=none: not printed); last error: " + stats.getLastError());
        }
        reportedFallback = fellBack;
    }

    private void registerMBean() {
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            String base = "io.logbeam:type=Appender,name=" + ObjectName.quote(config.name());
            ObjectName name = new ObjectName(base);
            for (int i = 2; server.isRegistered(name); i++) {
                name = new ObjectName(base + ",instance=" + i);
            }
            server.registerMBean(stats, name);
            mbeanName = name;
            if (state.get() == State.STOPPED) {
                server.unregisterMBean(name);
            }
        } catch (JMException | RuntimeException | LinkageError e) {
            problems.say("statistics not registered in JMX: " + e);
        }
    }

    /** Live statistics. */
    public ShipperStats stats() {
        return stats;
    }

    /** The appender name. */
    public String name() {
        return config.name();
    }

    /** The pipeline settings. */
    public ShipperConfig config() {
        return config;
    }

    /** The destination, e.g. for its description. */
    public Destination destination() {
        return destination;
    }

    /** Whether the shipper accepts events. */
    public boolean isRunning() {
        return state.get() == State.RUNNING;
    }

    /** The JMX name the statistics are registered under, or null (not yet, disabled or failed). */
    public ObjectName mbeanName() {
        return mbeanName;
    }

    /** An unexpected error on the consumer thread must not kill it: report and carry on. */
    private final class ConsumerErrors implements ExceptionHandler<Slot<E>> {
        @Override
        public void handleEventException(Throwable ex, long sequence, Slot<E> slot) {
            stats.error("consumer error: " + ex);
            problems.once("consumer:" + ex.getClass().getName(), "unexpected error on the consumer thread: " + ex);
        }

        @Override
        public void handleOnStartException(Throwable ex) {
            problems.say("consumer start failed: " + ex);
        }

        @Override
        public void handleOnShutdownException(Throwable ex) {
            problems.say("consumer shutdown failed: " + ex);
        }
    }

    /**
     * Assembles a {@link Shipper}; {@link #start()} starts its threads.
     *
     * @param <E> the framework's event type
     */
    public static final class Builder<E> {
        private final EventEncoder<E> encoder;
        private final Destination destination;
        private EventCarriers<E> carriers;
        private ShipperConfig config = ShipperConfig.builder().build();
        private LogTypes logTypes = LogTypes.defaults();
        private JsonSchema schema;
        private Fallback fallback = new StderrFallback();
        private Diagnostics diagnostics = Diagnostics.stderr();
        private SpoolConfig spool;

        private Builder(EventEncoder<E> encoder, Destination destination) {
            this.encoder = Objects.requireNonNull(encoder, "encoder");
            this.destination = Objects.requireNonNull(destination, "destination");
        }

        /** Pipeline settings. */
        public Builder<E> config(ShipperConfig value) {
            this.config = Objects.requireNonNull(value);
            return this;
        }

        /**
         * Preallocates one carrier per ring slot, for {@link Shipper#publishCopy}; null (default) for none, when the
         * adapter publishes events that stay valid ({@link Shipper#publish(Object, boolean)} works either way).
         */
        public Builder<E> carriers(EventCarriers<E> value) {
            this.carriers = value;
            return this;
        }

        /** Log type resolution and allow-list. */
        public Builder<E> logTypes(LogTypes value) {
            this.logTypes = Objects.requireNonNull(value);
            return this;
        }

        /** The JSON schema; default {@code JsonSchema.builder().build()}. */
        public Builder<E> schema(JsonSchema value) {
            this.schema = Objects.requireNonNull(value);
            return this;
        }

        /** Where undeliverable events go; default standard error. */
        public Builder<E> fallback(Fallback value) {
            this.fallback = Objects.requireNonNull(value);
            return this;
        }

        /** Where Logbeam reports its own problems; default standard error. */
        public Builder<E> diagnostics(Diagnostics value) {
            this.diagnostics = Objects.requireNonNull(value);
            return this;
        }

        /**
         * A durable spool for what can not be delivered for now; null (default) for none. The shipper holds
         * the lock of {@code <directory>/<name>} from start to stop.
         */
        public Builder<E> spool(SpoolConfig value) {
            this.spool = value;
            return this;
        }

        /**
         * Creates the shipper and starts its threads; never waits on the network. When another shipper of this JVM
         * holds the spool directory (the appender this one replaces, during a Log4j2 reconfiguration), the shipper
         * starts without its spool, says so, and takes the spool over as soon as that shipper releases it.
         *
         * @throws ConfigException naming {@code spoolDirectory} when the spool can not be created, written or
         *                         locked by this JVM (another process uses it)
         */
        public Shipper<E> start() {
            if (schema == null) {
                schema = JsonSchema.builder().build();
            }
            Shipper<E> shipper = new Shipper<>(this);
            try {
                shipper.start();
                return shipper;
            } catch (RuntimeException | Error e) {
                shipper.discard();
                throw e;
            }
        }
    }
}

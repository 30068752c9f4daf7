package io.logbeam.core.engine;

import io.logbeam.core.destination.Destination;
import io.logbeam.core.event.EventAdapter;
import io.logbeam.core.event.EventCarriers;
import io.logbeam.core.event.EventCopier;
import io.logbeam.core.event.EventSerializer;
import io.logbeam.core.event.JsonSchema;
import io.logbeam.core.event.LoggedValues;
import io.logbeam.core.fallback.Fallback;
import io.logbeam.core.fallback.SilentFallback;
import io.logbeam.core.fallback.StderrFallback;
import io.logbeam.core.spool.Spool;
import io.logbeam.core.util.ConfigException;
import io.logbeam.core.util.ProblemReporter;

import com.lmax.disruptor.BatchEventProcessor;
import com.lmax.disruptor.BatchEventProcessorBuilder;
import com.lmax.disruptor.RingBuffer;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
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
 * <p>With a spool ({@link ShipperBuilder#spool}), events that can not be delivered for now wait in it instead of going
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

    /** How much longer than its timeout a stop may take (handing leftovers over, joining threads). */
    private static final long STOP_MARGIN_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final ShipperConfig config;
    private final EventAdapter<E> encoder;
    private final EventCarriers<E> carriers; // null unless the adapter copies into per-slot carriers
    private final Destination destination;
    private final ShipperStats stats = new ShipperStats();
    private final ProblemReporter problems;
    private final Fallback fallback;
    private final FallbackSink fallbackSink;
    private final Sender sender;
    private final RingBuffer<Slot<E>> ring;
    private final WakeOnDemandWaitStrategy waitStrategy;
    private final BatchEventProcessor<Slot<E>> processor;
    private final ShippingHandler<E> handler;
    private final Thread consumer;
    private final AtomicReference<State> state = new AtomicReference<>(State.RUNNING);
    /** Counted down when the stop that won the state change has finished; other stops wait for it. */
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean stopResult;
    private final LateEvents<E> lateEvents;
    private final boolean silentFallback;
    private final SpoolHandover spool; // null without a spool
    private final LossReport losses;
    private final StatsRegistration jmx;
    private final FinalDrain<E> finalDrain;
    private final RingPublisher<E> publisher;
    private ScheduledFuture<?> reporter;
    private final RingByteBudget budget;
    private final LoggedValues loggedValues;
    /** Set by stop before it halts the processor; read by the consumer thread's final drain. */
    private volatile long drainDeadlineNanos;

    Shipper(ShipperBuilder<E> b) {
        this.config = b.config;
        this.budget = new RingByteBudget(config.bufferMaxBytes());
        this.encoder = b.encoder;
        this.carriers = b.carriers;
        this.destination = b.destination;
        this.problems = new ProblemReporter(config.name(), b.diagnostics);
        this.fallback = b.fallback;
        this.silentFallback = b.fallback instanceof SilentFallback;
        this.fallbackSink = new FallbackSink(config.name(), b.fallback, stats, problems);
        this.sender = new Sender(config, destination, stats, fallbackSink, problems);
        destination.reportProblemsTo(problems::once);

        int maxMessage = config.maxMessageBytes() == 0 ? Integer.MAX_VALUE : config.maxMessageBytes();
        JsonSchema schema = b.schema;
        this.loggedValues = schema.loggedValues();
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
        this.handler = new ShippingHandler<>(encoder, serializer, destination.newBatcher(), destination.partitionKeys(),
                sender, fallbackSink, stats, lingerNanos, budget);
        this.processor = new BatchEventProcessorBuilder().build(ring, ring.newBarrier(), handler);
        this.processor.setExceptionHandler(new ConsumerErrors<>(stats, problems));
        ring.addGatingSequences(processor.getSequence());
        stats.ringRemaining(ring::remainingCapacity);
        stats.ringBytes(budget::held);
        this.consumer = ShipperThreads.named("logbeam-" + config.name() + "-consumer", this::consume);
        this.losses = new LossReport(config, budget.maxBytes(), stats, problems, b.spool, silentFallback);
        this.finalDrain = new FinalDrain<>(ring, processor.getSequence(), handler, budget, stats,
                losses.droppedWhileStopping);
        this.jmx = new StatsRegistration(config.name(), stats, problems);
        this.publisher = new RingPublisher<>(config, encoder, carriers, b.logTypes, b.schema.lambdaInfo() != null,
                stats, problems, ring, waitStrategy, budget, lateEvents, losses.droppedOverBudget, this::isRunning,
                () -> state.get() == State.STOPPED);
        // "About to overflow": past half full (in slots or bytes), the consumer spools a batch rather than wait.
        long half = config.bufferSize() / 2;
        this.spool = b.spool == null ? null : new SpoolHandover(b.spool, config.name(), destination, b.diagnostics,
                problems, sender, fallbackSink, stats, () -> ring.remainingCapacity() < half || budget.isOverHalf(),
                this::isRunning);
    }

    /**
     * Starts building a shipper for {@code encoder}'s events to {@code destination}.
     */
    public static <E> ShipperBuilder<E> builder(EventAdapter<E> encoder, Destination destination) {
        return new ShipperBuilder<>(encoder, destination);
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
            finalDrain.drain(drainDeadlineNanos);
        }
    }

    /** @throws ConfigException naming {@code spoolDirectory} when the spool can not be opened (see {@link ShipperBuilder#start}) */
    void start() {
        if (spool != null) {
            spool.start();
        }
        consumer.start();
        sender.openInBackground();
        reporter = sender.pool().scheduleWithFixedDelay(this::reportLosses, LossReport.INTERVAL_SECONDS,
                LossReport.INTERVAL_SECONDS, TimeUnit.SECONDS);
        if (config.jmx()) {
            jmx.register(sender.pool());
        }
        Shippers.register(this);
    }

    private void reportLosses() {
        losses.report();
        if (spool != null) {
            spool.remindIfStillWaiting();
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
        return publisher.publish(event, null, urgent);
    }

    /**
     * Publishes a copy of {@code source}: claims a slot, then has {@code copier} fill that slot's carrier (see
     * {@link ShipperBuilder#carriers}) on this thread, so the log call allocates nothing for the copy. Otherwise exactly
     * like {@link #publish(Object, boolean)}: the recursion guard, the log type, the allow-list and the Lambda request
     * id are taken from {@code source} before a slot is claimed, so an event that is not shipped takes no slot. An
     * exception from {@code copier} is not thrown to the caller: the event is counted as dropped and reported.
     *
     * @param source the framework's event; read only during this call
     * @param copier copies {@code source} into the claimed slot's carrier (e.g. one per appender, with its options)
     * @param urgent as in {@link #publish(Object, boolean)}
     * @return whether the event was accepted into the ring
     * @throws IllegalStateException if the shipper was built without {@link ShipperBuilder#carriers}
     */
    public boolean publishCopy(E source, EventCopier<E> copier, boolean urgent) {
        if (carriers == null) {
            throw new IllegalStateException("publishCopy needs a shipper built with carriers");
        }
        return publisher.publish(source, Objects.requireNonNull(copier, "copier"), urgent);
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
        return publisher.publishFlush(deadlineNanos);
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
        // Waits for a take-over in progress; none starts after this (not running any more).
        SpoolHandover.Attached attached = spool == null ? new SpoolHandover.Attached(null, null) : spool.detach();
        SpoolReplayer activeReplayer = attached.replayer();
        Spool activeSpool = attached.spool();
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
        losses.report();
        closeQuietly();
        state.set(State.STOPPED);
        return flushed;
    }

    /** Undoes a {@link #start()} that failed: releases what it took (the spool, or its place in the wait for it). */
    void discard() {
        state.set(State.STOPPED); // no take-over from now on
        Spool attached = spool == null ? null : spool.detach().spool();
        stopped.countDown();
        Shippers.unregister(this);
        drainDeadlineNanos = System.nanoTime();
        processor.halt();
        sender.shutdown(0);
        jmx.close();
        if (attached != null) {
            attached.close();
        }
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
        }, new FallbackSink(config.name(), silentFallback ? fallback : new StderrFallback(), stats, problems));
        jmx.close();
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

    /**
     * How the adapter keeps, on the logging thread, the values logged with an event (with this appender's masking and
     * object mapper): see {@link LoggedValues#capture}.
     */
    public LoggedValues loggedValues() {
        return loggedValues;
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
        return jmx.name();
    }
}

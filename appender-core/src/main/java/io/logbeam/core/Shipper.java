package io.logbeam.core;

import io.logbeam.core.json.EventSerializer;
import io.logbeam.core.json.JsonSchema;
import io.logbeam.core.send.Destination;

import com.lmax.disruptor.BatchEventProcessor;
import com.lmax.disruptor.BatchEventProcessorBuilder;
import com.lmax.disruptor.ExceptionHandler;
import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.LiteTimeoutBlockingWaitStrategy;
import com.lmax.disruptor.RingBuffer;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import javax.management.JMException;
import javax.management.MBeanServer;
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
 * @param <E> the framework's event type
 */
public final class Shipper<E> {

    private enum State { RUNNING, STOPPING, STOPPED }

    private static final long DROP_REPORT_INTERVAL_SECONDS = 10;

    private final ShipperConfig config;
    private final EventEncoder<E> encoder;
    private final LogTypes logTypes;
    private final Destination destination;
    private final boolean lambda;
    private final ShipperStats stats = new ShipperStats();
    private final ProblemReporter problems;
    private final Fallback fallback;
    private final Sender.FallbackSink fallbackSink;
    private final Sender sender;
    private final RingBuffer<Slot<E>> ring;
    private final BatchEventProcessor<Slot<E>> processor;
    private final ShippingHandler<E> handler;
    private final Thread consumer;
    private final AtomicReference<State> state = new AtomicReference<>(State.RUNNING);
    private final boolean silentFallback;
    private ScheduledFuture<?> reporter;
    private volatile ObjectName mbeanName;
    private final java.util.concurrent.atomic.LongAdder droppedWhileStopping = new java.util.concurrent.atomic.LongAdder();
    private long reportedRingFull;
    private long reportedStopping;
    private long reportedFallback;

    private Shipper(Builder<E> b) {
        this.config = b.config;
        this.encoder = b.encoder;
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
        EventSerializer<E> serializer = new EventSerializer<>(b.schema, encoder, destination.maxEventBytes(), maxMessage);
        long lingerNanos = config.maxBatchDelay().toNanos();
        // The consumer wakes at least this often to close batches whose linger expired.
        long tick = Math.max(1, Math.min(lingerNanos / 4, TimeUnit.MILLISECONDS.toNanos(100)));
        this.ring = RingBuffer.createMultiProducer(Slot::new, config.bufferSize(),
                new LiteTimeoutBlockingWaitStrategy(tick, TimeUnit.NANOSECONDS));
        this.handler = new ShippingHandler<>(encoder, serializer, destination.newBatcher(), destination.partitionKeys(),
                sender, fallbackSink, stats, lingerNanos);
        this.processor = new BatchEventProcessorBuilder().build(ring, ring.newBarrier(), handler);
        this.processor.setExceptionHandler(new ConsumerErrors());
        ring.addGatingSequences(processor.getSequence());
        stats.ringRemaining(ring::remainingCapacity);
        this.consumer = ShipperThreads.named("logbeam-" + config.name() + "-consumer", processor);
    }

    /**
     * Starts building a shipper for {@code encoder}'s events to {@code destination}.
     */
    public static <E> Builder<E> builder(EventEncoder<E> encoder, Destination destination) {
        return new Builder<>(encoder, destination);
    }

    private void start() {
        consumer.start();
        sender.openInBackground();
        reporter = sender.pool().scheduleWithFixedDelay(this::reportLosses, DROP_REPORT_INTERVAL_SECONDS,
                DROP_REPORT_INTERVAL_SECONDS, TimeUnit.SECONDS);
        if (config.jmx()) {
            // The platform MBean server costs tens of milliseconds to create: not on the caller's path.
            sender.pool().execute(this::registerMBean);
        }
        Logbeam.register(this);
    }

    /**
     * Publishes an event. Never blocks on I/O; under {@link OverflowPolicy#BLOCK} waits at most
     * {@code blockTimeout} for a free slot. Events of internal loggers or threads, and of log types not in
     * the allow-list, are ignored.
     *
     * @param event  the event, already snapshotted by the adapter (it is read later on another thread)
     * @param urgent send the batch holding this event at once (e.g. level at or above {@code flushOnLevel})
     * @return whether the event was accepted into the ring
     */
    public boolean publish(E event, boolean urgent) {
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
            stats.dropped.increment();
            droppedWhileStopping.increment();
            return false;
        }
        long seq = config.overflowPolicy() == OverflowPolicy.BLOCK
                ? claim(true, System.nanoTime() + config.blockTimeout().toNanos()) : claim(false, 0);
        if (seq < 0) {
            stats.dropped.increment();
            return false;
        }
        Slot<E> slot = ring.get(seq);
        slot.event = event;
        slot.logType = logType;
        slot.urgent = urgent;
        slot.lambdaRequestId = lambda ? LambdaContext.requestId() : null;
        ring.publish(seq);
        return true;
    }

    /** A free sequence, or -1 when there is none (and, if {@code wait}, none came before the deadline). */
    private long claim(boolean wait, long deadlineNanos) {
        try {
            return ring.tryNext();
        } catch (InsufficientCapacityException full) {
            if (!wait) {
                return -1;
            }
        }
        long park = 1_000;
        while (state.get() != State.STOPPED) {
            LockSupport.parkNanos(park);
            try {
                return ring.tryNext();
            } catch (InsufficientCapacityException full) {
                if (System.nanoTime() - deadlineNanos >= 0) {
                    return -1;
                }
                park = Math.min(park * 2, 1_000_000);
            }
        }
        return -1;
    }

    /**
     * Waits until every event published before this call has been delivered or given to the fallback.
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
     * Delivers what is buffered within {@code timeout}, gives whatever is left to the fallback, and
     * releases threads and the client. Returns within the timeout plus a small margin even when the
     * destination hangs. Idempotent.
     *
     * @return true if everything was delivered or fell back before the deadline without forcing
     */
    public boolean stop(Duration timeout) {
        if (!state.compareAndSet(State.RUNNING, State.STOPPING)) {
            return false;
        }
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        // Keep a slice of the time to hand leftovers to the fallback and to join threads.
        long reserve = Math.min(timeout.toNanos() / 10, TimeUnit.MILLISECONDS.toNanos(500));
        Logbeam.unregister(this);
        sender.stopBy(deadline - reserve);
        boolean flushed = awaitFlush(requestFlush(deadline - reserve), deadline - reserve);

        // Past this point nothing waits for the destination any more: what is left goes to the fallback.
        handler.fallbackOnly();
        sender.refuseNew();
        processor.halt();
        join(consumer, Math.max(deadline - System.nanoTime(), TimeUnit.MILLISECONDS.toNanos(50)));
        if (consumer.isAlive()) {
            consumer.interrupt();
            join(consumer, TimeUnit.MILLISECONDS.toNanos(100));
        }
        if (consumer.isAlive()) {
            problems.say("the consumer thread did not stop (stuck encoding an event?); events still in the ring are "
                    + "lost: " + (ring.getCursor() - processor.getSequence().get()));
        } else {
            drainRing(deadline);
            handler.drainAll();
        }
        sender.abandon("not delivered before the shutdown deadline");
        if (reporter != null) {
            reporter.cancel(false);
        }
        reportLosses();
        sender.shutdown(Math.max(deadline - System.nanoTime(), TimeUnit.MILLISECONDS.toNanos(100)));
        closeQuietly();
        state.set(State.STOPPED);
        return flushed;
    }

    /**
     * Hands events the consumer never reached to the fallback. The consumer thread has ended.
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
                handler.ship(slot.event, slot.logType, slot.lambdaRequestId, false);
            }
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
        try {
            fallback.close();
        } catch (RuntimeException e) {
            problems.say("closing the fallback failed: " + e);
        }
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
        long ringFull = stats.getDropped() - stopping;
        if (ringFull > reportedRingFull) {
            problems.say("dropped " + (ringFull - reportedRingFull) + " events in the last " + DROP_REPORT_INTERVAL_SECONDS
                    + " s: ring buffer full (bufferSize=" + config.bufferSize() + ", overflowPolicy="
                    + config.overflowPolicy().name().toLowerCase(java.util.Locale.ROOT)
                    + "); the destination is slower than the application logs. Last error: " + stats.getLastError());
            reportedRingFull = ringFull;
        }
        if (stopping > reportedStopping) {
            problems.say("dropped " + (stopping - reportedStopping) + " events logged while the appender was stopping");
            reportedStopping = stopping;
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
        private ShipperConfig config = ShipperConfig.builder().build();
        private LogTypes logTypes = LogTypes.defaults();
        private JsonSchema schema;
        private Fallback fallback = new StderrFallback();
        private Diagnostics diagnostics = Diagnostics.stderr();

        private Builder(EventEncoder<E> encoder, Destination destination) {
            this.encoder = Objects.requireNonNull(encoder, "encoder");
            this.destination = Objects.requireNonNull(destination, "destination");
        }

        /** Pipeline settings. */
        public Builder<E> config(ShipperConfig value) {
            this.config = Objects.requireNonNull(value);
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

        /** Creates the shipper and starts its threads; never waits on the network. */
        public Shipper<E> start() {
            if (schema == null) {
                schema = JsonSchema.builder().build();
            }
            Shipper<E> shipper = new Shipper<>(this);
            shipper.start();
            return shipper;
        }
    }
}

package io.logbeam.benchmarks.caller;

import io.logbeam.core.engine.ShipperStats;
import io.logbeam.testkit.LocalAwsEndpoint;
import io.logbeam.testkit.ShardRates;
import io.logbeam.testkit.TestCredentials;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import org.apache.logging.log4j.ThreadContext;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.async.AsyncLoggerContext;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.DefaultConfiguration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.message.StringMapMessage;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The logging setups whose caller cost is compared: each framework with a Logbeam appender (Kinesis, to the
 * testkit's in-process endpoint, default settings), and the baselines: the framework with a no-op appender,
 * Logback's {@code AsyncAppender} over a no-op appender, and Log4j2's all-async loggers over a no-op appender.
 * The two {@code SNAPSHOT_NOOP} setups isolate the snapshot every asynchronous appender takes on the application
 * thread, which the Logbeam appenders take too: a no-op appender that calls Logback's
 * {@code prepareForDeferredProcessing()} (formats the message), or Log4j2's {@code Log4jLogEvent.createMemento}
 * (an immutable copy of the reused event, as Log4j2's own {@code AsyncAppender} makes). The two
 * {@code LOGBEAM_NO_BUDGET} setups are the Logbeam ones with {@code bufferMaxBytes=0}: what the ring's byte budget
 * costs the caller.
 *
 * <p>The call is the same everywhere: one INFO event with two MDC entries (set once per thread) and one
 * key-value. Logback (SLF4J 2): {@code atInfo().addKeyValue("order_id", id).log("Order {} shipped in {} ms", id,
 * ms)}. Log4j2 has no key-values in its API; its structured equivalent is a {@code StringMapMessage} with a
 * {@code message} entry and an {@code order_id} entry (Logbeam writes the first as the message, the second under
 * {@code kv}). The message object is the application's own allocation, the same in every Log4j2 setup.
 */
public enum CallerSetup {

    LOGBACK_NOOP(Framework.LOGBACK),
    LOGBACK_SNAPSHOT_NOOP(Framework.LOGBACK),
    LOGBACK_ASYNC_NOOP(Framework.LOGBACK),
    LOGBACK_LOGBEAM(Framework.LOGBACK),
    LOGBACK_LOGBEAM_NO_BUDGET(Framework.LOGBACK),
    LOG4J2_NOOP(Framework.LOG4J2),
    LOG4J2_SNAPSHOT_NOOP(Framework.LOG4J2),
    LOG4J2_ASYNC_LOGGERS(Framework.LOG4J2),
    LOG4J2_LOGBEAM(Framework.LOG4J2),
    LOG4J2_LOGBEAM_NO_BUDGET(Framework.LOG4J2);

    /** Which framework a setup logs through. */
    public enum Framework { LOGBACK, LOG4J2 }

    static final String LOGGER = "com.acme.orders.OrderService";
    static final String STREAM = "bench";
    static final String ORDER_ID = "o-1234567";
    static final Integer MILLIS = 42;

    private final Framework framework;

    CallerSetup(Framework framework) {
        this.framework = framework;
    }

    public Framework framework() {
        return framework;
    }

    /** Whether a Logbeam appender (and so the in-process endpoint) is part of the setup. */
    public boolean usesLogbeam() {
        return this == LOGBACK_LOGBEAM || this == LOG4J2_LOGBEAM || hasNoByteBudget();
    }

    /** The Logbeam setups with {@code bufferMaxBytes=0}. */
    boolean hasNoByteBudget() {
        return this == LOGBACK_LOGBEAM_NO_BUDGET || this == LOG4J2_LOGBEAM_NO_BUDGET;
    }

    /** Starts the setup; close the result when done. */
    public Running start() {
        return framework == Framework.LOGBACK ? new LogbackRunning(this) : new Log4j2Running(this);
    }

    /** A started setup. */
    public abstract static class Running implements AutoCloseable {
        final LocalAwsEndpoint endpoint;
        private Supplier<ShipperStats> logbeamStats = () -> null;
        private Predicate<Duration> logbeamFlush = timeout -> true;

        Running(boolean endpointNeeded) {
            // The AWS SDK and the testkit log through SLF4J, which is Logback here (even in the Log4j2 setups):
            // without configuration Logback prints their DEBUG lines, which would cost more than what is measured.
            LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();
            logback.reset();
            logback.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(Level.WARN);
            if (endpointNeeded) {
                endpoint = LocalAwsEndpoint.start();
                endpoint.kinesis().createStream(STREAM, 4);
                endpoint.kinesis().shardRates(STREAM, ShardRates.UNLIMITED); // the caller's cost, not the stream's
            } else {
                endpoint = null;
            }
        }

        /** Puts the two MDC entries on the calling thread; call once per logging thread. */
        public abstract void initThread();

        /** The measured call: one INFO event with two MDC entries and one key-value. */
        public abstract void log();

        /** For the setups with a Logbeam appender: its statistics and flush, the same in both frameworks. */
        void logbeam(Supplier<ShipperStats> stats, Predicate<Duration> flush) {
            logbeamStats = stats;
            logbeamFlush = flush;
        }

        /** The Logbeam shipper's statistics, or null for the baselines. */
        public ShipperStats logbeamStats() {
            return logbeamStats.get();
        }

        /** Waits until what Logbeam holds is delivered (no-op for the baselines); true if it was. */
        public boolean flush() {
            return logbeamFlush.test(Duration.ofSeconds(60));
        }

        /**
         * Runs {@code events} events through the whole path at a pace the pipeline keeps up with (bursts of
         * 1,000, each flushed), so that the consumer, the SDK and the endpoint are compiled before a measurement
         * starts, as in an application that has been running for a while.
         */
        public void warmUp(int events) {
            initThread();
            for (int i = 0; i < events; i++) {
                log();
                if (i % 1000 == 999 && !flush()) {
                    throw new IllegalStateException("warm-up events not delivered");
                }
            }
            if (!flush()) {
                throw new IllegalStateException("warm-up events not delivered");
            }
        }

        @Override
        public void close() {
            if (endpoint != null) {
                endpoint.close();
            }
        }
    }

    private static String endpointUri(Running r) {
        return r.endpoint.uri().toString();
    }

    // ------------------------------------------------------------------------------------------- Logback

    /** Discards every event: the cost of the framework alone. */
    static final class LogbackNoop extends UnsynchronizedAppenderBase<ILoggingEvent> {
        @Override
        protected void append(ILoggingEvent event) {
        }
    }

    /** Takes the snapshot an asynchronous appender needs, then discards the event. */
    static final class LogbackSnapshotNoop extends UnsynchronizedAppenderBase<ILoggingEvent> {
        static volatile ILoggingEvent last;

        @Override
        protected void append(ILoggingEvent event) {
            event.prepareForDeferredProcessing();
            last = event; // keeps the work from being optimised away
        }
    }

    private static final class LogbackRunning extends Running {
        private final LoggerContext context;
        private final org.slf4j.Logger logger;

        LogbackRunning(CallerSetup setup) {
            super(setup.usesLogbeam());
            context = (LoggerContext) LoggerFactory.getILoggerFactory();
            ch.qos.logback.classic.Logger target = context.getLogger(LOGGER);
            target.setLevel(Level.INFO);
            target.setAdditive(false);
            Appender<ILoggingEvent> appender;
            switch (setup) {
                case LOGBACK_NOOP:
                    appender = started(new LogbackNoop(), "noop");
                    break;
                case LOGBACK_SNAPSHOT_NOOP:
                    appender = started(new LogbackSnapshotNoop(), "snapshot");
                    break;
                case LOGBACK_ASYNC_NOOP: {
                    AsyncAppender async = new AsyncAppender();
                    // Same capacity and overflow behaviour as Logbeam's defaults: 8,192 events, drop when full,
                    // and no level-based discarding (which would drop INFO events early and look cheap).
                    async.setQueueSize(8192);
                    async.setDiscardingThreshold(0);
                    async.setNeverBlock(true);
                    async.addAppender(started(new LogbackNoop(), "noop"));
                    appender = started(async, "async");
                    break;
                }
                case LOGBACK_LOGBEAM:
                case LOGBACK_LOGBEAM_NO_BUDGET: {
                    io.logbeam.logback.KinesisAppender kinesis = new io.logbeam.logback.KinesisAppender();
                    kinesis.setStreamName(STREAM);
                    kinesis.setRegion(TestCredentials.REGION);
                    kinesis.setEndpoint(endpointUri(this));
                    kinesis.setAccessKeyId(TestCredentials.ACCESS_KEY_ID);
                    kinesis.setSecretAccessKey(TestCredentials.SECRET_ACCESS_KEY);
                    kinesis.setJmx("false");
                    if (setup.hasNoByteBudget()) {
                        kinesis.setBufferMaxBytes("0");
                    }
                    appender = started(kinesis, "logbeam");
                    if (!kinesis.isStarted()) {
                        throw new IllegalStateException("Logbeam appender did not start: "
                                + context.getStatusManager().getCopyOfStatusList());
                    }
                    logbeam(kinesis::stats, kinesis::flush);
                    break;
                }
                default:
                    throw new IllegalArgumentException(setup.name());
            }
            target.addAppender(appender);
            logger = target;
        }

        private Appender<ILoggingEvent> started(Appender<ILoggingEvent> appender, String name) {
            appender.setContext(context);
            appender.setName(name);
            appender.start();
            return appender;
        }

        @Override
        public void initThread() {
            MDC.put("request_id", "req-7f3a9c");
            MDC.put("user", "alice");
        }

        @Override
        public void log() {
            logger.atInfo().addKeyValue("order_id", ORDER_ID).log("Order {} shipped in {} ms", ORDER_ID, MILLIS);
        }

        @Override
        public void close() {
            context.stop();
            super.close();
        }
    }

    // ------------------------------------------------------------------------------------------- Log4j2

    /** Discards every event: the cost of the framework alone. */
    static final class Log4j2Noop extends AbstractAppender {
        Log4j2Noop() {
            super("noop", null, null, true, Property.EMPTY_ARRAY);
        }

        @Override
        public void append(LogEvent event) {
        }
    }

    /** Takes the immutable copy an asynchronous appender needs, then discards it. */
    static final class Log4j2SnapshotNoop extends AbstractAppender {
        static volatile LogEvent last;

        Log4j2SnapshotNoop() {
            super("snapshot", null, null, true, Property.EMPTY_ARRAY);
        }

        @Override
        public void append(LogEvent event) {
            last = Log4jLogEvent.createMemento(event, false);
        }
    }

    private static final class Log4j2Running extends Running {
        private final org.apache.logging.log4j.core.LoggerContext context;
        private final org.apache.logging.log4j.Logger logger;

        Log4j2Running(CallerSetup setup) {
            super(setup.usesLogbeam());
            // Programmatic configuration: the shaded benchmarks.jar keeps only log4j-core's plugin index.
            context = setup == LOG4J2_ASYNC_LOGGERS ? new AsyncLoggerContext("bench")
                    : new org.apache.logging.log4j.core.LoggerContext("bench");
            Configuration config = new DefaultConfiguration();
            context.start(config);
            config = context.getConfiguration();
            org.apache.logging.log4j.core.Appender appender;
            if (setup.usesLogbeam()) {
                io.logbeam.log4j2.KinesisAppender.Builder builder = io.logbeam.log4j2.KinesisAppender.newBuilder()
                        .setName("logbeam").setStreamName(STREAM).setRegion(TestCredentials.REGION)
                        .setEndpoint(endpointUri(this))
                        .setAccessKeyId(TestCredentials.ACCESS_KEY_ID)
                        .setSecretAccessKey(TestCredentials.SECRET_ACCESS_KEY).setJmx(false);
                if (setup.hasNoByteBudget()) {
                    builder.setBufferMaxBytes(0);
                }
                io.logbeam.log4j2.KinesisAppender kinesis = builder.build();
                if (kinesis == null) {
                    throw new IllegalStateException("Logbeam appender did not start (see the status logger)");
                }
                logbeam(kinesis::stats, kinesis::flush);
                appender = kinesis;
            } else if (setup == LOG4J2_SNAPSHOT_NOOP) {
                appender = new Log4j2SnapshotNoop();
            } else {
                appender = new Log4j2Noop();
            }
            appender.start();
            config.addAppender(appender);
            LoggerConfig loggerConfig = new LoggerConfig(LOGGER, org.apache.logging.log4j.Level.INFO, false);
            loggerConfig.addAppender(appender, null, null);
            config.addLogger(LOGGER, loggerConfig);
            context.updateLoggers();
            logger = context.getLogger(LOGGER);
        }

        @Override
        public void initThread() {
            ThreadContext.put("request_id", "req-7f3a9c");
            ThreadContext.put("user", "alice");
        }

        @Override
        public void log() {
            logger.info(new StringMapMessage(2).with("message", "Order o-1234567 shipped in 42 ms")
                    .with("order_id", ORDER_ID));
        }

        @Override
        public void close() {
            context.stop(30, TimeUnit.SECONDS);
            super.close();
        }
    }
}

package io.logbeam.logback;

import io.logbeam.core.ConfigException;
import io.logbeam.core.Diagnostics;
import io.logbeam.core.RecursionGuard;
import io.logbeam.core.Shipper;
import io.logbeam.core.ShipperStats;
import io.logbeam.core.config.AppenderSettings;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.status.OnPrintStreamStatusListenerBase;
import ch.qos.logback.core.status.StatusListener;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What the three Logback appenders share: the shared properties (forwarded to the core's
 * {@link AppenderSettings}, so they mean the same as in the Log4j2 adapter), start with validation of
 * every property, the snapshot and publish on the application thread, and stop with delivery of what is
 * buffered.
 *
 * <p>Extends {@link UnsynchronizedAppenderBase}: the core's ring is safe for concurrent publishers, so no
 * appender-wide lock is taken on the application's threads. An appender whose configuration is invalid
 * reports every bad property through Logback's status ({@code addError}) and stays stopped; Logback then
 * skips it and the application keeps running and logging elsewhere.
 *
 * @param <S> the destination's settings
 */
public abstract class LogbeamAppenderBase<S extends AppenderSettings> extends UnsynchronizedAppenderBase<ILoggingEvent> {

    /** The properties, forwarded as they are set; read once by {@link #start()}. */
    protected final S settings;

    private final LogbackEventEncoder encoder = new LogbackEventEncoder();
    private final AtomicBoolean appendFailureReported = new AtomicBoolean();
    private volatile Shipper<ILoggingEvent> shipper;
    private volatile Level flushLevel;
    private volatile boolean captureCallerData;

    /**
     * @param settings the destination's settings, fresh (with defaults)
     */
    protected LogbeamAppenderBase(S settings) {
        this.settings = settings;
    }

    @Override
    public void start() {
        if (isStarted()) {
            return;
        }
        String shipperName = getName() == null || getName().isBlank() ? getClass().getSimpleName() : getName();
        ConfigException.Collector problems = new ConfigException.Collector();
        Level level = parseLevel(settings.flushOnLevel(), problems);
        Shipper<ILoggingEvent> started = null;
        try {
            if (problems.problems().isEmpty()) {
                started = settings.start(shipperName, encoder, new StatusDiagnostics());
            } else {
                settings.validate(); // to report every other invalid property together with this one
            }
        } catch (ConfigException e) {
            problems.addAll(e);
        } catch (RuntimeException | LinkageError e) {
            addError("Logbeam appender [" + shipperName + "] could not start: " + e, e);
            return;
        }
        if (started == null) {
            for (ConfigException.Problem problem : problems.problems()) {
                addError("Logbeam appender [" + shipperName + "]: " + problem);
            }
            addError("Logbeam appender [" + shipperName + "] is not started because of the invalid properties above;"
                    + " the application's other appenders keep working");
            return;
        }
        this.flushLevel = level;
        this.captureCallerData = settings.includeCallerData();
        this.shipper = started;
        super.start();
    }

    /** {@code flushOnLevel} as a Logback level: null when unset, a problem naming the property when invalid. */
    private static Level parseLevel(String text, ConfigException.Collector problems) {
        if (text == null) {
            return null;
        }
        Level level = Level.toLevel(text, null);
        if (level == null) {
            problems.add("flushOnLevel", "'" + text + "' is not a Logback level; use TRACE, DEBUG, INFO, WARN, ERROR or OFF");
        }
        return level;
    }

    /**
     * Snapshots the event (it is encoded later on the shipper's thread) and hands it to the shipper. Never
     * waits on I/O and never throws into the logging call.
     */
    @Override
    protected void append(ILoggingEvent event) {
        Shipper<ILoggingEvent> target = shipper;
        if (target == null || event == null) {
            return;
        }
        try {
            // Before the snapshot work: the AWS SDK's and Logbeam's own events are never shipped (loop guard).
            if (RecursionGuard.suppress(event.getLoggerName())) {
                return;
            }
            event.prepareForDeferredProcessing();
            if (captureCallerData) {
                event.getCallerData(); // captured here, on the caller's stack; the encoder only reads it
            }
            Level threshold = flushLevel;
            boolean urgent = threshold != null && event.getLevel() != null && event.getLevel().isGreaterOrEqual(threshold);
            target.publish(event, urgent);
        } catch (RuntimeException | LinkageError e) {
            if (appendFailureReported.compareAndSet(false, true)) {
                addError("Logbeam appender [" + getName() + "] failed to accept an event (reported once): " + e, e);
            }
        }
    }

    /**
     * Stops accepting events, then delivers what is buffered within {@code shutdownTimeout} (leftovers go
     * to the fallback). Called by {@code LoggerContext.stop()}, which Logback's {@code <shutdownHook/>} and
     * a Spring Boot shutdown call.
     */
    @Override
    public void stop() {
        if (!isStarted()) {
            return;
        }
        super.stop();
        Shipper<ILoggingEvent> running = shipper;
        shipper = null;
        if (running != null) {
            Duration timeout = settings.shutdownTimeout();
            if (!running.stop(timeout)) {
                addWarn("Logbeam appender [" + getName() + "] could not deliver everything within shutdownTimeout="
                        + timeout + "; the rest went to the fallback");
            }
        }
    }

    /** The running shipper, or null while the appender is stopped. */
    public Shipper<ILoggingEvent> shipper() {
        return shipper;
    }

    /**
     * Waits until everything this appender holds is delivered or fell back; true if that happened within
     * {@code timeout} (and at once when the appender is not running). {@code Logbeam.flush} does this for
     * every appender of the JVM.
     */
    public boolean flush(Duration timeout) {
        Shipper<ILoggingEvent> running = shipper;
        return running == null || running.flush(timeout);
    }

    /** Live statistics (also registered in JMX unless {@code jmx=false}), or null while the appender is stopped. */
    public ShipperStats stats() {
        Shipper<ILoggingEvent> running = shipper;
        return running == null ? null : running.stats();
    }

    /**
     * Logbeam's own problems go to Logback's status as warnings, and to standard error unless a status
     * listener already prints the status (Logback prints it by itself only for problems found while
     * configuring), so they are never silent and never printed twice.
     */
    private final class StatusDiagnostics implements Diagnostics {
        private final Diagnostics stderr = Diagnostics.stderr();

        @Override
        public void report(String name, String message) {
            addWarn("Logbeam appender [" + name + "]: " + message);
            if (!statusIsPrinted()) {
                stderr.report(name, message);
            }
        }

        private boolean statusIsPrinted() {
            if (getContext() == null) {
                return false;
            }
            for (StatusListener listener : getContext().getStatusManager().getCopyOfStatusListenerList()) {
                if (listener instanceof OnPrintStreamStatusListenerBase) {
                    return true;
                }
            }
            return false;
        }
    }

    // ---- shared properties: same names and meanings as in the Log4j2 adapter (see docs/configuration.md) ----

    /** Default {@code log_type} of this appender's events (default {@code app}). */
    public void setLogType(String value) {
        settings.setLogType(value);
    }

    /** Key of the log type field (default {@code log_type}). */
    public void setLogTypeKey(String value) {
        settings.setLogTypeKey(value);
    }

    /** Key of the unique id field (default {@code log_id}). */
    public void setLogIdKey(String value) {
        settings.setLogIdKey(value);
    }

    /** Key of the ISO-8601 time field (default {@code time}). */
    public void setTimeKey(String value) {
        settings.setTimeKey(value);
    }

    /** Key of an additional epoch-milliseconds time field; unset (default) leaves it out. */
    public void setTimeMillisKey(String value) {
        settings.setTimeMillisKey(value);
    }

    /** MDC / key-value name whose value overrides {@code logType} per event (default {@code log_type}). */
    public void setLogTypeFrom(String value) {
        settings.setLogTypeFrom(value);
    }

    /**
     * Prefix of marker names that give the log type (default {@code log_type:}: {@code MarkerFactory.getMarker(
     * "log_type:audit")} gives {@code audit}); referenced markers count too, {@code logTypeFrom} wins. {@code none}:
     * off (an empty element is ignored by Logback, so it keeps the default).
     */
    public void setLogTypeMarkerPrefix(String value) {
        settings.setLogTypeMarkerPrefix(value);
    }

    /** Comma-separated log types this appender ships; events of other types are not shipped. Unset ships all. */
    public void setLogTypeAllowList(String value) {
        settings.setLogTypeAllowList(value);
    }

    /** Renames other fields: {@code level=severity,message=msg}. */
    public void setFieldNames(String value) {
        settings.setFieldNames(value);
    }

    /** AWS region; unset uses the SDK default chain ({@code AWS_REGION}, profile, instance metadata). */
    public void setRegion(String value) {
        settings.setRegion(value);
    }

    /** Endpoint override (VPC endpoint, emulator); unset uses the service's public endpoint. */
    public void setEndpoint(String value) {
        settings.setEndpoint(value);
    }

    /** Static access key, for emulators; unset uses the default credentials chain. */
    public void setAccessKeyId(String value) {
        settings.setAccessKeyId(value);
    }

    /** Static secret key, with {@code accessKeyId}. */
    public void setSecretAccessKey(String value) {
        settings.setSecretAccessKey(value);
    }

    /** {@code urlconnection} (default) or {@code apache} (needs apache-client on the classpath). */
    public void setHttpClient(String value) {
        settings.setHttpClient(value);
    }

    /** Time one request may take (default 10 seconds). */
    public void setRequestTimeout(String value) {
        settings.setRequestTimeout(value);
    }

    /** Time to connect (default 3 seconds). */
    public void setConnectTimeout(String value) {
        settings.setConnectTimeout(value);
    }

    /** Ring capacity in events, a power of two (default 8192). */
    public void setBufferSize(int value) {
        settings.setBufferSize(value);
    }

    /**
     * The most heap, approximately, that events waiting in the ring may hold (default 64 MiB or an eighth of the maximum
     * heap, whichever is smaller; 0: no byte budget).
     */
    public void setBufferMaxBytes(long value) {
        settings.setBufferMaxBytes(value);
    }

    /** {@code drop} (default) or {@code block} when the ring is full (or over {@code bufferMaxBytes}). */
    public void setOverflowPolicy(String value) {
        settings.setOverflowPolicy(value);
    }

    /** Longest wait for a slot under {@code block} (default 1 second). */
    public void setBlockTimeout(String value) {
        settings.setBlockTimeout(value);
    }

    /** A batch is sent at the latest this long after its first event (default 1 second). */
    public void setMaxBatchDelay(String value) {
        settings.setMaxBatchDelay(value);
    }

    /** Concurrent requests (default 2). */
    public void setMaxInFlight(int value) {
        settings.setMaxInFlight(value);
    }

    /** Retries of a failed entry (default 30; {@code retryDeadline} usually ends them first). */
    public void setMaxRetries(int value) {
        settings.setMaxRetries(value);
    }

    /** Time after which a failing entry goes to the fallback (default 60 seconds). */
    public void setRetryDeadline(String value) {
        settings.setRetryDeadline(value);
    }

    /** Level at or above which the batch is closed and sent at once (e.g. {@code ERROR}); unset never. */
    public void setFlushOnLevel(String value) {
        settings.setFlushOnLevel(value);
    }

    /** {@code stderr} (default), {@code none}, or a class implementing {@code io.logbeam.core.Fallback}. */
    public void setFallback(String value) {
        settings.setFallback(value);
    }

    /** Time stopping spends delivering what is buffered (default 10 seconds). */
    public void setShutdownTimeout(String value) {
        settings.setShutdownTimeout(value);
    }

    /** Write MDC entries (default true). */
    public void setIncludeMdc(boolean value) {
        settings.setIncludeMdc(value);
    }

    /** Write SLF4J key-value pairs (default true). */
    public void setIncludeKeyValues(boolean value) {
        settings.setIncludeKeyValues(value);
    }

    /** Write markers (default true). */
    public void setIncludeMarkers(boolean value) {
        settings.setIncludeMarkers(value);
    }

    /** Write caller class, method, file and line (default false: costs a stack walk on the logging thread). */
    public void setIncludeCallerData(boolean value) {
        settings.setIncludeCallerData(value);
    }

    /** Write the host name (default true). */
    public void setIncludeHost(boolean value) {
        settings.setIncludeHost(value);
    }

    /** Constant fields for every event: {@code env=prod,service={env:SERVICE:orders}}. */
    public void setStaticFields(String value) {
        settings.setStaticFields(value);
    }

    /** Message cap in UTF-8 bytes; 0 (default) caps only at the destination's event limit. */
    public void setMaxMessageBytes(int value) {
        settings.setMaxMessageBytes(value);
    }

    /** Register statistics as a JMX MBean (default true). */
    public void setJmx(boolean value) {
        settings.setJmx(value);
    }

    /** Directory of a durable spool for what can not be delivered for now; unset (default) means none. */
    public void setSpoolDirectory(String value) {
        settings.setSpoolDirectory(value);
    }

    /** Capacity of the spool in bytes (default 268435456 = 256 MiB). */
    public void setSpoolMaxBytes(long value) {
        settings.setSpoolMaxBytes(value);
    }

    /** {@code batch} (default), {@code always} or {@code never}: when spool writes are forced to the device. */
    public void setSpoolFsync(String value) {
        settings.setSpoolFsync(value);
    }

    /** {@code dropOldest} (default) or {@code dropNewest}: what a full spool gives up. */
    public void setSpoolOverflow(String value) {
        settings.setSpoolOverflow(value);
    }
}

package io.logbeam.logback;

import io.logbeam.core.config.AppenderProperties;
import io.logbeam.core.config.DestinationType;
import io.logbeam.core.config.Property;
import io.logbeam.core.config.PropertyTable;
import io.logbeam.core.engine.RecursionGuard;
import io.logbeam.core.engine.Shipper;
import io.logbeam.core.engine.ShipperStats;
import io.logbeam.core.util.ClassPath;
import io.logbeam.core.util.ConfigException;
import io.logbeam.core.util.Diagnostics;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Layout;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.status.OnPrintStreamStatusListenerBase;
import ch.qos.logback.core.status.StatusListener;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What the three Logback appenders share: the shared properties (their text goes, unread, to the core's
 * {@link AppenderProperties}, so they mean and accept the same as in the Log4j2 adapter; {@link PropertyTable}
 * describes each), start with validation of every property, the snapshot and publish on the application thread,
 * and stop with delivery of what is buffered.
 *
 * <p>Extends {@link UnsynchronizedAppenderBase}: the core's ring is safe for concurrent publishers, so no
 * appender-wide lock is taken on the application's threads. An appender whose configuration is invalid
 * reports every bad property through Logback's status ({@code addError}) and stays stopped; Logback then
 * skips it and the application keeps running and logging elsewhere. Every setter takes text, so that a wrong
 * value ({@code <includeMdc>yes</includeMdc>}, {@code <bufferMaxBytes>64 MBs</bufferMaxBytes>}) is reported by
 * Logbeam, naming the property, instead of being replaced by a default with only a Logback warning.
 */
public abstract class LogbeamAppenderBase extends UnsynchronizedAppenderBase<ILoggingEvent> {

    /** The properties' text, as Logback sets it; read once by {@link #start()}. */
    private final AppenderProperties properties;

    private final LogbackEventAdapter encoder = new LogbackEventAdapter();
    private final AtomicBoolean appendFailureReported = new AtomicBoolean();
    private volatile Shipper<ILoggingEvent> shipper;
    private volatile Level flushLevel;
    private volatile boolean captureCallerData;
    private volatile DebugSampling sampling; // installed while started with a samplingRate above 0
    private volatile LogstashFields logstash; // null without logstash-logback-encoder

    /**
     * @param type the destination
     */
    protected LogbeamAppenderBase(DestinationType type) {
        this.properties = new AppenderProperties(type);
    }

    /** The properties as set so far (tests). */
    AppenderProperties properties() {
        return properties;
    }

    /** Records {@code property}'s text, for {@link #start()} to read with the others. */
    protected final void set(Property property, String value) {
        properties.set(property, value);
    }

    @Override
    public void start() {
        if (isStarted()) {
            return;
        }
        String shipperName = getName() == null || getName().isBlank() ? getClass().getSimpleName() : getName();
        ConfigException.Collector problems = new ConfigException.Collector();
        Level level = parseLevel(properties.flushOnLevel(), problems);
        Shipper<ILoggingEvent> started = null;
        try {
            if (problems.problems().isEmpty()) {
                started = properties.start(shipperName, encoder, new StatusDiagnostics());
            } else {
                properties.validate(); // to report every other invalid property together with this one
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
        this.captureCallerData = properties.includeCallerData();
        this.logstash = logstashPresent() ? LogstashFields.with(started.loggedValues()) : null;
        this.shipper = started;
        installSampling(properties.samplingRate(), shipperName);
        super.start();
    }

    /** {@code samplingRate}: a turbo filter on this appender's {@code LoggerContext} while it runs. */
    private void installSampling(double rate, String shipperName) {
        if (rate <= 0) {
            return;
        }
        if (!(getContext() instanceof LoggerContext)) {
            addWarn("Logbeam appender [" + shipperName + "]: samplingRate needs a Logback LoggerContext; ignored");
            return;
        }
        DebugSampling filter = new DebugSampling(rate);
        filter.setContext(getContext());
        filter.start();
        ((LoggerContext) getContext()).addTurboFilter(filter);
        sampling = filter;
    }

    /**
     * Whether logstash-logback-encoder (and so Jackson) is on this adapter's class path, looked up without loading it,
     * so that {@link LogstashFields}, which uses its classes, is only loaded when it is there.
     */
    private static boolean logstashPresent() {
        return ClassPath.has("net.logstash.logback.argument.StructuredArgument", LogbeamAppenderBase.class)
                && ClassPath.has("com.fasterxml.jackson.databind.ObjectMapper", LogbeamAppenderBase.class);
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
     * Snapshots the event (it is encoded later on the shipper's thread) and hands it to the shipper: Logback formats
     * the message and copies the MDC, and mutable key-value values (and logstash-logback-encoder's structured fields)
     * are rendered now ({@link CapturedKeyValues}), so what ships is what was logged at this moment. Never waits on I/O
     * and never throws into the logging call.
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
            target.publish(CapturedKeyValues.of(event, target.loggedValues(), logstash), urgent);
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
        DebugSampling filter = sampling;
        sampling = null;
        if (filter != null && getContext() instanceof LoggerContext) {
            ((LoggerContext) getContext()).getTurboFilterList().remove(filter);
            filter.stop();
        }
        Shipper<ILoggingEvent> running = shipper;
        shipper = null;
        if (running != null) {
            Duration timeout = properties.shutdownTimeout();
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

    // ---- nested elements Logbeam does not use ----

    /**
     * Accepts an {@code <encoder>} only to say it is not used: Logbeam writes every event as its own JSON object
     * ({@code docs/schema.md}); the encoder's settings have Logbeam properties of their own
     * ({@code docs/from-logstash-logback-encoder.md}). The appender starts without it.
     */
    public void setEncoder(Encoder<ILoggingEvent> ignored) {
        addWarn(ignoredElement("encoder", ignored));
    }

    /** Accepts a {@code <layout>} only to say it is not used, as {@link #setEncoder} does. */
    public void setLayout(Layout<ILoggingEvent> ignored) {
        addWarn(ignoredElement("layout", ignored));
    }

    private String ignoredElement(String element, Object given) {
        return "Logbeam appender [" + getName() + "]: <" + element + "> ("
                + (given == null ? "none" : given.getClass().getName()) + ") is ignored: Logbeam writes each event as "
                + "its own JSON object (docs/schema.md). Fields, masking, stack traces and static fields are Logbeam "
                + "properties; coming from logstash-logback-encoder, see docs/from-logstash-logback-encoder.md";
    }

    // ---- shared properties: same names and meanings as in the Log4j2 adapter ----

    /** {@link PropertyTable#LOG_TYPE logType}. */
    public void setLogType(String value) {
        set(PropertyTable.LOG_TYPE, value);
    }

    /** {@link PropertyTable#LOG_TYPE_FROM logTypeFrom}. */
    public void setLogTypeFrom(String value) {
        set(PropertyTable.LOG_TYPE_FROM, value);
    }

    /** {@link PropertyTable#LOG_TYPE_MARKER_PREFIX logTypeMarkerPrefix}. */
    public void setLogTypeMarkerPrefix(String value) {
        set(PropertyTable.LOG_TYPE_MARKER_PREFIX, value);
    }

    /** {@link PropertyTable#LOG_TYPE_ALLOW_LIST logTypeAllowList}. */
    public void setLogTypeAllowList(String value) {
        set(PropertyTable.LOG_TYPE_ALLOW_LIST, value);
    }

    /** {@link PropertyTable#LOG_TYPE_KEY logTypeKey}. */
    public void setLogTypeKey(String value) {
        set(PropertyTable.LOG_TYPE_KEY, value);
    }

    /** {@link PropertyTable#LOG_ID_KEY logIdKey}. */
    public void setLogIdKey(String value) {
        set(PropertyTable.LOG_ID_KEY, value);
    }

    /** {@link PropertyTable#LOG_ID_FORMAT logIdFormat}. */
    public void setLogIdFormat(String value) {
        set(PropertyTable.LOG_ID_FORMAT, value);
    }

    /** {@link PropertyTable#TIME_KEY timeKey}. */
    public void setTimeKey(String value) {
        set(PropertyTable.TIME_KEY, value);
    }

    /** {@link PropertyTable#TIME_MILLIS_KEY timeMillisKey}. */
    public void setTimeMillisKey(String value) {
        set(PropertyTable.TIME_MILLIS_KEY, value);
    }

    /** {@link PropertyTable#FIELD_NAMES fieldNames}. */
    public void setFieldNames(String value) {
        set(PropertyTable.FIELD_NAMES, value);
    }

    /** {@link PropertyTable#REGION region}. */
    public void setRegion(String value) {
        set(PropertyTable.REGION, value);
    }

    /** {@link PropertyTable#ENDPOINT endpoint}. */
    public void setEndpoint(String value) {
        set(PropertyTable.ENDPOINT, value);
    }

    /** {@link PropertyTable#ACCESS_KEY_ID accessKeyId}. */
    public void setAccessKeyId(String value) {
        set(PropertyTable.ACCESS_KEY_ID, value);
    }

    /** {@link PropertyTable#SECRET_ACCESS_KEY secretAccessKey}. */
    public void setSecretAccessKey(String value) {
        set(PropertyTable.SECRET_ACCESS_KEY, value);
    }

    /** {@link PropertyTable#ROLE_ARN roleArn}. */
    public void setRoleArn(String value) {
        set(PropertyTable.ROLE_ARN, value);
    }

    /** {@link PropertyTable#ROLE_SESSION_NAME roleSessionName}. */
    public void setRoleSessionName(String value) {
        set(PropertyTable.ROLE_SESSION_NAME, value);
    }

    /** {@link PropertyTable#EXTERNAL_ID externalId}. */
    public void setExternalId(String value) {
        set(PropertyTable.EXTERNAL_ID, value);
    }

    /** {@link PropertyTable#STS_ENDPOINT stsEndpoint}. */
    public void setStsEndpoint(String value) {
        set(PropertyTable.STS_ENDPOINT, value);
    }

    /** {@link PropertyTable#HTTP_CLIENT httpClient}. */
    public void setHttpClient(String value) {
        set(PropertyTable.HTTP_CLIENT, value);
    }

    /** {@link PropertyTable#REQUEST_TIMEOUT requestTimeout}. */
    public void setRequestTimeout(String value) {
        set(PropertyTable.REQUEST_TIMEOUT, value);
    }

    /** {@link PropertyTable#CONNECT_TIMEOUT connectTimeout}. */
    public void setConnectTimeout(String value) {
        set(PropertyTable.CONNECT_TIMEOUT, value);
    }

    /** {@link PropertyTable#CLIENT_CUSTOMIZER clientCustomizer}. */
    public void setClientCustomizer(String value) {
        set(PropertyTable.CLIENT_CUSTOMIZER, value);
    }

    /** {@link PropertyTable#BUFFER_SIZE bufferSize}. */
    public void setBufferSize(String value) {
        set(PropertyTable.BUFFER_SIZE, value);
    }

    /** {@link PropertyTable#BUFFER_MAX_BYTES bufferMaxBytes}. */
    public void setBufferMaxBytes(String value) {
        set(PropertyTable.BUFFER_MAX_BYTES, value);
    }

    /** {@link PropertyTable#OVERFLOW_POLICY overflowPolicy}. */
    public void setOverflowPolicy(String value) {
        set(PropertyTable.OVERFLOW_POLICY, value);
    }

    /** {@link PropertyTable#BLOCK_TIMEOUT blockTimeout}. */
    public void setBlockTimeout(String value) {
        set(PropertyTable.BLOCK_TIMEOUT, value);
    }

    /** {@link PropertyTable#MAX_BATCH_DELAY maxBatchDelay}. */
    public void setMaxBatchDelay(String value) {
        set(PropertyTable.MAX_BATCH_DELAY, value);
    }

    /** {@link PropertyTable#MAX_IN_FLIGHT maxInFlight}. */
    public void setMaxInFlight(String value) {
        set(PropertyTable.MAX_IN_FLIGHT, value);
    }

    /** {@link PropertyTable#MAX_RETRIES maxRetries}. */
    public void setMaxRetries(String value) {
        set(PropertyTable.MAX_RETRIES, value);
    }

    /** {@link PropertyTable#RETRY_DEADLINE retryDeadline}. */
    public void setRetryDeadline(String value) {
        set(PropertyTable.RETRY_DEADLINE, value);
    }

    /** {@link PropertyTable#FLUSH_ON_LEVEL flushOnLevel}. */
    public void setFlushOnLevel(String value) {
        set(PropertyTable.FLUSH_ON_LEVEL, value);
    }

    /** {@link PropertyTable#SAMPLING_RATE samplingRate}. */
    public void setSamplingRate(String value) {
        set(PropertyTable.SAMPLING_RATE, value);
    }

    /** {@link PropertyTable#FALLBACK fallback}. */
    public void setFallback(String value) {
        set(PropertyTable.FALLBACK, value);
    }

    /** {@link PropertyTable#SHUTDOWN_TIMEOUT shutdownTimeout}. */
    public void setShutdownTimeout(String value) {
        set(PropertyTable.SHUTDOWN_TIMEOUT, value);
    }

    /** {@link PropertyTable#USE_SHUTDOWN_HOOK useShutdownHook}. */
    public void setUseShutdownHook(String value) {
        set(PropertyTable.USE_SHUTDOWN_HOOK, value);
    }

    /** {@link PropertyTable#INCLUDE_MDC includeMdc}. */
    public void setIncludeMdc(String value) {
        set(PropertyTable.INCLUDE_MDC, value);
    }

    /** {@link PropertyTable#INCLUDE_KEY_VALUES includeKeyValues}. */
    public void setIncludeKeyValues(String value) {
        set(PropertyTable.INCLUDE_KEY_VALUES, value);
    }

    /** {@link PropertyTable#INCLUDE_MARKERS includeMarkers}. */
    public void setIncludeMarkers(String value) {
        set(PropertyTable.INCLUDE_MARKERS, value);
    }

    /** {@link PropertyTable#INCLUDE_CALLER_DATA includeCallerData}. */
    public void setIncludeCallerData(String value) {
        set(PropertyTable.INCLUDE_CALLER_DATA, value);
    }

    /** {@link PropertyTable#INCLUDE_HOST includeHost}. */
    public void setIncludeHost(String value) {
        set(PropertyTable.INCLUDE_HOST, value);
    }

    /** {@link PropertyTable#STATIC_FIELDS staticFields}. */
    public void setStaticFields(String value) {
        set(PropertyTable.STATIC_FIELDS, value);
    }

    /** {@link PropertyTable#OBJECT_MAPPER_FACTORY objectMapperFactory}. */
    public void setObjectMapperFactory(String value) {
        set(PropertyTable.OBJECT_MAPPER_FACTORY, value);
    }

    /** {@link PropertyTable#INCLUDE_MDC_KEYS includeMdcKeys}. */
    public void setIncludeMdcKeys(String value) {
        set(PropertyTable.INCLUDE_MDC_KEYS, value);
    }

    /** {@link PropertyTable#EXCLUDE_MDC_KEYS excludeMdcKeys}. */
    public void setExcludeMdcKeys(String value) {
        set(PropertyTable.EXCLUDE_MDC_KEYS, value);
    }

    /** {@link PropertyTable#INCLUDE_KEY_VALUE_KEYS includeKeyValueKeys}. */
    public void setIncludeKeyValueKeys(String value) {
        set(PropertyTable.INCLUDE_KEY_VALUE_KEYS, value);
    }

    /** {@link PropertyTable#EXCLUDE_KEY_VALUE_KEYS excludeKeyValueKeys}. */
    public void setExcludeKeyValueKeys(String value) {
        set(PropertyTable.EXCLUDE_KEY_VALUE_KEYS, value);
    }

    /** {@link PropertyTable#MASK_KEYS maskKeys}. */
    public void setMaskKeys(String value) {
        set(PropertyTable.MASK_KEYS, value);
    }

    /** {@link PropertyTable#MASK_PATTERN maskPattern}. */
    public void setMaskPattern(String value) {
        set(PropertyTable.MASK_PATTERN, value);
    }

    /** {@link PropertyTable#MAX_STACK_FRAMES maxStackFrames}. */
    public void setMaxStackFrames(String value) {
        set(PropertyTable.MAX_STACK_FRAMES, value);
    }

    /** {@link PropertyTable#STACK_OMIT_PACKAGES stackOmitPackages}. */
    public void setStackOmitPackages(String value) {
        set(PropertyTable.STACK_OMIT_PACKAGES, value);
    }

    /** {@link PropertyTable#ROOT_CAUSE_FIRST rootCauseFirst}. */
    public void setRootCauseFirst(String value) {
        set(PropertyTable.ROOT_CAUSE_FIRST, value);
    }

    /** {@link PropertyTable#MAX_CAUSE_DEPTH maxCauseDepth}. */
    public void setMaxCauseDepth(String value) {
        set(PropertyTable.MAX_CAUSE_DEPTH, value);
    }

    /** {@link PropertyTable#MAX_MESSAGE_BYTES maxMessageBytes}. */
    public void setMaxMessageBytes(String value) {
        set(PropertyTable.MAX_MESSAGE_BYTES, value);
    }

    /** {@link PropertyTable#JMX jmx}. */
    public void setJmx(String value) {
        set(PropertyTable.JMX, value);
    }

    /** {@link PropertyTable#SPOOL_DIRECTORY spoolDirectory}. */
    public void setSpoolDirectory(String value) {
        set(PropertyTable.SPOOL_DIRECTORY, value);
    }

    /** {@link PropertyTable#SPOOL_MAX_BYTES spoolMaxBytes}. */
    public void setSpoolMaxBytes(String value) {
        set(PropertyTable.SPOOL_MAX_BYTES, value);
    }

    /** {@link PropertyTable#SPOOL_FSYNC spoolFsync}. */
    public void setSpoolFsync(String value) {
        set(PropertyTable.SPOOL_FSYNC, value);
    }

    /** {@link PropertyTable#SPOOL_OVERFLOW spoolOverflow}. */
    public void setSpoolOverflow(String value) {
        set(PropertyTable.SPOOL_OVERFLOW, value);
    }
}

package io.logbeam.log4j2;

import io.logbeam.core.config.AppenderProperties;
import io.logbeam.core.config.DestinationType;
import io.logbeam.core.config.PropertyTable;
import io.logbeam.core.engine.RecursionGuard;
import io.logbeam.core.engine.Shipper;
import io.logbeam.core.engine.ShipperStats;
import io.logbeam.core.event.EventCopier;
import io.logbeam.core.util.ConfigException;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.Layout;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.StringLayout;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.plugins.PluginBuilderAttribute;
import org.apache.logging.log4j.core.impl.LocationAware;
import org.apache.logging.log4j.status.StatusLogger;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * What the three Logbeam plugins ({@code <Kinesis>}, {@code <Firehose>}, {@code <CloudWatchLogs>}) share:
 * the application-thread side of shipping. {@link #append} copies the event into a preallocated
 * {@link Log4j2EventCarrier} of the ring of the {@link LogbeamManager}'s shipper (the slot it claims), so a log call
 * allocates nothing for the copy; it never blocks on I/O and never throws.
 */
public abstract class LogbeamAppender extends AbstractAppender {

    private static final org.apache.logging.log4j.Logger STATUS = StatusLogger.getLogger();

    private final LogbeamManager manager;
    private final Level flushLevel;
    private final boolean captureLocation;
    /** Copies each event into the claimed ring slot's carrier, with the caller's location when wanted. */
    private final EventCopier<LogEvent> copier;
    private final AtomicBoolean released = new AtomicBoolean();

    LogbeamAppender(Builder<?> builder, Started started) {
        super(builder.getName(), builder.getFilter(), builder.getLayout(), builder.isIgnoreExceptions(),
                builder.getPropertyArray());
        this.manager = started.manager;
        this.flushLevel = started.flushLevel;
        this.captureLocation = started.captureLocation;
        // A nested layout reads the event itself: it needs a MapMessage as one (a copy), not its text.
        this.copier = Log4j2EventCarrier.copier(captureLocation, started.layout != null,
                manager.shipper().loggedValues());
    }

    @Override
    public void append(LogEvent event) {
        if (RecursionGuard.suppress(event.getLoggerName())) {
            return; // the AWS SDK's own logging (or a shipper thread's): shipping it would loop
        }
        boolean urgent = flushLevel != null && event.getLevel().isMoreSpecificThan(flushLevel);
        manager.publish(event, copier, urgent);
    }

    /** Whether Log4j2 must capture the caller's location at the log call ({@code includeCallerData}, or a layout that prints it). */
    @Override
    public boolean requiresLocation() {
        return captureLocation;
    }

    /**
     * Stops this appender and releases its manager. The last appender to release a manager stops its shipper,
     * which delivers what is buffered within {@code timeout} or the appender's {@code shutdownTimeout}, whichever is
     * longer (Log4j2 passes 0 on reconfiguration and 50 ms from {@code LogManager.shutdown()}).
     */
    @Override
    public boolean stop(long timeout, TimeUnit timeUnit) {
        setStopping();
        boolean stopped = super.stop(timeout, timeUnit, false);
        // Release once: a second release would take the manager from the configuration now using it.
        if (released.compareAndSet(false, true)) {
            stopped &= manager.stop(timeout, timeUnit);
        }
        setStopped();
        return stopped;
    }

    /** Waits until everything this appender's shipper holds is delivered or fell back; true if within {@code timeout}. */
    public boolean flush(Duration timeout) {
        return manager.shipper().flush(timeout);
    }

    /** The running shipper (shared with this appender's successor when a reload leaves it unchanged). */
    public Shipper<LogEvent> shipper() {
        return manager.shipper();
    }

    /** Live statistics of the shipper (also registered in JMX unless {@code jmx="false"}). */
    public ShipperStats stats() {
        return manager.shipper().stats();
    }

    /** The manager, shared with the appender of the same name and attributes in a reloaded configuration. */
    public LogbeamManager manager() {
        return manager;
    }

    /** What a successful {@link Builder#start} yields. */
    static final class Started {
        final LogbeamManager manager;
        final Level flushLevel;
        final boolean captureLocation;
        final StringLayout layout; // the nested layout that renders the message, or null

        Started(LogbeamManager manager, Level flushLevel, boolean captureLocation, StringLayout layout) {
            this.manager = manager;
            this.flushLevel = flushLevel;
            this.captureLocation = captureLocation;
            this.layout = layout;
        }
    }

    /**
     * The attributes every Logbeam appender has, named exactly like the Logback appenders' properties and
     * described once in {@link PropertyTable}. All are text, read by the core as the table types them (Log4j2's own
     * conversion would log an error without the attribute's name, keep the default, and read {@code "yes"} as
     * false), and checked together when the appender is built: each invalid one is reported as a status-logger
     * error naming it, and the appender is not created (the rest of the configuration, and the application, carry
     * on).
     *
     * @param <B> the concrete builder
     */
    public abstract static class Builder<B extends Builder<B>> extends AbstractAppender.Builder<B> {

        @PluginBuilderAttribute
        private String logType;
        @PluginBuilderAttribute
        private String logTypeKey;
        @PluginBuilderAttribute
        private String logIdKey;
        @PluginBuilderAttribute
        private String logIdFormat;
        @PluginBuilderAttribute
        private String timeKey;
        @PluginBuilderAttribute
        private String timeMillisKey;
        @PluginBuilderAttribute
        private String logTypeFrom;
        @PluginBuilderAttribute
        private String logTypeMarkerPrefix;
        @PluginBuilderAttribute
        private String logTypeAllowList;
        @PluginBuilderAttribute
        private String fieldNames;
        @PluginBuilderAttribute
        private String region;
        @PluginBuilderAttribute
        private String endpoint;
        @PluginBuilderAttribute
        private String accessKeyId;
        @PluginBuilderAttribute(sensitive = true)
        private String secretAccessKey;
        @PluginBuilderAttribute
        private String roleArn;
        @PluginBuilderAttribute
        private String roleSessionName;
        @PluginBuilderAttribute
        private String externalId;
        @PluginBuilderAttribute
        private String stsEndpoint;
        @PluginBuilderAttribute
        private String httpClient;
        @PluginBuilderAttribute
        private String requestTimeout;
        @PluginBuilderAttribute
        private String connectTimeout;
        @PluginBuilderAttribute
        private String clientCustomizer;
        @PluginBuilderAttribute
        private String bufferSize;
        @PluginBuilderAttribute
        private String bufferMaxBytes;
        @PluginBuilderAttribute
        private String overflowPolicy;
        @PluginBuilderAttribute
        private String blockTimeout;
        @PluginBuilderAttribute
        private String maxBatchDelay;
        @PluginBuilderAttribute
        private String maxInFlight;
        @PluginBuilderAttribute
        private String maxRetries;
        @PluginBuilderAttribute
        private String retryDeadline;
        @PluginBuilderAttribute
        private String flushOnLevel;
        @PluginBuilderAttribute
        private String samplingRate;
        @PluginBuilderAttribute
        private String fallback;
        @PluginBuilderAttribute
        private String shutdownTimeout;
        @PluginBuilderAttribute
        private String useShutdownHook;
        @PluginBuilderAttribute
        private String includeMdc;
        @PluginBuilderAttribute
        private String includeKeyValues;
        @PluginBuilderAttribute
        private String includeMarkers;
        @PluginBuilderAttribute
        private String includeCallerData;
        @PluginBuilderAttribute
        private String includeHost;
        @PluginBuilderAttribute
        private String staticFields;
        @PluginBuilderAttribute
        private String objectMapperFactory;
        @PluginBuilderAttribute
        private String includeMdcKeys;
        @PluginBuilderAttribute
        private String excludeMdcKeys;
        @PluginBuilderAttribute
        private String includeKeyValueKeys;
        @PluginBuilderAttribute
        private String excludeKeyValueKeys;
        @PluginBuilderAttribute
        private String maskKeys;
        @PluginBuilderAttribute
        private String maskPattern;
        @PluginBuilderAttribute
        private String maxStackFrames;
        @PluginBuilderAttribute
        private String stackOmitPackages;
        @PluginBuilderAttribute
        private String rootCauseFirst;
        @PluginBuilderAttribute
        private String maxCauseDepth;
        @PluginBuilderAttribute
        private String maxMessageBytes;
        @PluginBuilderAttribute
        private String jmx;
        @PluginBuilderAttribute
        private String spoolDirectory;
        @PluginBuilderAttribute
        private String spoolMaxBytes;
        @PluginBuilderAttribute
        private String spoolFsync;
        @PluginBuilderAttribute
        private String spoolOverflow;

        Builder() {
        }

        /** See {@link PropertyTable#LOG_TYPE}. */
        public B setLogType(String value) {
            this.logType = value;
            return asBuilder();
        }

        /** See {@link PropertyTable#LOG_TYPE_KEY}. */
        public B setLogTypeKey(String value) {
            this.logTypeKey = value;
            return asBuilder();
        }

        /** See {@link PropertyTable#LOG_ID_KEY}. */
        public B setLogIdKey(String value) {
            this.logIdKey = value;
            return asBuilder();
        }

        /** See {@link PropertyTable#LOG_ID_FORMAT}. */
        public B setLogIdFormat(String value) {
            this.logIdFormat = value;
            return asBuilder();
        }

        /** See {@link PropertyTable#TIME_KEY}. */
        public B setTimeKey(String value) {
            this.timeKey = value;
            return asBuilder();
        }

        /** See {@link PropertyTable#TIME_MILLIS_KEY}. */
        public B setTimeMillisKey(String value) {
            this.timeMillisKey = value;
            return asBuilder();
        }

        /** See {@link PropertyTable#LOG_TYPE_FROM}. */
        public B setLogTypeFrom(String value) {
            this.logTypeFrom = value;
            return asBuilder();
        }

        /** See {@link PropertyTable#LOG_TYPE_MARKER_PREFIX}. */
        public B setLogTypeMarkerPrefix(String value) {
            this.logTypeMarkerPrefix = value;
            return asBuilder();
        }

        /** See {@link PropertyTable#LOG_TYPE_ALLOW_LIST}. */
        public B setLogTypeAllowList(String value) {
            this.logTypeAllowList = value;
            return asBuilder();
        }

        /** See {@link PropertyTable#FIELD_NAMES}. */
        public B setFieldNames(String value) {
            this.fieldNames = value;
            return asBuilder();
        }

        /** See {@link PropertyTable#REGION}. */
        public B setRegion(String value) {
            this.region = value;
            return asBuilder();
        }

        /** See {@link PropertyTable#ENDPOINT}. */
        public B setEndpoint(String value) {
            this.endpoint = value;
            return asBuilder();
        }

        /** See {@link PropertyTable#ACCESS_KEY_ID}. */
        public B setAccessKeyId(String value) {
            this.accessKeyId = value;
            return asBuilder();
        }

        /** See {@link PropertyTable#SECRET_ACCESS_KEY}. */
        public B setSecretAccessKey(String value) {
            this.secretAccessKey = value;
            return asBuilder();
        }

        /** See {@link PropertyTable#ROLE_ARN}. */
        public B setRoleArn(String value) {
            this.roleArn = value;
            return asBuilder();
        }

        /** See {@link PropertyTable#ROLE_SESSION_NAME}. */
        public B setRoleSessionName(String value) {
            this.roleSessionName = value;
            return asBuilder();
        }

        /** See {@link PropertyTable#EXTERNAL_ID}. */
        public B setExternalId(String value) {
            this.externalId = value;
            return asBuilder();
        }

        /** See {@link PropertyTable#STS_ENDPOINT}. */
        public B setStsEndpoint(String value) {
            this.stsEndpoint = value;
            return asBuilder();
        }

        /** See {@link PropertyTable#HTTP_CLIENT}. */
        public B setHttpClient(String value) {
            this.httpClient = value;
            return asBuilder();
        }

        /** See {@link PropertyTable#REQUEST_TIMEOUT}. */
        public B setRequestTimeout(String value) {
            this.requestTimeout = value;
            return asBuilder();
        }

        /** See {@link PropertyTable#CONNECT_TIMEOUT}. */
        public B setConnectTimeout(String value) {
            this.connectTimeout = value;
            return asBuilder();
        }

        /** See {@link PropertyTable#CLIENT_CUSTOMIZER}. */
        public B setClientCustomizer(String value) {
            this.clientCustomizer = value;
            return asBuilder();
        }

        /** See {@link PropertyTable#BUFFER_SIZE}. */
        public B setBufferSize(int value) {
            this.bufferSize = String.valueOf(value);
            return asBuilder();
        }

        /** See {@link PropertyTable#BUFFER_MAX_BYTES}. */
        public B setBufferMaxBytes(long value) {
            this.bufferMaxBytes = String.valueOf(value);
            return asBuilder();
        }

        /** See {@link PropertyTable#OVERFLOW_POLICY}. */
        public B setOverflowPolicy(String value) {
            this.overflowPolicy = value;
            return asBuilder();
        }

        /** See {@link PropertyTable#BLOCK_TIMEOUT}. */
        public B setBlockTimeout(String value) {
            this.blockTimeout = value;
            return asBuilder();
        }

        /** See {@link PropertyTable#MAX_BATCH_DELAY}. */
        public B setMaxBatchDelay(String value) {
            this.maxBatchDelay = value;
            return asBuilder();
        }

        /** See {@link PropertyTable#MAX_IN_FLIGHT}. */
        public B setMaxInFlight(int value) {
            this.maxInFlight = String.valueOf(value);
            return asBuilder();
        }

        /** See {@link PropertyTable#MAX_RETRIES}. */
        public B setMaxRetries(int value) {
            this.maxRetries = String.valueOf(value);
            return asBuilder();
        }

        /** See {@link PropertyTable#RETRY_DEADLINE}. */
        public B setRetryDeadline(String value) {
            this.retryDeadline = value;
            return asBuilder();
        }

        /** See {@link PropertyTable#FLUSH_ON_LEVEL}. */
        public B setFlushOnLevel(String value) {
            this.flushOnLevel = value;
            return asBuilder();
        }

        /** See {@link PropertyTable#SAMPLING_RATE}. */
        public B setSamplingRate(String value) {
            this.samplingRate = value;
            return asBuilder();
        }

        /** See {@link PropertyTable#FALLBACK}. */
        public B setFallback(String value) {
            this.fallback = value;
            return asBuilder();
        }

        /** See {@link PropertyTable#SHUTDOWN_TIMEOUT}. */
        public B setShutdownTimeout(String value) {
            this.shutdownTimeout = value;
            return asBuilder();
        }

        /** See {@link PropertyTable#USE_SHUTDOWN_HOOK}. */
        public B setUseShutdownHook(boolean value) {
            this.useShutdownHook = String.valueOf(value);
            return asBuilder();
        }

        /** See {@link PropertyTable#INCLUDE_MDC}. */
        public B setIncludeMdc(boolean value) {
            this.includeMdc = String.valueOf(value);
            return asBuilder();
        }

        /** See {@link PropertyTable#INCLUDE_KEY_VALUES}. */
        public B setIncludeKeyValues(boolean value) {
            this.includeKeyValues = String.valueOf(value);
            return asBuilder();
        }

        /** See {@link PropertyTable#INCLUDE_MARKERS}. */
        public B setIncludeMarkers(boolean value) {
            this.includeMarkers = String.valueOf(value);
            return asBuilder();
        }

        /** See {@link PropertyTable#INCLUDE_CALLER_DATA}. */
        public B setIncludeCallerData(boolean value) {
            this.includeCallerData = String.valueOf(value);
            return asBuilder();
        }

        /** See {@link PropertyTable#INCLUDE_HOST}. */
        public B setIncludeHost(boolean value) {
            this.includeHost = String.valueOf(value);
            return asBuilder();
        }

        /** See {@link PropertyTable#STATIC_FIELDS}. */
        public B setStaticFields(String value) {
            this.staticFields = value;
            return asBuilder();
        }

        /** See {@link PropertyTable#OBJECT_MAPPER_FACTORY}. */
        public B setObjectMapperFactory(String value) {
            this.objectMapperFactory = value;
            return asBuilder();
        }

        /** See {@link PropertyTable#INCLUDE_MDC_KEYS}. */
        public B setIncludeMdcKeys(String value) {
            this.includeMdcKeys = value;
            return asBuilder();
        }

        /** See {@link PropertyTable#EXCLUDE_MDC_KEYS}. */
        public B setExcludeMdcKeys(String value) {
            this.excludeMdcKeys = value;
            return asBuilder();
        }

        /** See {@link PropertyTable#INCLUDE_KEY_VALUE_KEYS}. */
        public B setIncludeKeyValueKeys(String value) {
            this.includeKeyValueKeys = value;
            return asBuilder();
        }

        /** See {@link PropertyTable#EXCLUDE_KEY_VALUE_KEYS}. */
        public B setExcludeKeyValueKeys(String value) {
            this.excludeKeyValueKeys = value;
            return asBuilder();
        }

        /** See {@link PropertyTable#MASK_KEYS}. */
        public B setMaskKeys(String value) {
            this.maskKeys = value;
            return asBuilder();
        }

        /** See {@link PropertyTable#MASK_PATTERN}. */
        public B setMaskPattern(String value) {
            this.maskPattern = value;
            return asBuilder();
        }

        /** See {@link PropertyTable#MAX_STACK_FRAMES}. */
        public B setMaxStackFrames(int value) {
            this.maxStackFrames = String.valueOf(value);
            return asBuilder();
        }

        /** See {@link PropertyTable#STACK_OMIT_PACKAGES}. */
        public B setStackOmitPackages(String value) {
            this.stackOmitPackages = value;
            return asBuilder();
        }

        /** See {@link PropertyTable#ROOT_CAUSE_FIRST}. */
        public B setRootCauseFirst(boolean value) {
            this.rootCauseFirst = String.valueOf(value);
            return asBuilder();
        }

        /** See {@link PropertyTable#MAX_CAUSE_DEPTH}. */
        public B setMaxCauseDepth(int value) {
            this.maxCauseDepth = String.valueOf(value);
            return asBuilder();
        }

        /** See {@link PropertyTable#MAX_MESSAGE_BYTES}. */
        public B setMaxMessageBytes(int value) {
            this.maxMessageBytes = String.valueOf(value);
            return asBuilder();
        }

        /** See {@link PropertyTable#JMX}. */
        public B setJmx(boolean value) {
            this.jmx = String.valueOf(value);
            return asBuilder();
        }

        /** See {@link PropertyTable#SPOOL_DIRECTORY}. */
        public B setSpoolDirectory(String value) {
            this.spoolDirectory = value;
            return asBuilder();
        }

        /** See {@link PropertyTable#SPOOL_MAX_BYTES}. */
        public B setSpoolMaxBytes(long value) {
            this.spoolMaxBytes = String.valueOf(value);
            return asBuilder();
        }

        /** See {@link PropertyTable#SPOOL_FSYNC}. */
        public B setSpoolFsync(String value) {
            this.spoolFsync = value;
            return asBuilder();
        }

        /** See {@link PropertyTable#SPOOL_OVERFLOW}. */
        public B setSpoolOverflow(String value) {
            this.spoolOverflow = value;
            return asBuilder();
        }

        /** The destination these attributes configure. */
        abstract DestinationType type();

        /**
         * Checks every attribute and obtains the manager: the running one of an unchanged appender after a
         * reconfiguration, else a new one. Null, after reporting every problem, when the configuration is invalid.
         */
        final Started start(String element) {
            String name = getName();
            Map<String, String> attributes = Attributes.of(this, AbstractAppender.Builder.class);
            AppenderProperties settings = new AppenderProperties(type());
            attributes.forEach(settings::set); // text, read and checked by the core as PropertyTable types it
            ConfigException.Collector problems = new ConfigException.Collector();
            Level flushLevel = flushLevel(settings.flushOnLevel(), problems);
            Layout<?> layout = messageLayout(getLayout(), element, name);
            if (layout != null && !(layout instanceof StringLayout)) {
                problems.add("layout", layout.getClass().getSimpleName() + " does not produce text; a nested layout "
                        + "renders the message field, so it must be a text layout such as PatternLayout");
            }
            try {
                if (!problems.problems().isEmpty()) {
                    collectOthers(settings, problems);
                    problems.throwIfAny();
                }
                String key = "Logbeam" + element + "[" + name + "]@" + Attributes.digest(element, name, attributes);
                LoggerContext context = getConfiguration() == null ? null : getConfiguration().getLoggerContext();
                LogbeamManager manager = LogbeamManager.obtain(key,
                        new LogbeamManager.FactoryData(context, name, settings, (StringLayout) layout));
                boolean captureLocation = settings.includeCallerData()
                        || layout instanceof LocationAware && ((LocationAware) layout).requiresLocation();
                installSampling(settings.samplingRate(), element, name);
                return new Started(manager, flushLevel, captureLocation, (StringLayout) layout);
            } catch (ConfigException e) {
                for (ConfigException.Problem problem : e.problems()) {
                    STATUS.error("<{} name=\"{}\">: attribute '{}': {}; the appender is not started", element, name,
                            problem.property(), problem.message());
                }
                return null;
            } catch (RuntimeException | LinkageError e) {
                STATUS.error("<{} name=\"{}\">: could not start: {}", element, name, e.toString(), e);
                return null;
            }
        }

        /**
         * {@code samplingRate}: a filter of the whole configuration (see {@link DebugSampling}), which lives and ends with
         * the configuration this appender belongs to.
         */
        private void installSampling(double rate, String element, String name) {
            if (rate <= 0) {
                return;
            }
            if (getConfiguration() == null) {
                STATUS.warn("<{} name=\"{}\">: samplingRate needs the appender's configuration; ignored", element, name);
                return;
            }
            getConfiguration().addFilter(DebugSampling.started(rate));
        }

        /**
         * The nested layout, to render the {@code message} field; null, with a warning, for a layout that writes JSON
         * ({@code JsonTemplateLayout}, {@code JsonLayout}, ...): Logbeam writes the event's JSON itself, and a JSON
         * document inside its {@code message} would be half of two schemas.
         */
        private static Layout<?> messageLayout(Layout<?> layout, String element, String name) {
            String contentType = layout == null ? null : layout.getContentType();
            if (contentType != null && contentType.toLowerCase(Locale.ROOT).contains("json")) {
                STATUS.warn("<{} name=\"{}\">: the nested {} is ignored: Logbeam writes each event as its own JSON "
                        + "object (docs/schema.md); a nested layout only renders the message field, as text. Fields, "
                        + "masking, stack traces and static fields are Logbeam attributes; coming from "
                        + "JsonTemplateLayout, see docs/from-jsontemplatelayout.md", element, name,
                        layout.getClass().getSimpleName());
                return null;
            }
            return layout;
        }

        /** Adds what the core's validation finds, so one start reports every invalid attribute. */
        private static void collectOthers(AppenderProperties settings, ConfigException.Collector problems) {
            try {
                settings.validate();
            } catch (ConfigException e) {
                problems.addAll(e);
            }
        }

        private static Level flushLevel(String text, ConfigException.Collector problems) {
            if (text == null) {
                return null;
            }
            Level level = Level.toLevel(text.trim(), null);
            if (level == null) {
                problems.add("flushOnLevel", "'" + text + "' is not a Log4j2 level (TRACE, DEBUG, INFO, WARN, ERROR, "
                        + "FATAL or a custom level)");
            }
            return level;
        }
    }
}

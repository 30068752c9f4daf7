package io.logbeam.core.config;

import io.logbeam.core.ConfigException;
import io.logbeam.core.Diagnostics;
import io.logbeam.core.Durations;
import io.logbeam.core.EventCarriers;
import io.logbeam.core.EventEncoder;
import io.logbeam.core.Fallback;
import io.logbeam.core.LogTypes;
import io.logbeam.core.OverflowPolicy;
import io.logbeam.core.Shipper;
import io.logbeam.core.ShipperConfig;
import io.logbeam.core.SilentFallback;
import io.logbeam.core.StderrFallback;
import io.logbeam.core.Substitutions;
import io.logbeam.core.aws.AwsSettings;
import io.logbeam.core.json.JsonSchema;
import io.logbeam.core.send.Destination;
import io.logbeam.core.spool.SpoolConfig;
import io.logbeam.core.spool.SpoolFsync;
import io.logbeam.core.spool.SpoolOverflow;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every configuration property of an appender, with the same names and meanings in the Logback and the
 * Log4j2 adapter, which only forward their framework's properties here. {@link #start} validates all of
 * them at once, so one start reports every invalid property by name, and builds the running
 * {@link Shipper}.
 *
 * <p>Sizes and flags are typed; durations and enumerations are text, parsed here so both frameworks accept
 * the same syntax ({@code "10 seconds"}, {@code "500ms"}, {@code "PT10S"}). Subclasses add one destination's
 * properties.
 */
public abstract class AppenderSettings {

    private String logType = LogTypes.DEFAULT_LOG_TYPE;
    private String logTypeKey = "log_type";
    private String logIdKey = "log_id";
    private String timeKey = "time";
    private String timeMillisKey;
    private String logTypeFrom = LogTypes.DEFAULT_LOG_TYPE_FROM;
    private String logTypeMarkerPrefix = LogTypes.DEFAULT_LOG_TYPE_MARKER_PREFIX;
    private String logTypeAllowList;
    private String fieldNames;
    private String region;
    private String endpoint;
    private String accessKeyId;
    private String secretAccessKey;
    private String httpClient = "urlconnection";
    private String requestTimeout = "10 seconds";
    private String connectTimeout = "3 seconds";
    private int bufferSize = ShipperConfig.DEFAULT_BUFFER_SIZE;
    private long bufferMaxBytes = ShipperConfig.defaultBufferMaxBytes();
    private String overflowPolicy = "drop";
    private String blockTimeout = "1 second";
    private String maxBatchDelay = "1 second";
    private int maxInFlight = ShipperConfig.DEFAULT_MAX_IN_FLIGHT;
    private int maxRetries = ShipperConfig.DEFAULT_MAX_RETRIES;
    private String retryDeadline = "60 seconds";
    private String flushOnLevel;
    private String fallback = "stderr";
    private String shutdownTimeout = "10 seconds";
    private boolean includeMdc = true;
    private boolean includeKeyValues = true;
    private boolean includeMarkers = true;
    private boolean includeCallerData;
    private boolean includeHost = true;
    private String staticFields;
    private int maxMessageBytes;
    private boolean jmx = true;
    private String spoolDirectory;
    private long spoolMaxBytes = SpoolConfig.DEFAULT_MAX_BYTES;
    private String spoolFsync = "batch";
    private String spoolOverflow = "dropOldest";

    /** The destination for these settings, built without touching the network. */
    protected abstract Destination createDestination(AwsSettings aws, Substitutions substitutions,
            ConfigException.Collector problems);

    /**
     * Validates every property and starts a shipper named {@code name}.
     *
     * @throws ConfigException listing every invalid property; nothing is started then
     */
    public final <E> Shipper<E> start(String name, EventEncoder<E> encoder, Diagnostics diagnostics) {
        return start(name, encoder, diagnostics, new Substitutions());
    }

    /**
     * As {@link #start(String, EventEncoder, Diagnostics)}, with one preallocated carrier per ring slot for
     * {@link Shipper#publishCopy} (see {@link EventCarriers}); null {@code carriers} for none.
     */
    public final <E> Shipper<E> start(String name, EventEncoder<E> encoder, EventCarriers<E> carriers,
            Diagnostics diagnostics) {
        return start(name, encoder, carriers, diagnostics, new Substitutions());
    }

    /** As {@link #start(String, EventEncoder, Diagnostics)}, with given substitution sources (tests). */
    public final <E> Shipper<E> start(String name, EventEncoder<E> encoder, Diagnostics diagnostics,
            Substitutions substitutions) {
        return start(name, encoder, null, diagnostics, substitutions);
    }

    private <E> Shipper<E> start(String name, EventEncoder<E> encoder, EventCarriers<E> carriers,
            Diagnostics diagnostics, Substitutions substitutions) {
        ConfigException.Collector problems = new ConfigException.Collector();
        ShipperConfig config = attempt(problems, () -> shipperConfig(name));
        LogTypes logTypes = attempt(problems, () -> new LogTypes(logType, logTypeFrom, logTypeMarkerPrefix, logTypeAllowList));
        JsonSchema schema = attempt(problems, () -> schema(substitutions));
        AwsSettings aws = attempt(problems, this::awsSettings);
        Fallback fallbackImpl = attempt(problems, this::fallback);
        SpoolConfig spool = attempt(problems, () -> spoolConfig(substitutions));
        // With invalid AWS properties the destination's own are still checked (on defaults): every problem at once.
        Destination destination = createDestination(aws == null ? AwsSettings.builder().build() : aws, substitutions,
                problems);
        problems.throwIfAny();
        // The spool directory is created, checked and locked here: a ConfigException naming spoolDirectory.
        return Shipper.builder(encoder, destination).carriers(carriers).config(config).logTypes(logTypes).schema(schema)
                .fallback(fallbackImpl).diagnostics(diagnostics).spool(spool).start();
    }

    /** Checks every property without starting anything. */
    public final void validate() {
        ConfigException.Collector problems = new ConfigException.Collector();
        Substitutions substitutions = new Substitutions();
        attempt(problems, () -> shipperConfig("validation"));
        attempt(problems, () -> new LogTypes(logType, logTypeFrom, logTypeMarkerPrefix, logTypeAllowList));
        attempt(problems, () -> schema(substitutions));
        AwsSettings aws = attempt(problems, this::awsSettings);
        attempt(problems, this::fallback);
        attempt(problems, () -> spoolConfig(substitutions));
        createDestination(aws == null ? AwsSettings.builder().build() : aws, substitutions, problems);
        problems.throwIfAny();
    }

    private ShipperConfig shipperConfig(String name) {
        ConfigException.Collector p = new ConfigException.Collector();
        ShipperConfig.Builder b = ShipperConfig.builder().name(name).bufferSize(bufferSize).bufferMaxBytes(bufferMaxBytes)
                .maxInFlight(maxInFlight)
                .maxRetries(maxRetries).maxMessageBytes(maxMessageBytes).jmx(jmx);
        // Unparseable values fall back to defaults here so that build() still checks all the others.
        OverflowPolicy policy = attempt(p, () -> OverflowPolicy.parse("overflowPolicy", overflowPolicy));
        b.overflowPolicy(policy == null ? OverflowPolicy.DROP : policy);
        b.blockTimeout(duration(p, "blockTimeout", blockTimeout, ShipperConfig.DEFAULT_BLOCK_TIMEOUT));
        b.maxBatchDelay(duration(p, "maxBatchDelay", maxBatchDelay, ShipperConfig.DEFAULT_MAX_BATCH_DELAY));
        b.retryDeadline(duration(p, "retryDeadline", retryDeadline, ShipperConfig.DEFAULT_RETRY_DEADLINE));
        b.shutdownTimeout(duration(p, "shutdownTimeout", shutdownTimeout, ShipperConfig.DEFAULT_SHUTDOWN_TIMEOUT));
        ShipperConfig config = attempt(p, b::build);
        p.throwIfAny();
        return config;
    }

    /** The spool settings, or null when {@code spoolDirectory} is unset (no spool). */
    private SpoolConfig spoolConfig(Substitutions substitutions) {
        String dir = blankToNull(spoolDirectory);
        if (dir == null) {
            return null;
        }
        ConfigException.Collector p = new ConfigException.Collector();
        SpoolConfig.Builder b = SpoolConfig.builder().maxBytes(spoolMaxBytes);
        String resolved = attempt(p, () -> substitutions.resolve("spoolDirectory", dir));
        b.directory(resolved == null ? dir : resolved);
        SpoolFsync fsync = attempt(p, () -> SpoolFsync.parse("spoolFsync", spoolFsync));
        b.fsync(fsync == null ? SpoolFsync.BATCH : fsync);
        SpoolOverflow overflow = attempt(p, () -> SpoolOverflow.parse("spoolOverflow", spoolOverflow));
        b.overflow(overflow == null ? SpoolOverflow.DROP_OLDEST : overflow);
        SpoolConfig config = attempt(p, b::build);
        p.throwIfAny();
        return config;
    }

    private static Duration duration(ConfigException.Collector p, String property, String text, Duration fallback) {
        Duration d = attempt(p, () -> Durations.parse(property, text));
        return d == null ? fallback : d;
    }

    private JsonSchema schema(Substitutions substitutions) {
        JsonSchema.Builder b = JsonSchema.builder().logTypeKey(logTypeKey).logIdKey(logIdKey).timeKey(timeKey)
                .timeMillisKey(blankToNull(timeMillisKey)).includeMdc(includeMdc).includeKeyValues(includeKeyValues)
                .includeMarkers(includeMarkers).includeCallerData(includeCallerData).includeHost(includeHost);
        pairs("fieldNames", fieldNames).forEach(b::rename);
        pairs("staticFields", staticFields).forEach((k, v) -> b.staticField(k, substitutions.resolve("staticFields", v)));
        return b.build();
    }

    private AwsSettings awsSettings() {
        ConfigException.Collector p = new ConfigException.Collector();
        Duration request = duration(p, "requestTimeout", requestTimeout, AwsSettings.DEFAULT_REQUEST_TIMEOUT);
        Duration connect = duration(p, "connectTimeout", connectTimeout, AwsSettings.DEFAULT_CONNECT_TIMEOUT);
        AwsSettings aws = attempt(p, AwsSettings.builder().region(region).endpoint(endpoint).accessKeyId(accessKeyId)
                .secretAccessKey(secretAccessKey).httpClient(httpClient).requestTimeout(request)
                .connectTimeout(connect)::build);
        p.throwIfAny();
        return aws;
    }

    private Fallback fallback() {
        String value = fallback == null ? "" : fallback.trim();
        if (value.equalsIgnoreCase("stderr")) {
            return new StderrFallback();
        }
        if (value.equalsIgnoreCase("none")) {
            return new SilentFallback();
        }
        if (value.contains(".")) {
            try {
                Class<?> type = Class.forName(value, true, Thread.currentThread().getContextClassLoader() != null
                        ? Thread.currentThread().getContextClassLoader() : AppenderSettings.class.getClassLoader());
                return (Fallback) type.getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException | ClassCastException | LinkageError e) {
                throw new ConfigException("fallback", "'" + value + "' is not a class implementing "
                        + Fallback.class.getName() + " with a public no-argument constructor: " + e);
            }
        }
        throw new ConfigException("fallback", "'" + value + "' is not a fallback; use 'stderr', 'none' or the class "
                + "name of a " + Fallback.class.getName());
    }

    /** Runs {@code step}, recording its {@link ConfigException} instead of throwing; null on failure. */
    protected static <T> T attempt(ConfigException.Collector problems, java.util.function.Supplier<T> step) {
        try {
            return step.get();
        } catch (ConfigException e) {
            problems.addAll(e);
            return null;
        }
    }

    /** Parses {@code k=v,k2=v2} for {@code property}. */
    static Map<String, String> pairs(String property, String text) {
        Map<String, String> out = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return out;
        }
        for (String part : text.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new ConfigException(property, "'" + part.trim() + "' is not key=value (expected k=v,k2=v2)");
            }
            out.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
        }
        return out;
    }

    /** Null for null or blank text, else the trimmed text. */
    protected static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }

    // ---- shared properties (same names in logback.xml and log4j2.xml) ----

    /** Default {@code log_type} of this appender's events (default {@code app}). */
    public void setLogType(String value) {
        this.logType = value;
    }

    /** Key of the log type field (default {@code log_type}). */
    public void setLogTypeKey(String value) {
        this.logTypeKey = value;
    }

    /** Key of the unique id field (default {@code log_id}). */
    public void setLogIdKey(String value) {
        this.logIdKey = value;
    }

    /** Key of the ISO-8601 time field (default {@code time}). */
    public void setTimeKey(String value) {
        this.timeKey = value;
    }

    /** Key of an additional epoch-milliseconds time field; unset (default) leaves it out. */
    public void setTimeMillisKey(String value) {
        this.timeMillisKey = value;
    }

    /** MDC / key-value name whose value overrides {@code logType} per event (default {@code log_type}). */
    public void setLogTypeFrom(String value) {
        this.logTypeFrom = value;
    }

    /**
     * Markers whose name starts with this give the event's log type, the rest of the name being the type
     * (default {@code log_type:}: the marker {@code log_type:audit} gives {@code audit}); referenced and parent
     * markers count too. The {@code logTypeFrom} value wins over a marker. {@code none} (or empty, in Log4j2):
     * markers never give the type.
     */
    public void setLogTypeMarkerPrefix(String value) {
        this.logTypeMarkerPrefix = value;
    }

    /** Comma-separated log types this appender ships (the resolved type, whatever its source); unset ships all. */
    public void setLogTypeAllowList(String value) {
        this.logTypeAllowList = value;
    }

    /** Renames other fields: {@code level=severity,message=msg}. */
    public void setFieldNames(String value) {
        this.fieldNames = value;
    }

    /** AWS region; unset uses the SDK default chain ({@code AWS_REGION}, profile, instance metadata). */
    public void setRegion(String value) {
        this.region = value;
    }

    /** Endpoint override (LocalStack, moto, VPC endpoint); unset uses the service's public endpoint. */
    public void setEndpoint(String value) {
        this.endpoint = value;
    }

    /** Static access key for emulators; unset uses the default credentials chain. */
    public void setAccessKeyId(String value) {
        this.accessKeyId = value;
    }

    /** Static secret key, with {@link #setAccessKeyId}. */
    public void setSecretAccessKey(String value) {
        this.secretAccessKey = value;
    }

    /** {@code urlconnection} (default) or {@code apache} (needs apache-client on the classpath). */
    public void setHttpClient(String value) {
        this.httpClient = value;
    }

    /** Time one request may take (default 10 seconds). */
    public void setRequestTimeout(String value) {
        this.requestTimeout = value;
    }

    /** Time to connect (default 3 seconds). */
    public void setConnectTimeout(String value) {
        this.connectTimeout = value;
    }

    /** Ring capacity in events, a power of two (default 8192). */
    public void setBufferSize(int value) {
        this.bufferSize = value;
    }

    /**
     * The most heap, approximately, that events waiting in the ring may hold (default 64 MiB or an eighth of the
     * maximum heap, whichever is smaller); 0 for no byte budget. Over it, {@code overflowPolicy} applies as for a full ring.
     */
    public void setBufferMaxBytes(long value) {
        this.bufferMaxBytes = value;
    }

    /** {@code drop} (default) or {@code block} when the ring is full (or over {@code bufferMaxBytes}). */
    public void setOverflowPolicy(String value) {
        this.overflowPolicy = value;
    }

    /** Longest wait for a slot under {@code block} (default 1 second). */
    public void setBlockTimeout(String value) {
        this.blockTimeout = value;
    }

    /** A batch is sent at the latest this long after its first event (default 1 second). */
    public void setMaxBatchDelay(String value) {
        this.maxBatchDelay = value;
    }

    /** Concurrent requests (default 2). */
    public void setMaxInFlight(int value) {
        this.maxInFlight = value;
    }

    /** Retries of a failed entry (default 30; {@code retryDeadline} usually ends them first). */
    public void setMaxRetries(int value) {
        this.maxRetries = value;
    }

    /** Time after which a failing entry goes to the fallback (default 60 seconds). */
    public void setRetryDeadline(String value) {
        this.retryDeadline = value;
    }

    /** Level at or above which the batch is sent at once (e.g. {@code ERROR}); unset (default) never. */
    public void setFlushOnLevel(String value) {
        this.flushOnLevel = value;
    }

    /** {@code stderr} (default), {@code none}, or a class implementing {@code io.logbeam.core.Fallback}. */
    public void setFallback(String value) {
        this.fallback = value;
    }

    /** Time stopping spends delivering what is buffered (default 10 seconds). */
    public void setShutdownTimeout(String value) {
        this.shutdownTimeout = value;
    }

    /** Write MDC entries (default true). */
    public void setIncludeMdc(boolean value) {
        this.includeMdc = value;
    }

    /** Write key-value pairs (default true). */
    public void setIncludeKeyValues(boolean value) {
        this.includeKeyValues = value;
    }

    /** Write markers (default true). */
    public void setIncludeMarkers(boolean value) {
        this.includeMarkers = value;
    }

    /** Write caller class, method, file and line (default false: costly on the application thread). */
    public void setIncludeCallerData(boolean value) {
        this.includeCallerData = value;
    }

    /** Write the host name (default true). */
    public void setIncludeHost(boolean value) {
        this.includeHost = value;
    }

    /** Constant fields for every event: {@code env=prod,service={env:SERVICE:orders}}. */
    public void setStaticFields(String value) {
        this.staticFields = value;
    }

    /** Message cap in UTF-8 bytes; 0 (default) caps only at the destination's event limit. */
    public void setMaxMessageBytes(int value) {
        this.maxMessageBytes = value;
    }

    /** Register statistics as a JMX MBean (default true). */
    public void setJmx(boolean value) {
        this.jmx = value;
    }

    /**
     * Directory of a durable spool (e.g. {@code /var/spool/myapp}); unset (default) means no spool. Events that
     * can not be delivered for now wait there (in the sub-directory named after the appender) instead of going
     * to the fallback, and are replayed when the destination accepts again and at the next start. One JVM per
     * directory. Placeholders such as {@code {env:SPOOL_DIR}} allowed. See {@code docs/spool.md}.
     */
    public void setSpoolDirectory(String value) {
        this.spoolDirectory = value;
    }

    /** Capacity of the spool in bytes (default 268435456 = 256 MiB, at least 65536). */
    public void setSpoolMaxBytes(long value) {
        this.spoolMaxBytes = value;
    }

    /**
     * {@code batch} (default: force the spool file to the device once per batch written), {@code always} (after
     * every event; slowest) or {@code never} (leave it to the operating system: survives a process crash, not a
     * power loss).
     */
    public void setSpoolFsync(String value) {
        this.spoolFsync = value;
    }

    /** {@code dropOldest} (default) or {@code dropNewest}: what the spool gives up when full. */
    public void setSpoolOverflow(String value) {
        this.spoolOverflow = value;
    }

    /** The {@code flushOnLevel} text, parsed by the adapter into its framework's level; null when unset. */
    public String flushOnLevel() {
        return blankToNull(flushOnLevel);
    }

    /** The {@code shutdownTimeout}, parsed; the default when invalid (validation reports that). */
    public Duration shutdownTimeout() {
        try {
            return Durations.parse("shutdownTimeout", shutdownTimeout);
        } catch (ConfigException e) {
            return ShipperConfig.DEFAULT_SHUTDOWN_TIMEOUT;
        }
    }

    /** Whether caller data is wanted, so the adapter captures it on the application thread. */
    public boolean includeCallerData() {
        return includeCallerData;
    }
}

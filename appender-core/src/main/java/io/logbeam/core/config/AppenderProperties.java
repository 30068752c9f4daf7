package io.logbeam.core.config;

import static io.logbeam.core.config.PropertyTable.ACCESS_KEY_ID;
import static io.logbeam.core.config.PropertyTable.BLOCK_TIMEOUT;
import static io.logbeam.core.config.PropertyTable.BUFFER_MAX_BYTES;
import static io.logbeam.core.config.PropertyTable.BUFFER_SIZE;
import static io.logbeam.core.config.PropertyTable.CLIENT_CUSTOMIZER;
import static io.logbeam.core.config.PropertyTable.CONNECT_TIMEOUT;
import static io.logbeam.core.config.PropertyTable.ENDPOINT;
import static io.logbeam.core.config.PropertyTable.EXTERNAL_ID;
import static io.logbeam.core.config.PropertyTable.EXCLUDE_KEY_VALUE_KEYS;
import static io.logbeam.core.config.PropertyTable.EXCLUDE_MDC_KEYS;
import static io.logbeam.core.config.PropertyTable.FALLBACK;
import static io.logbeam.core.config.PropertyTable.FIELD_NAMES;
import static io.logbeam.core.config.PropertyTable.FLUSH_ON_LEVEL;
import static io.logbeam.core.config.PropertyTable.HTTP_CLIENT;
import static io.logbeam.core.config.PropertyTable.INCLUDE_CALLER_DATA;
import static io.logbeam.core.config.PropertyTable.INCLUDE_HOST;
import static io.logbeam.core.config.PropertyTable.INCLUDE_KEY_VALUES;
import static io.logbeam.core.config.PropertyTable.INCLUDE_KEY_VALUE_KEYS;
import static io.logbeam.core.config.PropertyTable.INCLUDE_MARKERS;
import static io.logbeam.core.config.PropertyTable.INCLUDE_MDC;
import static io.logbeam.core.config.PropertyTable.INCLUDE_MDC_KEYS;
import static io.logbeam.core.config.PropertyTable.JMX;
import static io.logbeam.core.config.PropertyTable.LOG_ID_FORMAT;
import static io.logbeam.core.config.PropertyTable.LOG_ID_KEY;
import static io.logbeam.core.config.PropertyTable.LOG_TYPE;
import static io.logbeam.core.config.PropertyTable.LOG_TYPE_ALLOW_LIST;
import static io.logbeam.core.config.PropertyTable.LOG_TYPE_FROM;
import static io.logbeam.core.config.PropertyTable.LOG_TYPE_KEY;
import static io.logbeam.core.config.PropertyTable.LOG_TYPE_MARKER_PREFIX;
import static io.logbeam.core.config.PropertyTable.MASK_KEYS;
import static io.logbeam.core.config.PropertyTable.MASK_PATTERN;
import static io.logbeam.core.config.PropertyTable.MAX_BATCH_DELAY;
import static io.logbeam.core.config.PropertyTable.MAX_CAUSE_DEPTH;
import static io.logbeam.core.config.PropertyTable.MAX_IN_FLIGHT;
import static io.logbeam.core.config.PropertyTable.MAX_MESSAGE_BYTES;
import static io.logbeam.core.config.PropertyTable.MAX_RETRIES;
import static io.logbeam.core.config.PropertyTable.MAX_STACK_FRAMES;
import static io.logbeam.core.config.PropertyTable.OBJECT_MAPPER_FACTORY;
import static io.logbeam.core.config.PropertyTable.OVERFLOW_POLICY;
import static io.logbeam.core.config.PropertyTable.REGION;
import static io.logbeam.core.config.PropertyTable.REQUEST_TIMEOUT;
import static io.logbeam.core.config.PropertyTable.RETRY_DEADLINE;
import static io.logbeam.core.config.PropertyTable.ROLE_ARN;
import static io.logbeam.core.config.PropertyTable.ROLE_SESSION_NAME;
import static io.logbeam.core.config.PropertyTable.SAMPLING_RATE;
import static io.logbeam.core.config.PropertyTable.ROOT_CAUSE_FIRST;
import static io.logbeam.core.config.PropertyTable.SECRET_ACCESS_KEY;
import static io.logbeam.core.config.PropertyTable.SHUTDOWN_TIMEOUT;
import static io.logbeam.core.config.PropertyTable.SPOOL_DIRECTORY;
import static io.logbeam.core.config.PropertyTable.SPOOL_FSYNC;
import static io.logbeam.core.config.PropertyTable.SPOOL_MAX_BYTES;
import static io.logbeam.core.config.PropertyTable.SPOOL_OVERFLOW;
import static io.logbeam.core.config.PropertyTable.STACK_OMIT_PACKAGES;
import static io.logbeam.core.config.PropertyTable.STATIC_FIELDS;
import static io.logbeam.core.config.PropertyTable.STS_ENDPOINT;
import static io.logbeam.core.config.PropertyTable.TIME_KEY;
import static io.logbeam.core.config.PropertyTable.TIME_MILLIS_KEY;
import static io.logbeam.core.config.PropertyTable.USE_SHUTDOWN_HOOK;

import io.logbeam.core.aws.AwsFacts;
import io.logbeam.core.aws.AwsSettings;
import io.logbeam.core.destination.Destination;
import io.logbeam.core.engine.OverflowPolicy;
import io.logbeam.core.engine.Shipper;
import io.logbeam.core.engine.ShipperConfig;
import io.logbeam.core.event.EventAdapter;
import io.logbeam.core.event.EventCarriers;
import io.logbeam.core.event.JsonSchema;
import io.logbeam.core.event.KeyFilter;
import io.logbeam.core.event.LogIdFormat;
import io.logbeam.core.event.LogTypes;
import io.logbeam.core.event.Masking;
import io.logbeam.core.event.StackTraceOptions;
import io.logbeam.core.fallback.Fallback;
import io.logbeam.core.fallback.SilentFallback;
import io.logbeam.core.fallback.StderrFallback;
import io.logbeam.core.spool.SpoolConfig;
import io.logbeam.core.spool.SpoolFsync;
import io.logbeam.core.spool.SpoolOverflow;
import io.logbeam.core.util.ConfigException;
import io.logbeam.core.util.Diagnostics;
import io.logbeam.core.util.Instances;
import io.logbeam.core.util.Substitutions;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;

/**
 * The properties of one appender, as text, exactly as its framework gave them: what the Logback setters and the
 * Log4j2 builder attributes fill ({@link #set}). {@link #start} reads every one of them at once, as
 * {@link PropertyTable} types it, so that one start reports every invalid property by name, and builds the running
 * {@link Shipper}. Both frameworks therefore accept the same text ({@code 64MB}, {@code 10 seconds}) and refuse the
 * same mistakes ({@code includeMdc=yes}).
 */
public final class AppenderProperties {

    private final DestinationType type;
    private final Map<String, Property> known = new HashMap<>();
    private final Map<String, String> values = new LinkedHashMap<>();

    /** No property set yet: every one at its default. */
    public AppenderProperties(DestinationType type) {
        this.type = type;
        for (Property p : PropertyTable.SHARED) {
            known.put(p.name(), p);
        }
        for (Property p : type.properties()) {
            known.put(p.name(), p);
        }
    }

    /** Every property of {@code type}: the shared ones, then its own. */
    public static List<Property> of(DestinationType type) {
        List<Property> all = new ArrayList<>(PropertyTable.SHARED);
        all.addAll(type.properties());
        return Collections.unmodifiableList(all);
    }

    /** The destination type. */
    public DestinationType type() {
        return type;
    }

    /**
     * Sets property {@code name} to {@code value}'s text ({@code String.valueOf}); null unsets it. Read at
     * {@link #start}.
     *
     * @throws IllegalArgumentException when the destination has no such property (an adapter's mistake)
     */
    public AppenderProperties set(String name, Object value) {
        if (!known.containsKey(name)) {
            throw new IllegalArgumentException("no property '" + name + "' for " + type);
        }
        if (value == null) {
            values.remove(name);
        } else {
            values.put(name, String.valueOf(value));
        }
        return this;
    }

    /** Sets {@code property}; see {@link #set(String, Object)}. */
    public AppenderProperties set(Property property, Object value) {
        return set(property.name(), value);
    }

    /** The text property {@code name} was set to, or null. */
    public String get(String name) {
        return values.get(name);
    }

    /**
     * Validates every property and starts a shipper named {@code name}.
     *
     * @throws ConfigException listing every invalid property; nothing is started then
     */
    public <E> Shipper<E> start(String name, EventAdapter<E> encoder, Diagnostics diagnostics) {
        return start(name, encoder, null, diagnostics, new Substitutions());
    }

    /**
     * As {@link #start(String, EventAdapter, Diagnostics)}, with one preallocated carrier per ring slot for
     * {@link Shipper#publishCopy} (see {@link EventCarriers}); null {@code carriers} for none.
     */
    public <E> Shipper<E> start(String name, EventAdapter<E> encoder, EventCarriers<E> carriers,
            Diagnostics diagnostics) {
        return start(name, encoder, carriers, diagnostics, new Substitutions());
    }

    /** As {@link #start(String, EventAdapter, Diagnostics)}, with given substitution sources (tests). */
    public <E> Shipper<E> start(String name, EventAdapter<E> encoder, Diagnostics diagnostics,
            Substitutions substitutions) {
        return start(name, encoder, null, diagnostics, substitutions);
    }

    private <E> Shipper<E> start(String name, EventAdapter<E> encoder, EventCarriers<E> carriers,
            Diagnostics diagnostics, Substitutions substitutions) {
        Parts parts = read(name, substitutions);
        // The spool directory is created, checked and locked here: a ConfigException naming spoolDirectory.
        return Shipper.builder(encoder, parts.destination).carriers(carriers).config(parts.config)
                .logTypes(parts.logTypes).schema(parts.schema).fallback(parts.fallback).diagnostics(diagnostics)
                .spool(parts.spool).start();
    }

    /**
     * Checks every property without starting anything.
     *
     * @throws ConfigException listing every invalid property
     */
    public void validate() {
        read("validation", new Substitutions());
    }

    /**
     * Builds the destination alone, from the AWS properties and the destination's own (tests and tools); every
     * invalid one is recorded in {@code problems}, and null is returned when there is any.
     */
    public Destination createDestination(Substitutions substitutions, ConfigException.Collector problems) {
        int before = problems.problems().size();
        PropertyReader r = new PropertyReader(values, problems);
        AwsSettings aws = r.attempt(() -> awsSettings(r));
        Destination destination = destination(r, aws, substitutions);
        return problems.problems().size() > before ? null : destination;
    }

    /** What a start is built from; every field set (destination and spool may be null: none). */
    private static final class Parts {
        ShipperConfig config;
        LogTypes logTypes;
        JsonSchema schema;
        Fallback fallback;
        SpoolConfig spool;
        Destination destination;
    }

    private Parts read(String name, Substitutions substitutions) {
        ConfigException.Collector problems = new ConfigException.Collector();
        PropertyReader r = new PropertyReader(values, problems);
        Parts parts = new Parts();
        parts.config = r.attempt(() -> shipperConfig(r, name));
        parts.logTypes = r.attempt(() -> new LogTypes(r.text(LOG_TYPE), r.text(LOG_TYPE_FROM),
                r.text(LOG_TYPE_MARKER_PREFIX), r.text(LOG_TYPE_ALLOW_LIST)));
        parts.schema = r.attempt(() -> schema(r, substitutions));
        AwsSettings aws = r.attempt(() -> awsSettings(r));
        parts.fallback = r.attempt(() -> fallback(r.text(FALLBACK)));
        parts.spool = r.attempt(() -> spoolConfig(r, substitutions));
        samplingRate(r);
        parts.destination = destination(r, aws, substitutions);
        problems.throwIfAny();
        return parts;
    }

    /**
     * The destination. With invalid AWS properties ({@code aws} null) its own are still checked (on defaults): every
     * problem at once. Names holding {@code {aws:accountId}}, {@code {ec2:instanceId}} or {@code {ec2:region}} are
     * checked with stand-ins now and resolved when the shipper opens the destination, off the logging path
     * ({@link DeferredDestination}).
     */
    private Destination destination(PropertyReader r, AwsSettings aws, Substitutions substitutions) {
        AwsSettings settings = aws == null ? AwsSettings.builder().build() : aws;
        List<String> remote = new ArrayList<>();
        for (Property p : type.properties()) {
            if (Substitutions.hasRemote(values.get(p.name()))) {
                remote.add(p.name() + " '" + values.get(p.name()) + "'");
            }
        }
        if (remote.isEmpty()) {
            return type.create(r, settings, substitutions);
        }
        Destination standIn = type.create(r, settings, substitutions.withStandIns());
        if (standIn == null || aws == null) {
            return standIn;
        }
        Map<String, String> snapshot = new LinkedHashMap<>(values);
        return new DeferredDestination(standIn, type + " " + String.join(", ", remote), () -> {
            ConfigException.Collector late = new ConfigException.Collector();
            Destination real = type.create(new PropertyReader(snapshot, late), settings,
                    substitutions.withRemote(new AwsFacts(settings)));
            late.throwIfAny();
            return real;
        });
    }

    private static ShipperConfig shipperConfig(PropertyReader r, String name) {
        ShipperConfig.Builder b = ShipperConfig.builder().name(name).bufferSize(r.wholeNumber(BUFFER_SIZE))
                .bufferMaxBytes(r.bytes(BUFFER_MAX_BYTES, ShipperConfig::defaultBufferMaxBytes))
                .maxInFlight(r.wholeNumber(MAX_IN_FLIGHT)).maxRetries(r.wholeNumber(MAX_RETRIES))
                .maxMessageBytes(r.bytesAsInt(MAX_MESSAGE_BYTES)).jmx(r.flag(JMX))
                .useShutdownHook(r.flag(USE_SHUTDOWN_HOOK)).blockTimeout(r.duration(BLOCK_TIMEOUT))
                .maxBatchDelay(r.duration(MAX_BATCH_DELAY)).retryDeadline(r.duration(RETRY_DEADLINE))
                .shutdownTimeout(r.duration(SHUTDOWN_TIMEOUT));
        // An unreadable policy falls back to the default here so that build() still checks all the others.
        OverflowPolicy policy = r.attempt(() -> OverflowPolicy.parse(OVERFLOW_POLICY.name(), r.text(OVERFLOW_POLICY)));
        b.overflowPolicy(policy == null ? OverflowPolicy.DROP : policy);
        return b.build();
    }

    /** The spool settings, or null when {@code spoolDirectory} is unset (no spool). */
    private static SpoolConfig spoolConfig(PropertyReader r, Substitutions substitutions) {
        String dir = r.nonBlank(SPOOL_DIRECTORY);
        long maxBytes = r.bytes(SPOOL_MAX_BYTES, () -> SpoolConfig.DEFAULT_MAX_BYTES);
        SpoolFsync fsync = r.attempt(() -> SpoolFsync.parse(SPOOL_FSYNC.name(), r.text(SPOOL_FSYNC)));
        SpoolOverflow overflow = r.attempt(() -> SpoolOverflow.parse(SPOOL_OVERFLOW.name(), r.text(SPOOL_OVERFLOW)));
        if (dir == null) {
            return null;
        }
        SpoolConfig.Builder b = SpoolConfig.builder().maxBytes(maxBytes)
                .fsync(fsync == null ? SpoolFsync.BATCH : fsync)
                .overflow(overflow == null ? SpoolOverflow.DROP_OLDEST : overflow);
        String resolved = r.attempt(() -> substitutions.resolve(SPOOL_DIRECTORY.name(), dir));
        return b.directory(resolved == null ? dir : resolved).build();
    }

    private static JsonSchema schema(PropertyReader r, Substitutions substitutions) {
        JsonSchema.Builder b = JsonSchema.builder().logTypeKey(r.text(LOG_TYPE_KEY)).logIdKey(r.text(LOG_ID_KEY))
                .timeKey(r.text(TIME_KEY)).timeMillisKey(r.nonBlank(TIME_MILLIS_KEY)).includeMdc(r.flag(INCLUDE_MDC))
                .includeKeyValues(r.flag(INCLUDE_KEY_VALUES)).includeMarkers(r.flag(INCLUDE_MARKERS))
                .includeCallerData(r.flag(INCLUDE_CALLER_DATA)).includeHost(r.flag(INCLUDE_HOST));
        LogIdFormat idFormat = r.attempt(() -> LogIdFormat.parse(LOG_ID_FORMAT.name(), r.text(LOG_ID_FORMAT)));
        if (idFormat != null) {
            b.logIdFormat(idFormat);
        }
        int problemsBefore = r.problems().problems().size();
        KeyFilter mdcKeys = r.attempt(() -> keyFilter(r, INCLUDE_MDC_KEYS, EXCLUDE_MDC_KEYS));
        KeyFilter keyValueKeys = r.attempt(() -> keyFilter(r, INCLUDE_KEY_VALUE_KEYS, EXCLUDE_KEY_VALUE_KEYS));
        Pattern maskPattern = r.attempt(() -> pattern(r.nonBlank(MASK_PATTERN)));
        StackTraceOptions stackTraces = r.attempt(() -> stackTraces(r));
        String mapperFactory = r.nonBlank(OBJECT_MAPPER_FACTORY);
        if (mapperFactory != null) {
            b.objectConverter(r.attempt(() -> ObjectMappers.converter(mapperFactory)));
        }
        Map<String, Object> statics = r.attempt(() -> StaticFields.parse(r.text(STATIC_FIELDS), substitutions));
        if (r.problems().problems().size() > problemsBefore) {
            return null; // recorded; a schema built from half-read parts would only add confusing problems
        }
        b.mdcKeys(mdcKeys).keyValueKeys(keyValueKeys).stackTraces(stackTraces)
                .masking(Masking.of(list(r.text(MASK_KEYS)), maskPattern));
        pairs(FIELD_NAMES.name(), r.text(FIELD_NAMES)).forEach(b::rename);
        statics.forEach(b::staticField);
        return b.build();
    }

    /** {@code include} or {@code exclude}: at most one of the two lists may be set. */
    private static KeyFilter keyFilter(PropertyReader r, Property include, Property exclude) {
        List<String> only = list(r.text(include));
        List<String> not = list(r.text(exclude));
        if (!only.isEmpty() && !not.isEmpty()) {
            throw new ConfigException(include.name(), "set " + include.name() + " or " + exclude.name()
                    + ", not both");
        }
        return only.isEmpty() ? KeyFilter.allBut(not) : KeyFilter.only(only);
    }

    private static Pattern pattern(String regex) {
        if (regex == null) {
            return null;
        }
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new ConfigException(MASK_PATTERN.name(), "not a regular expression: " + e.getDescription()
                    + " near index " + e.getIndex());
        }
    }

    private static StackTraceOptions stackTraces(PropertyReader r) {
        int maxFrames = r.wholeNumber(MAX_STACK_FRAMES);
        int maxCauseDepth = r.wholeNumber(MAX_CAUSE_DEPTH);
        ConfigException.Collector p = new ConfigException.Collector();
        p.require(maxFrames >= 0, MAX_STACK_FRAMES.name(), "must not be negative, was " + maxFrames);
        p.require(maxCauseDepth >= 1 && maxCauseDepth <= 64, MAX_CAUSE_DEPTH.name(),
                "must be 1 to 64, was " + maxCauseDepth);
        p.throwIfAny();
        return new StackTraceOptions(maxFrames, list(r.text(STACK_OMIT_PACKAGES)), r.flag(ROOT_CAUSE_FIRST),
                maxCauseDepth);
    }

    /** A comma list: trimmed, without empty items. */
    private static List<String> list(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.split(",")).map(String::trim).filter(v -> !v.isEmpty())
                .collect(Collectors.toList());
    }

    private static AwsSettings awsSettings(PropertyReader r) {
        return AwsSettings.builder().region(r.text(REGION)).endpoint(r.text(ENDPOINT)).accessKeyId(r.text(ACCESS_KEY_ID))
                .secretAccessKey(r.text(SECRET_ACCESS_KEY)).httpClient(r.text(HTTP_CLIENT))
                .requestTimeout(r.duration(REQUEST_TIMEOUT)).connectTimeout(r.duration(CONNECT_TIMEOUT))
                .roleArn(r.text(ROLE_ARN)).roleSessionName(r.text(ROLE_SESSION_NAME)).externalId(r.text(EXTERNAL_ID))
                .stsEndpoint(r.text(STS_ENDPOINT)).clientCustomizer(r.text(CLIENT_CUSTOMIZER)).build();
    }

    /** {@code samplingRate}: a number from 0 to 1; 0 (never) when invalid, which is recorded. */
    private static double samplingRate(PropertyReader r) {
        String text = r.nonBlank(SAMPLING_RATE);
        if (text == null) {
            return 0;
        }
        try {
            double rate = Double.parseDouble(text);
            if (rate >= 0 && rate <= 1) {
                return rate;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        r.problems().add(SAMPLING_RATE.name(), "'" + text + "' is not a number from 0 to 1 (e.g. 0.1 for 10 % of "
                + "the invocations)");
        return 0;
    }

    private static Fallback fallback(String text) {
        String value = text == null ? "" : text.trim();
        if (value.equalsIgnoreCase("stderr")) {
            return new StderrFallback();
        }
        if (value.equalsIgnoreCase("none")) {
            return new SilentFallback();
        }
        if (value.contains(".")) {
            return Instances.create(FALLBACK.name(), value, Fallback.class);
        }
        throw new ConfigException(FALLBACK.name(), "'" + value + "' is not a fallback; use 'stderr', 'none' or the "
                + "class name of a " + Fallback.class.getName());
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

    // ---- what the adapters read themselves ----

    /** The {@code flushOnLevel} text, for the adapter to parse as its framework's level; null when unset. */
    public String flushOnLevel() {
        return new PropertyReader(values, new ConfigException.Collector()).nonBlank(FLUSH_ON_LEVEL);
    }

    /** The {@code shutdownTimeout}; the default when invalid (the start reports that). */
    public Duration shutdownTimeout() {
        return new PropertyReader(values, new ConfigException.Collector()).duration(SHUTDOWN_TIMEOUT);
    }

    /**
     * The {@code samplingRate}, for the adapter to install its framework's filter when it is above 0; 0 when invalid
     * (the start reports that).
     */
    public double samplingRate() {
        return samplingRate(new PropertyReader(values, new ConfigException.Collector()));
    }

    /** Whether caller data is wanted, so the adapter captures it on the application thread. */
    public boolean includeCallerData() {
        return new PropertyReader(values, new ConfigException.Collector()).flag(INCLUDE_CALLER_DATA);
    }
}

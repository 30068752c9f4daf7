package io.logbeam.core.event;

import io.logbeam.core.json.JsonName;
import io.logbeam.core.util.ConfigException;
import io.logbeam.core.util.HostInfo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The shape of one event's JSON object: key names, optional sections, and the constant fields every
 * event carries (host, static fields, Lambda function).
 *
 * <p>{@code log_type}, {@code log_id} and {@code time} always come first: stream consumers route on them.
 * Key names are pre-serialized once so the writer copies bytes instead of escaping names per event.
 */
public final class JsonSchema {

    /** Names of the fields whose key can be renamed with {@link Builder#rename(String, String)}. */
    public static final Set<String> FIELDS = Set.of("log_type", "log_id", "time", "time_millis", "level", "logger",
            "thread", "message", "mdc", "kv", "markers", "ndc", "exception", "caller", "host", "truncated", "lambda");

    final JsonName logType;
    final JsonName logId;
    final JsonName time;
    final JsonName timeMillis; // null when the epoch-millis field is off
    final JsonName level;
    final JsonName logger;
    final JsonName thread;
    final JsonName message;
    final JsonName mdc;
    final JsonName kv;
    final JsonName markers;
    final JsonName ndc;
    final JsonName exception;
    final JsonName caller;
    final JsonName host;
    final JsonName truncated;
    final JsonName lambda;

    final boolean includeMdc;
    final boolean includeKeyValues;
    final boolean includeMarkers;
    final boolean includeCallerData;
    final String hostValue; // null when includeHost is false
    final List<Map.Entry<JsonName, Object>> staticFields; // a value is a String or a RenderedValue
    final LambdaInfo lambdaInfo; // null outside AWS Lambda
    final LogIdFormat logIdFormat;
    final KeyFilter mdcKeys;
    final KeyFilter keyValueKeys;
    final Masking masking;
    final LoggedValues loggedValues;
    final StackTraceOptions stackTraces;

    private JsonSchema(Builder b) {
        Map<String, String> n = b.names;
        logType = name(n, "log_type");
        logId = name(n, "log_id");
        time = name(n, "time");
        timeMillis = b.timeMillisKey == null ? null : new JsonName(b.timeMillisKey);
        level = name(n, "level");
        logger = name(n, "logger");
        thread = name(n, "thread");
        message = name(n, "message");
        mdc = name(n, "mdc");
        kv = name(n, "kv");
        markers = name(n, "markers");
        ndc = name(n, "ndc");
        exception = name(n, "exception");
        caller = name(n, "caller");
        host = name(n, "host");
        truncated = name(n, "truncated");
        lambda = name(n, "lambda");
        includeMdc = b.includeMdc;
        includeKeyValues = b.includeKeyValues;
        includeMarkers = b.includeMarkers;
        includeCallerData = b.includeCallerData;
        hostValue = b.includeHost ? b.hostValue : null;
        List<Map.Entry<JsonName, Object>> statics = new ArrayList<>();
        b.staticFields.forEach((k, v) -> statics.add(Map.entry(new JsonName(k), staticValue(v))));
        staticFields = List.copyOf(statics);
        lambdaInfo = b.lambdaInfo;
        logIdFormat = b.logIdFormat;
        mdcKeys = b.mdcKeys;
        keyValueKeys = b.keyValueKeys;
        masking = b.masking;
        loggedValues = b.converterSet || masking != Masking.NONE ? new LoggedValues(b.converter, masking)
                : LoggedValues.defaults();
        stackTraces = b.stackTraces;
    }

    /** A static field's value: text as it is (cut like any text when a cap requires), anything else as its JSON. */
    private static Object staticValue(Object value) {
        if (value instanceof String) {
            return value;
        }
        return LoggedValues.renderPlain(value);
    }

    private static JsonName name(Map<String, String> names, String field) {
        return new JsonName(names.getOrDefault(field, field));
    }

    /** A builder with the defaults of the documented schema. */
    public static Builder builder() {
        return new Builder();
    }

    /** The key under which the log type is written. */
    public String logTypeKey() {
        return logType.value();
    }

    /** The key under which the log id is written. */
    public String logIdKey() {
        return logId.value();
    }

    /** How the log id is made. */
    public LogIdFormat logIdFormat() {
        return logIdFormat;
    }

    /** The key under which the ISO-8601 time is written. */
    public String timeKey() {
        return time.value();
    }

    /** Whether MDC entries are written. */
    public boolean includeMdc() {
        return includeMdc;
    }

    /** Whether key-value pairs are written. */
    public boolean includeKeyValues() {
        return includeKeyValues;
    }

    /** Whether markers are written. */
    public boolean includeMarkers() {
        return includeMarkers;
    }

    /** Whether caller data (class, method, file, line) is written; it is expensive to capture. */
    public boolean includeCallerData() {
        return includeCallerData;
    }

    /**
     * How the adapters keep the values logged with an event ({@link LoggedValues#capture}), with this schema's
     * masking and object converter.
     */
    public LoggedValues loggedValues() {
        return loggedValues;
    }

    /** The Lambda function this process runs in, or null. */
    public LambdaInfo lambdaInfo() {
        return lambdaInfo;
    }

    /**
     * Function name, version and memory size when running in AWS Lambda (from the runtime's environment).
     *
     * @param memorySize the function's memory in MB ({@code AWS_LAMBDA_FUNCTION_MEMORY_SIZE}), or null
     */
    public record LambdaInfo(String functionName, String functionVersion, Integer memorySize) {
        /** Without a memory size. */
        public LambdaInfo(String functionName, String functionVersion) {
            this(functionName, functionVersion, null);
        }

        /** Reads the Lambda runtime's environment; null when not in Lambda. */
        public static LambdaInfo fromEnvironment(Map<String, String> env) {
            String name = env.get("AWS_LAMBDA_FUNCTION_NAME");
            if (name == null || name.isEmpty()) {
                return null;
            }
            Integer memory = null;
            String text = env.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE");
            if (text != null) {
                try {
                    memory = Integer.valueOf(text.trim());
                } catch (NumberFormatException e) {
                    memory = null; // not Lambda's own value: left out rather than guessed
                }
            }
            return new LambdaInfo(name, env.get("AWS_LAMBDA_FUNCTION_VERSION"), memory);
        }
    }

    /** Builds a {@link JsonSchema}; {@link #build()} validates. */
    public static final class Builder {
        private final Map<String, String> names = new LinkedHashMap<>();
        private String timeMillisKey;
        private boolean includeMdc = true;
        private boolean includeKeyValues = true;
        private boolean includeMarkers = true;
        private boolean includeCallerData;
        private boolean includeHost = true;
        private String hostValue;
        private final Map<String, Object> staticFields = new LinkedHashMap<>();
        private LambdaInfo lambdaInfo = LambdaInfo.fromEnvironment(System.getenv());
        private LogIdFormat logIdFormat = LogIdFormat.UUID7;
        private KeyFilter mdcKeys = KeyFilter.ALL;
        private KeyFilter keyValueKeys = KeyFilter.ALL;
        private Masking masking = Masking.NONE;
        private ObjectConverter converter;
        private boolean converterSet;
        private StackTraceOptions stackTraces = StackTraceOptions.DEFAULTS;

        private Builder() {
        }

        /** Renames {@code field} (one of {@link #FIELDS}) to {@code key}. */
        public Builder rename(String field, String key) {
            names.put(field, key);
            return this;
        }

        /** Key of the log type, default {@code log_type}. */
        public Builder logTypeKey(String key) {
            return rename("log_type", key);
        }

        /** Key of the log id, default {@code log_id}. */
        public Builder logIdKey(String key) {
            return rename("log_id", key);
        }

        /** How the log id is made, default {@link LogIdFormat#UUID7}. */
        public Builder logIdFormat(LogIdFormat format) {
            this.logIdFormat = Objects.requireNonNull(format, "format");
            return this;
        }

        /** Key of the ISO-8601 time, default {@code time}. */
        public Builder timeKey(String key) {
            return rename("time", key);
        }

        /** Key of an extra epoch-millis time field; null (the default) leaves it out. */
        public Builder timeMillisKey(String key) {
            this.timeMillisKey = key;
            return this;
        }

        /** Write MDC / thread-context entries (default true). */
        public Builder includeMdc(boolean include) {
            this.includeMdc = include;
            return this;
        }

        /** Write key-value pairs (default true). */
        public Builder includeKeyValues(boolean include) {
            this.includeKeyValues = include;
            return this;
        }

        /** Write markers (default true). */
        public Builder includeMarkers(boolean include) {
            this.includeMarkers = include;
            return this;
        }

        /** Write caller data (default false: capturing it costs a stack walk on the application thread). */
        public Builder includeCallerData(boolean include) {
            this.includeCallerData = include;
            return this;
        }

        /** Write the host name (default true). */
        public Builder includeHost(boolean include) {
            this.includeHost = include;
            return this;
        }

        /** The host name to write; default {@link HostInfo#hostname()}. */
        public Builder host(String host) {
            this.hostValue = host;
            return this;
        }

        /**
         * A constant field written into every event, after the event's own fields: text, or any value
         * {@link LoggedValues} writes as JSON (a number, a boolean, null, a map of such values).
         */
        public Builder staticField(String key, Object value) {
            staticFields.put(key, value);
            return this;
        }

        /** Which MDC entries are written (default all). */
        public Builder mdcKeys(KeyFilter filter) {
            this.mdcKeys = filter;
            return this;
        }

        /** Which key-values are written (default all). */
        public Builder keyValueKeys(KeyFilter filter) {
            this.keyValueKeys = filter;
            return this;
        }

        /** What is masked (default nothing). */
        public Builder masking(Masking value) {
            this.masking = value;
            return this;
        }

        /**
         * How objects of other types than Logbeam writes itself are written; null: their {@code toString()}. Default:
         * Jackson with Logbeam's own mapper when Jackson is present.
         */
        public Builder objectConverter(ObjectConverter value) {
            this.converter = value;
            this.converterSet = true;
            return this;
        }

        /** How much of stack traces is written (default all of it). */
        public Builder stackTraces(StackTraceOptions value) {
            this.stackTraces = value;
            return this;
        }

        /** Lambda function facts; by default read from the environment, null outside Lambda. */
        public Builder lambdaInfo(LambdaInfo info) {
            this.lambdaInfo = info;
            return this;
        }

        /**
         * Validates and builds.
         *
         * @throws ConfigException naming the property of an empty or clashing key
         */
        public JsonSchema build() {
            ConfigException.Collector problems = new ConfigException.Collector();
            for (Map.Entry<String, String> e : names.entrySet()) {
                if (!FIELDS.contains(e.getKey())) {
                    problems.add("fieldNames", "unknown field '" + e.getKey() + "'; known: " + FIELDS);
                } else if (e.getValue() == null || e.getValue().isBlank()) {
                    problems.add(propertyOf(e.getKey()), "key name must not be empty");
                }
            }
            if (timeMillisKey != null && timeMillisKey.isBlank()) {
                problems.add("timeMillisKey", "key name must not be empty (leave it unset to omit the field)");
            }
            checkKeysAreUnique(problems);
            problems.throwIfAny();
            if (hostValue == null && includeHost) {
                hostValue = HostInfo.hostname();
            }
            return new JsonSchema(this);
        }

        /**
         * Every key an event can carry must be unique, or consumers reject the object or silently keep one of the
         * values: the standard fields (as renamed), the epoch-millis field, the Lambda object, {@code truncated},
         * the encoding-error note and the static fields. Keys of sections that are switched off do not count (a
         * static {@code host} with {@code includeHost=false} is fine).
         */
        private void checkKeysAreUnique(ConfigException.Collector problems) {
            Map<String, String> used = new LinkedHashMap<>(); // key -> what writes it, for the message
            List<String> fields = new ArrayList<>(List.of("log_type", "log_id", "time", "level", "logger", "thread",
                    "message", "exception", "truncated", "lambda"));
            if (includeMdc) {
                fields.add("mdc");
                fields.add("ndc");
            }
            if (includeKeyValues) {
                fields.add("kv");
            }
            if (includeMarkers) {
                fields.add("markers");
            }
            if (includeCallerData) {
                fields.add("caller");
            }
            if (includeHost) {
                fields.add("host");
            }
            for (String field : fields) {
                String key = names.getOrDefault(field, field);
                claim(used, key, "the " + field + " field (" + propertyOf(field) + ")", propertyOf(field), problems);
            }
            if (timeMillisKey != null && !timeMillisKey.isBlank()) {
                claim(used, timeMillisKey, "the epoch-millis field (timeMillisKey)", "timeMillisKey", problems);
            }
            claim(used, EventSerializer.ENCODING_ERROR_KEY, "the note Logbeam adds when an event can not be encoded",
                    "fieldNames", problems);
            for (String key : staticFields.keySet()) {
                if (key == null || key.isBlank()) {
                    problems.add("staticFields", "a static field needs a non-empty key");
                } else {
                    claim(used, key, "a static field (staticFields)", "staticFields", problems);
                }
            }
        }

        private static void claim(Map<String, String> used, String key, String user, String property,
                ConfigException.Collector problems) {
            String earlier = used.putIfAbsent(key, user);
            if (earlier != null) {
                problems.add(property, "key '" + key + "' would appear twice in every event: for " + earlier
                        + " and for " + user + "; rename one of them");
            }
        }

        private static String propertyOf(String field) {
            switch (field) {
                case "log_type":
                    return "logTypeKey";
                case "log_id":
                    return "logIdKey";
                case "time":
                    return "timeKey";
                default:
                    return "fieldNames";
            }
        }
    }
}

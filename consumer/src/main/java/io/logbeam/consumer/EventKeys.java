package io.logbeam.consumer;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The key names the decoder reads from each event. The defaults are the producer's ({@code log_type},
 * {@code log_id}, {@code time}, {@code level}); when the appenders rename them ({@code logTypeKey},
 * {@code logIdKey}, {@code timeKey}, {@code fieldNames=level=...}), set the same names here.
 *
 * <p>{@link #withField} adds a field to read as well, e.g. a metrics dimension: a top-level key
 * ({@code service}) or one level deeper ({@code lambda.function}). Immutable.
 */
public final class EventKeys {

    private static final EventKeys DEFAULTS = new EventKeys("log_type", "log_id", "time", "level", List.of());

    private final String logType;
    private final String logId;
    private final String time;
    private final String level;
    private final List<String> fields;

    private EventKeys(String logType, String logId, String time, String level, List<String> fields) {
        this.logType = requireName(logType, "log type key");
        this.logId = requireName(logId, "log id key");
        this.time = requireName(time, "time key");
        this.level = requireName(level, "level key");
        for (String field : fields) {
            requireName(field, "field");
            if (field.split("\\.", -1).length > 2 || field.startsWith(".") || field.endsWith(".")) {
                throw new IllegalArgumentException("field '" + field + "': a key or parent.child, nothing deeper");
            }
        }
        this.fields = List.copyOf(fields);
    }

    /** {@code log_type}, {@code log_id}, {@code time}, {@code level}, no extra field. */
    public static EventKeys defaults() {
        return DEFAULTS;
    }

    /** The same keys with {@code key} as the log type key. */
    public EventKeys withLogTypeKey(String key) {
        return new EventKeys(key, logId, time, level, fields);
    }

    /** The same keys with {@code key} as the log id key. */
    public EventKeys withLogIdKey(String key) {
        return new EventKeys(logType, key, time, level, fields);
    }

    /** The same keys with {@code key} as the time key. */
    public EventKeys withTimeKey(String key) {
        return new EventKeys(logType, logId, key, level, fields);
    }

    /** The same keys with {@code key} as the level key. */
    public EventKeys withLevelKey(String key) {
        return new EventKeys(logType, logId, time, key, fields);
    }

    /** The same keys, also reading {@code path} (a key, or {@code parent.child}) into {@link LogEvent#field}. */
    public EventKeys withField(String path) {
        List<String> more = new ArrayList<>(fields);
        if (!more.contains(path)) {
            more.add(path);
        }
        return new EventKeys(logType, logId, time, level, more);
    }

    /** Name of the log type key. */
    public String logType() {
        return logType;
    }

    /** Name of the log id key. */
    public String logId() {
        return logId;
    }

    /** Name of the time key. */
    public String time() {
        return time;
    }

    /** Name of the level key. */
    public String level() {
        return level;
    }

    /** The extra fields read, in the order they were added. */
    public List<String> fields() {
        return fields;
    }

    private static String requireName(String name, String what) {
        Objects.requireNonNull(name, what);
        if (name.isEmpty()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
        return name;
    }
}

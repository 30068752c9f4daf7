package io.logbeam.core;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Chooses each event's {@code log_type} and decides whether this appender ships it.
 *
 * <p>The type is the appender's {@code logType} unless the event carries an MDC entry or key-value pair
 * named {@code logTypeFrom}. Events whose type is not in {@code logTypeAllowList} (when one is set) are
 * not shipped: downstream consumers allow-list on {@code log_type}, and filtering here saves the ring
 * slot, the encoding and the request.
 */
public final class LogTypes {

    /** Default {@code logType}. */
    public static final String DEFAULT_LOG_TYPE = "app";
    /** Default {@code logTypeFrom}. */
    public static final String DEFAULT_LOG_TYPE_FROM = "log_type";

    private final String defaultType;
    private final String from;
    private final Set<String> allowList;

    /**
     * @param defaultType the appender's {@code logType}
     * @param from        MDC / key-value name that overrides it per event; null or empty for none
     * @param allowList   comma-separated types to ship; null or empty ships every type
     */
    public LogTypes(String defaultType, String from, String allowList) {
        ConfigException.Collector p = new ConfigException.Collector();
        p.require(defaultType != null && !defaultType.isBlank(), "logType", "must not be empty");
        p.throwIfAny();
        this.defaultType = defaultType.trim();
        this.from = from == null || from.isBlank() ? null : from.trim();
        this.allowList = allowList == null ? Set.of() : Arrays.stream(allowList.split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** Defaults: type {@code app}, overridable by {@code log_type}, no allow-list. */
    public static LogTypes defaults() {
        return new LogTypes(DEFAULT_LOG_TYPE, DEFAULT_LOG_TYPE_FROM, null);
    }

    /** The event's type. Cheap: at most one map lookup and one scan of the key-values. */
    public <E> String resolve(EventEncoder<E> encoder, E event) {
        if (from == null) {
            return defaultType;
        }
        String value = encoder.mdcValue(event, from);
        if (value == null) {
            Object kv = encoder.keyValue(event, from);
            if (kv != null) {
                value = kv instanceof String ? (String) kv : io.logbeam.core.json.EventWriter.safeToString(kv);
            }
        }
        return value == null || value.isEmpty() ? defaultType : value;
    }

    /** Whether events of {@code type} are shipped. */
    public boolean allows(String type) {
        return allowList.isEmpty() || allowList.contains(type);
    }

    /** The appender's default type. */
    public String defaultType() {
        return defaultType;
    }
}

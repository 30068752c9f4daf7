package io.logbeam.core.event;

import io.logbeam.core.util.ConfigException;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Chooses each event's {@code log_type} and decides whether this appender ships it.
 *
 * <p>The first of these that gives a non-empty value is the type:
 * <ol>
 *   <li>the event's MDC entry named {@code logTypeFrom}, then its key-value pair of that name;</li>
 *   <li>a marker of the event (or a marker it references / a parent) whose name starts with
 *       {@code logTypeMarkerPrefix}: the rest of the name ({@code log_type:audit} gives {@code audit});</li>
 *   <li>the appender's {@code logType}.</li>
 * </ol>
 * The named value comes first because it is the explicit, per-scope or per-call override that
 * {@code logTypeFrom} was configured for; a marker is the static label of a logging statement. Checking it
 * first also spares the marker walk whenever the value is there.
 *
 * <p>Events whose resolved type (whatever its source) is not in {@code logTypeAllowList} (when one is set)
 * are not shipped: downstream consumers allow-list on {@code log_type}, and filtering here saves the ring
 * slot, the encoding and the request.
 */
public final class LogTypes {

    /** Default {@code logType}. */
    public static final String DEFAULT_LOG_TYPE = "app";
    /** Default {@code logTypeFrom}. */
    public static final String DEFAULT_LOG_TYPE_FROM = "log_type";
    /** Default {@code logTypeMarkerPrefix}. */
    public static final String DEFAULT_LOG_TYPE_MARKER_PREFIX = "log_type:";
    /**
     * The {@code logTypeFrom} / {@code logTypeMarkerPrefix} value that turns that source off, like an empty one:
     * Logback never calls a setter for an empty element, so {@code <logTypeFrom></logTypeFrom>} keeps the default.
     */
    public static final String NONE = "none";

    private final String defaultType;
    private final String from;
    private final String markerPrefix;
    private final Set<String> allowList;

    /**
     * With the default {@code logTypeMarkerPrefix} ({@value #DEFAULT_LOG_TYPE_MARKER_PREFIX}).
     *
     * @param defaultType the appender's {@code logType}
     * @param from        MDC / key-value name that overrides it per event; null or empty for none
     * @param allowList   comma-separated types to ship; null or empty ships every type
     */
    public LogTypes(String defaultType, String from, String allowList) {
        this(defaultType, from, DEFAULT_LOG_TYPE_MARKER_PREFIX, allowList);
    }

    /**
     * @param defaultType  the appender's {@code logType}
     * @param from         MDC / key-value name that overrides it per event; null or empty for none
     * @param markerPrefix marker names starting with it give the type (after {@code from}); null, empty or
     *                     {@value #NONE} for none
     * @param allowList    comma-separated types to ship; null or empty ships every type
     */
    public LogTypes(String defaultType, String from, String markerPrefix, String allowList) {
        ConfigException.Collector p = new ConfigException.Collector();
        p.require(defaultType != null && !defaultType.isBlank(), "logType", "must not be empty");
        p.throwIfAny();
        this.defaultType = defaultType.trim();
        this.from = off(from) ? null : from.trim();
        this.markerPrefix = off(markerPrefix) ? null : markerPrefix.trim();
        this.allowList = allowList == null ? Set.of() : Arrays.stream(allowList.split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** Defaults: type {@code app}, overridable by {@code log_type} and {@code log_type:} markers, no allow-list. */
    public static LogTypes defaults() {
        return new LogTypes(DEFAULT_LOG_TYPE, DEFAULT_LOG_TYPE_FROM, DEFAULT_LOG_TYPE_MARKER_PREFIX, null);
    }

    /**
     * The event's type. Cheap, on the application thread: at most one map lookup, one scan of the
     * key-values and a bounded walk of the event's markers; allocates nothing for an event without markers.
     */
    public <E> String resolve(EventAdapter<E> encoder, E event) {
        String value = fromValue(encoder, event);
        if ((value == null || value.isEmpty()) && markerPrefix != null) {
            value = encoder.markerValue(event, markerPrefix);
        }
        return value == null || value.isEmpty() ? defaultType : value;
    }

    private <E> String fromValue(EventAdapter<E> encoder, E event) {
        if (from == null) {
            return null;
        }
        String value = encoder.mdcValue(event, from);
        if (value == null) {
            Object kv = encoder.keyValue(event, from);
            if (kv != null) {
                value = kv instanceof String ? (String) kv : FieldWriter.safeToString(kv);
            }
        }
        return value;
    }

    private static boolean off(String value) {
        return value == null || value.isBlank() || value.trim().equalsIgnoreCase(NONE);
    }

    /** Whether events of {@code type} are shipped. */
    public boolean allows(String type) {
        return allowList.isEmpty() || allowList.contains(type);
    }

    /** The {@code logTypeMarkerPrefix}, or null when markers do not give the type. */
    public String markerPrefix() {
        return markerPrefix;
    }

    /** The appender's default type. */
    public String defaultType() {
        return defaultType;
    }
}

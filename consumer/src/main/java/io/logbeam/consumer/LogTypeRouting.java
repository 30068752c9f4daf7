package io.logbeam.consumer;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides where an event goes by its {@code log_type}: its own group when the type is allowed, nowhere when an
 * allow-list is set and does not name it, and the group named by the unknown prefix when the event has no usable
 * type (missing, not a string, or not fit to be part of an S3 key or a partition: 1 to 64 of
 * {@code A-Z a-z 0-9 _ . -}, not {@code .} or {@code ..}). Immutable.
 */
public final class LogTypeRouting {

    /** The prefix of events without a usable log type unless set otherwise. */
    public static final String DEFAULT_UNKNOWN_PREFIX = "unknown";

    private static final Pattern USABLE = Pattern.compile("[A-Za-z0-9_.-]{1,64}");

    private final Set<String> allowList;
    private final String unknownPrefix;

    /**
     * @param allowList     the log types to keep; empty keeps every type
     * @param unknownPrefix where events without a usable log type go (a usable log type itself)
     */
    public LogTypeRouting(Collection<String> allowList, String unknownPrefix) {
        this.allowList = Set.copyOf(new LinkedHashSet<>(allowList));
        if (!usable(unknownPrefix)) {
            throw new IllegalArgumentException("unknown prefix '" + unknownPrefix + "' must be 1 to 64 of "
                    + "A-Z a-z 0-9 _ . -");
        }
        this.unknownPrefix = unknownPrefix;
    }

    /** Keeps every log type; unknown ones go to {@code unknown}. */
    public static LogTypeRouting keepAll() {
        return new LogTypeRouting(Set.of(), DEFAULT_UNKNOWN_PREFIX);
    }

    /** Where {@code event} goes. */
    public Route route(LogEvent event) {
        String type = event.logType();
        if (type == null) {
            return new Route(Route.Kind.UNKNOWN, unknownPrefix);
        }
        if (!usable(type)) {
            return new Route(Route.Kind.UNKNOWN, unknownPrefix);
        }
        if (!allowList.isEmpty() && !allowList.contains(type)) {
            return new Route(Route.Kind.NOT_ALLOWED, type);
        }
        return new Route(Route.Kind.ALLOWED, type);
    }

    /** The allow-list; empty when every type is kept. */
    public Set<String> allowList() {
        return allowList;
    }

    /** Where events without a usable log type go. */
    public String unknownPrefix() {
        return unknownPrefix;
    }

    private static boolean usable(String type) {
        return type != null && USABLE.matcher(type).matches() && !type.equals(".") && !type.equals("..");
    }

    /**
     * Where one event goes.
     *
     * @param kind  whether it is kept under its own type, dropped, or kept under the unknown prefix
     * @param group the group (and S3 prefix / partition) it goes to; for {@code NOT_ALLOWED} its type
     */
    public record Route(Kind kind, String group) {

        /** The three outcomes. */
        public enum Kind {
            /** Allowed: kept in the group of its log type. */
            ALLOWED,
            /** Not on the allow-list: dropped (and counted). */
            NOT_ALLOWED,
            /** No usable log type: kept in the unknown prefix's group. */
            UNKNOWN
        }

        /** Whether the event is kept. */
        public boolean kept() {
            return kind != Kind.NOT_ALLOWED;
        }
    }
}

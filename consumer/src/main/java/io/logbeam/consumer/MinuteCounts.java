package io.logbeam.consumer;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.TreeMap;

/**
 * Event counts per minute (of the event's time) and per {@code log_type}, {@code level} and an optional third
 * dimension: what a stream of events becomes as metrics. Missing values count under {@code none}.
 */
public final class MinuteCounts {

    /** The value of a dimension an event does not have. */
    public static final String NONE = "none";

    private final Map<Key, Long> counts = new TreeMap<>();

    /**
     * One cell.
     *
     * @param minute    start of the minute
     * @param logType   the event's group ({@link LogTypeRouting.Route#group()})
     * @param level     the level
     * @param dimension the third dimension's value, or null when none is configured
     */
    public record Key(Instant minute, String logType, String level, String dimension) implements Comparable<Key> {
        @Override
        public int compareTo(Key o) {
            int c = minute.compareTo(o.minute);
            c = c != 0 ? c : logType.compareTo(o.logType);
            c = c != 0 ? c : level.compareTo(o.level);
            return c != 0 ? c : String.valueOf(dimension).compareTo(String.valueOf(o.dimension));
        }
    }

    /** Counts one event of {@code group} at {@code time}. */
    public void add(Instant time, String group, String level, String dimension, boolean withDimension) {
        Key key = new Key(time.truncatedTo(ChronoUnit.MINUTES), group, orNone(level),
                withDimension ? orNone(dimension) : null);
        counts.merge(key, 1L, Long::sum);
    }

    /** Every cell, in time order. */
    public Map<Key, Long> counts() {
        return counts;
    }

    private static String orNone(String value) {
        return value == null || value.isEmpty() ? NONE : value;
    }
}

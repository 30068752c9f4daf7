package io.logbeam.core.engine;

import io.logbeam.core.util.ConfigException;
import java.util.Locale;

/** What {@code publish} does when the ring buffer is full. */
public enum OverflowPolicy {
    /** Count the event as dropped and return at once: the application never waits (default). */
    DROP,
    /** Wait up to {@code blockTimeout} for a free slot, then drop and count. */
    BLOCK;

    /** Parses {@code drop} / {@code block} for {@code property}. */
    public static OverflowPolicy parse(String property, String text) {
        if (text != null) {
            String v = text.trim().toLowerCase(Locale.ROOT);
            if (v.equals("drop")) {
                return DROP;
            }
            if (v.equals("block")) {
                return BLOCK;
            }
        }
        throw new ConfigException(property, "'" + text + "' is not an overflow policy; use 'drop' or 'block'");
    }
}

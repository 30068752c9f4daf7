package io.logbeam.core.spool;

import io.logbeam.core.util.ConfigException;

import java.util.Locale;

/** What the spool gives up when it is full ({@code spoolOverflow}); the events lost are counted and reported. */
public enum SpoolOverflow {
    /**
     * Delete the oldest segment(s) to make room (default): during a long outage the most recent logs, usually
     * the most useful ones, are kept.
     */
    DROP_OLDEST,
    /** Refuse new events until there is room again: the logs of the start of an outage are kept. */
    DROP_NEWEST;

    /** Parses {@code dropOldest} / {@code dropNewest} (any case) for {@code property}. */
    public static SpoolOverflow parse(String property, String text) {
        if (text != null) {
            String v = text.trim().toLowerCase(Locale.ROOT);
            if (v.equals("dropoldest")) {
                return DROP_OLDEST;
            }
            if (v.equals("dropnewest")) {
                return DROP_NEWEST;
            }
        }
        throw new ConfigException(property, "'" + text + "' is not a spool overflow policy; use 'dropOldest' or "
                + "'dropNewest'");
    }

    /** The property value, e.g. {@code dropOldest}. */
    public String propertyValue() {
        return this == DROP_OLDEST ? "dropOldest" : "dropNewest";
    }
}

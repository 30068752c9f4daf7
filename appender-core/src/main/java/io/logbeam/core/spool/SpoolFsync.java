package io.logbeam.core.spool;

import io.logbeam.core.util.ConfigException;

import java.util.Locale;

/**
 * When the spool forces its writes to the storage device ({@code spoolFsync}). Forcing is what makes a
 * record survive a power loss or kernel crash; a process crash (even SIGKILL) loses nothing the process
 * had already written, whatever the policy, because the data sits in the operating system's page cache.
 */
public enum SpoolFsync {
    /** Force once per appended batch (default): one device flush per up to a few hundred events. */
    BATCH,
    /** Force after every record: the safest and by far the slowest. */
    ALWAYS,
    /** Never force: the operating system writes back when it likes (typically within 30 s on Linux). */
    NEVER;

    /** Parses {@code batch} / {@code always} / {@code never} for {@code property}. */
    public static SpoolFsync parse(String property, String text) {
        if (text != null) {
            switch (text.trim().toLowerCase(Locale.ROOT)) {
                case "batch":
                    return BATCH;
                case "always":
                    return ALWAYS;
                case "never":
                    return NEVER;
                default:
                    break;
            }
        }
        throw new ConfigException(property, "'" + text + "' is not an fsync policy; use 'batch', 'always' or 'never'");
    }

    /** The property value, e.g. {@code batch}. */
    public String propertyValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}

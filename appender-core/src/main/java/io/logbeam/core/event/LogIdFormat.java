package io.logbeam.core.event;

import io.logbeam.core.util.ConfigException;

import java.util.Locale;

/**
 * The {@code logIdFormat} property: how {@code log_id} is made. Both are RFC 9562 UUIDs in their 36-character text
 * form, so a consumer can not tell them apart except by the version digit; docs/schema.md gives the collision
 * arithmetic of each.
 */
public enum LogIdFormat {

    /**
     * Version 7, the default: Unix milliseconds, a counter within the millisecond, and 62 random bits drawn once per
     * generator. Ids sort by the time they were made, and one process's ids share most of their text, which gzip
     * removes. See {@link Uuid7Generator}.
     */
    UUID7("uuid7"),
    /** Version 4: 122 random bits per id from a generator fully seeded from {@code SecureRandom}. */
    UUID4("uuid4");

    private final String text;

    LogIdFormat(String text) {
        this.text = text;
    }

    /** The property value, e.g. {@code uuid7}. */
    public String text() {
        return text;
    }

    /** A new generator of this format, with its own randomness from {@code SecureRandom}. */
    public LogIdGenerator newGenerator() {
        return this == UUID7 ? new Uuid7Generator() : new Uuid4Generator();
    }

    /**
     * Parses {@code uuid7} / {@code uuid4} (any case).
     *
     * @throws ConfigException naming {@code property} for any other value
     */
    public static LogIdFormat parse(String property, String value) {
        String text = value == null ? "" : value.trim().toLowerCase(Locale.ROOT);
        for (LogIdFormat format : values()) {
            if (format.text.equals(text)) {
                return format;
            }
        }
        throw new ConfigException(property, "'" + value + "' is not a log id format; use 'uuid7' or 'uuid4'");
    }
}

package io.logbeam.core.kinesis;

import io.logbeam.core.ConfigException;

import java.util.Locale;

/** What is done to each Kinesis record's data (a plain event or a KPL aggregate) before it is sent. */
public enum Compression {
    /** Data as is. */
    NONE,
    /**
     * gzip (RFC 1952) of the record's data, whole: consumers gunzip first, then de-aggregate when the result
     * starts with the KPL magic bytes (as the amazon-kinesis-utils {@code parse_records} style does).
     */
    GZIP;

    /**
     * Parses the {@code compression} property: {@code none} or {@code gzip}, any case.
     *
     * @throws ConfigException naming {@code compression} otherwise
     */
    public static Compression parse(String text) {
        String value = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        switch (value) {
            case "":
            case "none":
                return NONE;
            case "gzip":
                return GZIP;
            default:
                throw new ConfigException("compression", "'" + text + "' is not a compression; use 'none' or 'gzip'");
        }
    }
}

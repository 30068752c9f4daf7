package io.logbeam.core.kinesis;

import io.logbeam.core.util.ConfigException;

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

    /** Fastest {@code compressionLevel}. */
    public static final int MIN_LEVEL = 1;
    /** Smallest-output {@code compressionLevel}. */
    public static final int MAX_LEVEL = 9;
    /** Default {@code compressionLevel}: zlib's default, what {@code Deflater.DEFAULT_COMPRESSION} means. */
    public static final int DEFAULT_LEVEL = 6;

    /**
     * Checks the {@code compressionLevel} property.
     *
     * @throws ConfigException naming {@code compressionLevel} when it is not 1 .. 9
     */
    public static int checkLevel(int level) {
        if (level < MIN_LEVEL || level > MAX_LEVEL) {
            throw new ConfigException("compressionLevel", level + " is out of range: " + MIN_LEVEL + " (fastest) .. "
                    + MAX_LEVEL + " (smallest), default " + DEFAULT_LEVEL + "; it applies with compression=gzip");
        }
        return level;
    }

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

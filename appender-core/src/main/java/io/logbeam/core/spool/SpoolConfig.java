package io.logbeam.core.spool;

import io.logbeam.core.util.ConfigException;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * Settings of a durable spool: where ({@code spoolDirectory}), how much ({@code spoolMaxBytes}), how safely
 * ({@code spoolFsync}) and what to give up when full ({@code spoolOverflow}). Immutable; build with
 * {@link #builder()}, whose {@code build()} validates and names the offending property.
 */
public final class SpoolConfig {

    /** Default capacity: 256 MiB. */
    public static final long DEFAULT_MAX_BYTES = 256L * 1024 * 1024;
    /** Smallest capacity accepted: 64 KiB (1 MiB or more is sensible: one event may take up to 1 MiB). */
    public static final long MIN_MAX_BYTES = 64L * 1024;
    /** Largest segment file: replay deletes whole segments, and {@code dropOldest} drops whole segments. */
    public static final int MAX_SEGMENT_BYTES = 8 * 1024 * 1024;
    /** Smallest segment file. */
    public static final int MIN_SEGMENT_BYTES = 4 * 1024;

    private final Path directory;
    private final long maxBytes;
    private final SpoolFsync fsync;
    private final SpoolOverflow overflow;
    private final int segmentBytes;

    private SpoolConfig(Builder b) {
        this.directory = b.directory;
        this.maxBytes = b.maxBytes;
        this.fsync = b.fsync;
        this.overflow = b.overflow;
        this.segmentBytes = b.segmentBytes > 0 ? b.segmentBytes : defaultSegmentBytes(b.maxBytes);
    }

    /**
     * An eighth of the spool, between 64 KiB and 8 MiB: small enough that replay frees space steadily and
     * {@code dropOldest} gives up little at a time, large enough that files are few.
     */
    static int defaultSegmentBytes(long maxBytes) {
        return (int) Math.max(64 * 1024, Math.min(MAX_SEGMENT_BYTES, maxBytes / 8));
    }

    /** A builder with the defaults (no directory). */
    public static Builder builder() {
        return new Builder();
    }

    /** The spool directory; each appender uses the sub-directory named after it. */
    public Path directory() {
        return directory;
    }

    /** Capacity in bytes of all segment files together. */
    public long maxBytes() {
        return maxBytes;
    }

    /** When writes are forced to the device. */
    public SpoolFsync fsync() {
        return fsync;
    }

    /** What is dropped when the spool is full. */
    public SpoolOverflow overflow() {
        return overflow;
    }

    /** Size at which a segment file is closed and the next one started. */
    public int segmentBytes() {
        return segmentBytes;
    }

    @Override
    public String toString() {
        return "spoolDirectory=" + directory + ", spoolMaxBytes=" + maxBytes + ", spoolFsync=" + fsync.propertyValue()
                + ", spoolOverflow=" + overflow.propertyValue();
    }

    /** Builds a {@link SpoolConfig}. */
    public static final class Builder {
        private Path directory;
        private String directoryText;
        private long maxBytes = DEFAULT_MAX_BYTES;
        private SpoolFsync fsync = SpoolFsync.BATCH;
        private SpoolOverflow overflow = SpoolOverflow.DROP_OLDEST;
        private int segmentBytes;

        private Builder() {
        }

        /** @see SpoolConfig#directory() */
        public Builder directory(Path value) {
            this.directory = value;
            this.directoryText = null;
            return this;
        }

        /** The directory as configured text; checked by {@link #build()}. */
        public Builder directory(String value) {
            this.directory = null;
            this.directoryText = value;
            return this;
        }

        /** @see SpoolConfig#maxBytes() */
        public Builder maxBytes(long value) {
            this.maxBytes = value;
            return this;
        }

        /** @see SpoolConfig#fsync() */
        public Builder fsync(SpoolFsync value) {
            this.fsync = value;
            return this;
        }

        /** @see SpoolConfig#overflow() */
        public Builder overflow(SpoolOverflow value) {
            this.overflow = value;
            return this;
        }

        /** Segment size in bytes; 0 (default) picks an eighth of {@code maxBytes} between 64 KiB and 8 MiB. */
        public Builder segmentBytes(int value) {
            this.segmentBytes = value;
            return this;
        }

        /**
         * Validates and builds. Does not touch the file system: the directory is created, checked and locked
         * when the spool opens.
         *
         * @throws ConfigException naming every invalid property
         */
        public SpoolConfig build() {
            ConfigException.Collector p = new ConfigException.Collector();
            if (directory == null) {
                if (directoryText == null || directoryText.isBlank()) {
                    p.add("spoolDirectory", "must be set");
                } else {
                    try {
                        directory = Paths.get(directoryText.trim());
                    } catch (InvalidPathException e) {
                        p.add("spoolDirectory", "'" + directoryText + "' is not a valid path: " + e.getMessage());
                    }
                }
            }
            p.require(maxBytes >= MIN_MAX_BYTES, "spoolMaxBytes", "must be at least " + MIN_MAX_BYTES + " (64 KiB), was "
                    + maxBytes);
            p.require(fsync != null, "spoolFsync", "must be 'batch', 'always' or 'never'");
            p.require(overflow != null, "spoolOverflow", "must be 'dropOldest' or 'dropNewest'");
            p.require(segmentBytes == 0 || (segmentBytes >= MIN_SEGMENT_BYTES && segmentBytes <= MAX_SEGMENT_BYTES
                    && segmentBytes <= maxBytes), "spoolSegmentBytes", "must be between " + MIN_SEGMENT_BYTES
                    + " and min(" + MAX_SEGMENT_BYTES + ", spoolMaxBytes), was " + segmentBytes);
            p.throwIfAny();
            return new SpoolConfig(this);
        }
    }
}

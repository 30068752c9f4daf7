package io.logbeam.core.engine;

import io.logbeam.core.event.EventAdapter;
import io.logbeam.core.util.ConfigException;
import java.time.Duration;

/**
 * The pipeline settings shared by every destination: ring, batching, retries, shutdown. Immutable; build
 * with {@link #builder()}, whose {@code build()} validates and names the offending property.
 */
public final class ShipperConfig {

    /** Default ring capacity (events). */
    public static final int DEFAULT_BUFFER_SIZE = 8192;
    /**
     * Largest default byte budget of the ring (64 MiB): far above what 8,192 ordinary events hold, low enough that a
     * stalled destination and huge messages can not take a server's heap. See {@link #defaultBufferMaxBytes()}.
     */
    public static final long DEFAULT_BUFFER_MAX_BYTES = 64L << 20;
    /** Smallest non-zero {@code bufferMaxBytes}: below it a few ordinary events would fill the budget. */
    public static final long MIN_BUFFER_MAX_BYTES = 64L << 10;

    /**
     * The default {@code bufferMaxBytes}: {@link #DEFAULT_BUFFER_MAX_BYTES} or an eighth of the maximum heap, whichever
     * is smaller, so that a small heap (a Lambda function of 128 to 512 MB) is protected too.
     */
    public static long defaultBufferMaxBytes() {
        long eighthOfHeap = Runtime.getRuntime().maxMemory() / 8; // Long.MAX_VALUE / 8 without a limit
        return Math.max(MIN_BUFFER_MAX_BYTES, Math.min(DEFAULT_BUFFER_MAX_BYTES, eighthOfHeap));
    }
    /** Default linger of a batch after its first event. */
    public static final Duration DEFAULT_MAX_BATCH_DELAY = Duration.ofSeconds(1);
    /** Default number of concurrent requests. */
    public static final int DEFAULT_MAX_IN_FLIGHT = 2;
    /**
     * Default number of retries of a failed entry: enough that {@link #DEFAULT_RETRY_DEADLINE} is what ends the
     * retries (with full jitter, 30 retries take about 2.5 minutes on average), so the defaults ride out an outage
     * of up to a minute.
     */
    public static final int DEFAULT_MAX_RETRIES = 30;
    /** Default time after which an event that keeps failing goes to the fallback. */
    public static final Duration DEFAULT_RETRY_DEADLINE = Duration.ofSeconds(60);
    /** Default wait for a free slot under {@link OverflowPolicy#BLOCK}. */
    public static final Duration DEFAULT_BLOCK_TIMEOUT = Duration.ofSeconds(1);
    /** Default time {@code stop} spends delivering what is buffered. */
    public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);
    /** Default base of the exponential backoff. */
    public static final Duration DEFAULT_RETRY_BASE_DELAY = Duration.ofMillis(100);
    /** Default cap of one backoff sleep. */
    public static final Duration DEFAULT_RETRY_MAX_DELAY = Duration.ofSeconds(10);

    private final String name;
    private final int bufferSize;
    private final long bufferMaxBytes;
    private final OverflowPolicy overflowPolicy;
    private final Duration blockTimeout;
    private final Duration maxBatchDelay;
    private final int maxInFlight;
    private final int maxRetries;
    private final Duration retryDeadline;
    private final Duration retryBaseDelay;
    private final Duration retryMaxDelay;
    private final Duration shutdownTimeout;
    private final int maxMessageBytes;
    private final boolean jmx;
    private final boolean useShutdownHook;

    private ShipperConfig(Builder b) {
        name = b.name;
        bufferSize = b.bufferSize;
        bufferMaxBytes = b.bufferMaxBytes;
        overflowPolicy = b.overflowPolicy;
        blockTimeout = b.blockTimeout;
        maxBatchDelay = b.maxBatchDelay;
        maxInFlight = b.maxInFlight;
        maxRetries = b.maxRetries;
        retryDeadline = b.retryDeadline;
        retryBaseDelay = b.retryBaseDelay;
        retryMaxDelay = b.retryMaxDelay;
        shutdownTimeout = b.shutdownTimeout;
        maxMessageBytes = b.maxMessageBytes;
        jmx = b.jmx;
        useShutdownHook = b.useShutdownHook;
    }

    /** A builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The appender's name: thread names, JMX, diagnostics. */
    public String name() {
        return name;
    }

    /** Ring capacity in events, a power of two. */
    public int bufferSize() {
        return bufferSize;
    }

    /**
     * The most heap, approximately, that the events waiting in the ring may hold (see
     * {@link EventAdapter#retainedBytes}); 0 means no budget (only {@link #bufferSize} bounds the ring). The budget
     * is checked before an event takes a slot: over it, {@link #overflowPolicy()} applies as for a full ring.
     */
    public long bufferMaxBytes() {
        return bufferMaxBytes;
    }

    /** What happens when the ring is full (or over {@link #bufferMaxBytes()}). */
    public OverflowPolicy overflowPolicy() {
        return overflowPolicy;
    }

    /** Longest wait for a slot under {@link OverflowPolicy#BLOCK}. */
    public Duration blockTimeout() {
        return blockTimeout;
    }

    /** A batch is sent at the latest this long after its first event. */
    public Duration maxBatchDelay() {
        return maxBatchDelay;
    }

    /** Concurrent requests. */
    public int maxInFlight() {
        return maxInFlight;
    }

    /** Retries of an entry before it goes to the fallback. */
    public int maxRetries() {
        return maxRetries;
    }

    /** Time after its first attempt after which an entry is no longer retried. */
    public Duration retryDeadline() {
        return retryDeadline;
    }

    /** Base of the exponential backoff. */
    public Duration retryBaseDelay() {
        return retryBaseDelay;
    }

    /** Cap of one backoff sleep. */
    public Duration retryMaxDelay() {
        return retryMaxDelay;
    }

    /** Time {@code stop()} without argument spends delivering what is buffered. */
    public Duration shutdownTimeout() {
        return shutdownTimeout;
    }

    /** Message cap in UTF-8 bytes; 0 means only the destination's event limit applies. */
    public int maxMessageBytes() {
        return maxMessageBytes;
    }

    /** Whether statistics are registered as a JMX MBean. */
    public boolean jmx() {
        return jmx;
    }

    /**
     * Whether Logbeam's JVM shutdown hook stops this shipper when the JVM exits (delivering what is buffered within
     * {@link #shutdownTimeout()}), whatever the logging framework does at exit.
     */
    public boolean useShutdownHook() {
        return useShutdownHook;
    }

    /** Builds a {@link ShipperConfig}. */
    public static final class Builder {
        private String name = "logbeam";
        private int bufferSize = DEFAULT_BUFFER_SIZE;
        private long bufferMaxBytes = defaultBufferMaxBytes();
        private OverflowPolicy overflowPolicy = OverflowPolicy.DROP;
        private Duration blockTimeout = DEFAULT_BLOCK_TIMEOUT;
        private Duration maxBatchDelay = DEFAULT_MAX_BATCH_DELAY;
        private int maxInFlight = DEFAULT_MAX_IN_FLIGHT;
        private int maxRetries = DEFAULT_MAX_RETRIES;
        private Duration retryDeadline = DEFAULT_RETRY_DEADLINE;
        private Duration retryBaseDelay = DEFAULT_RETRY_BASE_DELAY;
        private Duration retryMaxDelay = DEFAULT_RETRY_MAX_DELAY;
        private Duration shutdownTimeout = DEFAULT_SHUTDOWN_TIMEOUT;
        private int maxMessageBytes;
        private boolean jmx = true;
        private boolean useShutdownHook = true;

        private Builder() {
        }

        /** @see ShipperConfig#name() */
        public Builder name(String value) {
            this.name = value;
            return this;
        }

        /** @see ShipperConfig#bufferSize() */
        public Builder bufferSize(int value) {
            this.bufferSize = value;
            return this;
        }

        /** @see ShipperConfig#overflowPolicy() */
        public Builder overflowPolicy(OverflowPolicy value) {
            this.overflowPolicy = value;
            return this;
        }

        /** @see ShipperConfig#blockTimeout() */
        public Builder blockTimeout(Duration value) {
            this.blockTimeout = value;
            return this;
        }

        /** @see ShipperConfig#maxBatchDelay() */
        public Builder maxBatchDelay(Duration value) {
            this.maxBatchDelay = value;
            return this;
        }

        /** @see ShipperConfig#maxInFlight() */
        public Builder maxInFlight(int value) {
            this.maxInFlight = value;
            return this;
        }

        /** @see ShipperConfig#maxRetries() */
        public Builder maxRetries(int value) {
            this.maxRetries = value;
            return this;
        }

        /** @see ShipperConfig#retryDeadline() */
        public Builder retryDeadline(Duration value) {
            this.retryDeadline = value;
            return this;
        }

        /** @see ShipperConfig#retryBaseDelay() */
        public Builder retryBaseDelay(Duration value) {
            this.retryBaseDelay = value;
            return this;
        }

        /** @see ShipperConfig#retryMaxDelay() */
        public Builder retryMaxDelay(Duration value) {
            this.retryMaxDelay = value;
            return this;
        }

        /** @see ShipperConfig#shutdownTimeout() */
        public Builder shutdownTimeout(Duration value) {
            this.shutdownTimeout = value;
            return this;
        }

        /** @see ShipperConfig#bufferMaxBytes() */
        public Builder bufferMaxBytes(long value) {
            this.bufferMaxBytes = value;
            return this;
        }

        /** @see ShipperConfig#maxMessageBytes() */
        public Builder maxMessageBytes(int value) {
            this.maxMessageBytes = value;
            return this;
        }

        /** @see ShipperConfig#jmx() */
        public Builder jmx(boolean value) {
            this.jmx = value;
            return this;
        }

        /** @see ShipperConfig#useShutdownHook() */
        public Builder useShutdownHook(boolean value) {
            this.useShutdownHook = value;
            return this;
        }

        /**
         * Validates and builds.
         *
         * @throws ConfigException naming every invalid property
         */
        public ShipperConfig build() {
            ConfigException.Collector p = new ConfigException.Collector();
            p.require(name != null && !name.isBlank(), "name", "must not be empty");
            p.require(bufferSize >= 2 && Integer.bitCount(bufferSize) == 1, "bufferSize",
                    "must be a power of two of at least 2, was " + bufferSize);
            p.require(bufferMaxBytes == 0 || bufferMaxBytes >= MIN_BUFFER_MAX_BYTES, "bufferMaxBytes",
                    "must be 0 (no byte budget) or at least " + MIN_BUFFER_MAX_BYTES + " (64 KiB), was " + bufferMaxBytes);
            p.require(overflowPolicy != null, "overflowPolicy", "must be 'drop' or 'block'");
            positive(p, "blockTimeout", blockTimeout, true);
            positive(p, "maxBatchDelay", maxBatchDelay, false);
            p.require(maxInFlight >= 1 && maxInFlight <= 64, "maxInFlight", "must be between 1 and 64, was " + maxInFlight);
            p.require(maxRetries >= 0, "maxRetries", "must not be negative, was " + maxRetries);
            positive(p, "retryDeadline", retryDeadline, true);
            positive(p, "retryBaseDelay", retryBaseDelay, false);
            positive(p, "retryMaxDelay", retryMaxDelay, false);
            positive(p, "shutdownTimeout", shutdownTimeout, true);
            p.require(maxMessageBytes >= 0, "maxMessageBytes", "must not be negative, was " + maxMessageBytes);
            p.throwIfAny();
            return new ShipperConfig(this);
        }

        private static void positive(ConfigException.Collector p, String property, Duration d, boolean zeroAllowed) {
            if (d == null) {
                p.add(property, "must be set");
            } else if (d.isNegative() || (!zeroAllowed && d.isZero())) {
                p.add(property, "must be " + (zeroAllowed ? "zero or more" : "positive") + ", was " + d);
            }
        }
    }
}

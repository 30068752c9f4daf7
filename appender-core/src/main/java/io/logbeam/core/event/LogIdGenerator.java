package io.logbeam.core.event;

import java.security.SecureRandom;
import java.util.SplittableRandom;

/**
 * Random (version 4) UUIDs for {@code log_id}, written into a reused char array.
 *
 * <p>{@link java.util.UUID#randomUUID()} draws from a shared {@code SecureRandom}, which contends
 * under load and allocates. This generator is seeded once from {@code SecureRandom} and then uses a
 * {@link SplittableRandom} owned by the single consumer thread: 122 random bits per id keep ids from
 * different JVMs apart, which is all {@code log_id} needs (uniqueness, not secrecy).
 */
public final class LogIdGenerator {

    /** Length of the canonical UUID text form. */
    public static final int LENGTH = 36;

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final SplittableRandom random;
    private final char[] chars = new char[LENGTH];

    /** A generator seeded from {@link SecureRandom}. */
    public LogIdGenerator() {
        this(new SecureRandom().nextLong());
    }

    /** A generator with a fixed seed, for reproducible tests. */
    public LogIdGenerator(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** Returns the next id in the internal buffer, valid until the next call. */
    public char[] next() {
        long high = (random.nextLong() & 0xFFFF_FFFF_FFFF_0FFFL) | 0x0000_0000_0000_4000L; // version 4
        long low = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;  // IETF variant
        hex(high >>> 32, 8, 0);
        chars[8] = '-';
        hex(high >>> 16, 4, 9);
        chars[13] = '-';
        hex(high, 4, 14);
        chars[18] = '-';
        hex(low >>> 48, 4, 19);
        chars[23] = '-';
        hex(low, 12, 24);
        return chars;
    }

    private void hex(long value, int digits, int at) {
        for (int i = digits - 1; i >= 0; i--) {
            chars[at + i] = HEX[(int) (value & 0xF)];
            value >>>= 4;
        }
    }
}

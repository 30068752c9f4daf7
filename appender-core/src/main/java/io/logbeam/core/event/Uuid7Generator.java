package io.logbeam.core.event;

import java.security.SecureRandom;
import java.util.function.LongSupplier;

/**
 * RFC 9562 version 7 UUIDs: {@code unix_ts_ms} (48 bits), version {@code 7}, a 12-bit counter in {@code rand_a},
 * variant {@code 10}, and 62 bits of {@code rand_b} drawn from {@link SecureRandom} once, at the generator's first id
 * (on the consumer thread: the first use of {@code SecureRandom} loads the JDK's security providers, about 25 ms of a
 * cold start that the appender's start need not pay).
 *
 * <p>Why this split: the ids of one generator differ only in their time and counter, so within a batch they share
 * most of their text and gzip shrinks them to a few bytes; ids of two generators differ in the 62 random bits, which
 * is what keeps a fleet's ids apart (docs/schema.md has the arithmetic). The counter (RFC 9562 section 6.2, fixed
 * bit-length dedicated counter) starts at 0 in each new millisecond; after 4,096 ids within one millisecond the
 * generator moves on to the next millisecond rather than repeat or wrap, and when the clock goes backwards it keeps
 * counting from the last millisecond it used. Ids of one generator therefore always increase (as text too), and their
 * time is never earlier than the one before; it can run ahead of the clock by as much as the clock stepped back.
 *
 * <p>Consumer thread only: no lock, no allocation.
 */
final class Uuid7Generator implements LogIdGenerator {

    /** Largest value of the 12-bit counter. */
    static final int MAX_COUNTER = 0xFFF;
    private static final long TIMESTAMP_MASK = 0xFFFF_FFFF_FFFFL;

    private final LongSupplier clock;
    private final char[] chars = new char[LENGTH];
    private final LongSupplier random;
    private boolean seeded;
    private long millis = Long.MIN_VALUE; // of the last id
    private int counter;

    /** Wall-clock milliseconds, randomness from {@link SecureRandom}. */
    Uuid7Generator() {
        this(System::currentTimeMillis, () -> new SecureRandom().nextLong());
    }

    /**
     * @param clock  Unix time in milliseconds
     * @param random source of the 62 bits of {@code rand_b} (its top two bits are replaced by the variant), asked once
     */
    Uuid7Generator(LongSupplier clock, long random) {
        this(clock, () -> random);
    }

    private Uuid7Generator(LongSupplier clock, LongSupplier random) {
        this.clock = clock;
        this.random = random;
    }

    @Override
    public char[] next() {
        if (!seeded) {
            // Written once: the dashes, the version digit, and variant + rand_b, which every id of this one shares.
            long lsb = (random.getAsLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
            UuidText.write(chars, 0x7000L, lsb);
            seeded = true;
        }
        long now = clock.getAsLong();
        if (now > millis) {
            millis = now;
            counter = 0;
        } else if (counter < MAX_COUNTER) {
            counter++; // the same millisecond, or the clock went back: keep counting on the last one
        } else {
            millis++; // 4,096 ids in one millisecond: take the next one rather than repeat an id
            counter = 0;
        }
        long timestamp = millis & TIMESTAMP_MASK;
        UuidText.hex(chars, timestamp >>> 16, 8, 0);
        UuidText.hex(chars, timestamp, 4, 9);
        UuidText.hex(chars, counter, 3, 15);
        return chars;
    }
}

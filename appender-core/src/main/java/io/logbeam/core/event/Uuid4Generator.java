package io.logbeam.core.event;

import java.security.SecureRandom;

/**
 * RFC 9562 version 4 UUIDs: 122 random bits per id, from a xoshiro256++ generator whose whole 256-bit state is drawn
 * from {@link SecureRandom} at the generator's first id (on the consumer thread, not at the appender's start: the
 * first use of {@code SecureRandom} loads the JDK's security providers, about 25 ms of a cold start).
 *
 * <p>Why not one 64-bit seed: a generator seeded with 64 bits has only 2^64 possible sequences, and two processes
 * whose sequences overlap produce long runs of identical ids; with a fleet of millions of process starts that
 * becomes likely (docs/schema.md). With 256 bits of state, overlapping sequences are out of reach and the ids of
 * different processes behave as independent random 122-bit values. xoshiro256++ (Blackman and Vigna) is fast and
 * passes the usual statistical tests; {@code log_id} needs uniqueness, not secrecy, so a cryptographic generator
 * per id would only cost time (and {@code SecureRandom} is shared and synchronised).
 *
 * <p>Consumer thread only: no lock, no allocation.
 */
final class Uuid4Generator implements LogIdGenerator {

    private final char[] chars = new char[LENGTH];
    private long s0;
    private long s1;
    private long s2;
    private long s3;
    private boolean seeded;

    /** A generator whose state comes from {@link SecureRandom}. */
    Uuid4Generator() {
    }

    /** A generator with the given state (not all zero), for reproducible tests. */
    Uuid4Generator(long s0, long s1, long s2, long s3) {
        if ((s0 | s1 | s2 | s3) == 0) {
            throw new IllegalArgumentException("the state of xoshiro256++ must not be all zero");
        }
        this.s0 = s0;
        this.s1 = s1;
        this.s2 = s2;
        this.s3 = s3;
        this.seeded = true;
    }

    @Override
    public char[] next() {
        if (!seeded) {
            seed(new SecureRandom());
        }
        long msb = (nextLong() & 0xFFFF_FFFF_FFFF_0FFFL) | 0x0000_0000_0000_4000L; // version 4
        long lsb = (nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L; // variant 10
        UuidText.write(chars, msb, lsb);
        return chars;
    }

    private void seed(SecureRandom random) {
        do {
            s0 = random.nextLong();
            s1 = random.nextLong();
            s2 = random.nextLong();
            s3 = random.nextLong();
        } while ((s0 | s1 | s2 | s3) == 0);
        seeded = true;
    }

    /** One step of xoshiro256++. */
    private long nextLong() {
        long result = Long.rotateLeft(s0 + s3, 23) + s0;
        long t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = Long.rotateLeft(s3, 45);
        return result;
    }
}

package io.logbeam.core.kinesis;

/**
 * Cheap random partition keys for the consumer thread: a xorshift64* generator, 32 bits written in base 36
 * (at most 7 characters, so little of each record's byte budget and of the shard's 1 MiB/s goes to keys).
 * Kinesis hashes the key with MD5, so any distinct keys spread evenly over the shards; cryptographic
 * randomness would only cost time. Seeded per instance so that many writers do not share a sequence.
 * Not thread-safe.
 */
final class RandomPartitionKeys {

    /** Longest key produced: 2^32 - 1 in base 36 is {@code 1z141z3}. */
    static final int MAX_KEY_CHARS = 7;

    private long state;

    RandomPartitionKeys() {
        this(System.nanoTime() ^ ((long) System.identityHashCode(new Object()) << 32));
    }

    RandomPartitionKeys(long seed) {
        long z = seed + 0x9E3779B97F4A7C15L; // SplitMix64 finaliser: close seeds give unrelated states
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        state = z == 0 ? 0x9E3779B97F4A7C15L : z;
    }

    /** The next key. */
    String next() {
        long x = state;
        x ^= x << 13;
        x ^= x >>> 7;
        x ^= x << 17;
        state = x;
        return Long.toString((x * 0x2545F4914F6CDD1DL) >>> 32, 36);
    }
}

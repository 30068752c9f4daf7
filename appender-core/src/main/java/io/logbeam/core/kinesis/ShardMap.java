package io.logbeam.core.kinesis;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The open shards of a stream as ListShards described them, sorted by hash key, covering the whole hash key space
 * {@code [0, 2^128)} without gap or overlap: predicts the shard a partition key goes to as Kinesis computes it (the
 * MD5 of its UTF-8 bytes, read as an unsigned 128-bit number, falls in one shard's hash key range). Immutable.
 */
final class ShardMap {

    private static final BigInteger HASH_SPACE = BigInteger.ONE.shiftLeft(128);
    private static final BigInteger LONG_MASK = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    /** One open shard. Compared by identity: the batcher keys an open aggregate by the shard it is made for. */
    static final class Shard {
        private final String id;
        private final String startingHashKey;

        private Shard(String id, String startingHashKey) {
            this.id = id;
            this.startingHashKey = startingHashKey;
        }

        /** The shard id, e.g. {@code shardId-000000000003}. */
        String id() {
            return id;
        }

        /**
         * An {@code ExplicitHashKey} that routes a record to this shard: its starting hash key, in decimal. (The
         * lowest key of the range: a shard that splits keeps that key in its first child.)
         */
        String explicitHashKey() {
            return startingHashKey;
        }

        @Override
        public String toString() {
            return id;
        }
    }

    /** One shard as listed: id and inclusive hash key range. */
    record Listed(String id, BigInteger start, BigInteger end) {
    }

    private final Shard[] shards;
    private final long[] startHigh; // the starting hash keys as unsigned 128-bit numbers, high and low 64 bits
    private final long[] startLow;
    private final List<Listed> listed;

    private ShardMap(List<Listed> sorted) {
        int n = sorted.size();
        shards = new Shard[n];
        startHigh = new long[n];
        startLow = new long[n];
        for (int i = 0; i < n; i++) {
            Listed s = sorted.get(i);
            shards[i] = new Shard(s.id(), s.start().toString());
            startHigh[i] = s.start().shiftRight(64).longValue();
            startLow[i] = s.start().and(LONG_MASK).longValue();
        }
        listed = List.copyOf(sorted);
    }

    /**
     * The map of {@code open} shards (the closed ones of a resharded stream left out), or null when they do not
     * cover the hash key space exactly once: a listing taken in the middle of a reshard, which is not to be trusted.
     */
    static ShardMap of(List<Listed> open) {
        if (open.isEmpty()) {
            return null;
        }
        List<Listed> sorted = new ArrayList<>(open);
        sorted.sort(Comparator.comparing(Listed::start));
        BigInteger next = BigInteger.ZERO;
        for (Listed s : sorted) {
            if (!s.start().equals(next) || s.end().compareTo(s.start()) < 0) {
                return null;
            }
            next = s.end().add(BigInteger.ONE);
        }
        return next.equals(HASH_SPACE) ? new ShardMap(sorted) : null;
    }

    /** {@code count} shards splitting the hash key space evenly, as CreateStream makes them (tests, benchmarks). */
    static ShardMap even(int count) {
        List<Listed> shards = new ArrayList<>();
        BigInteger width = HASH_SPACE.divide(BigInteger.valueOf(count));
        for (int i = 0; i < count; i++) {
            BigInteger start = width.multiply(BigInteger.valueOf(i));
            BigInteger end = i == count - 1 ? HASH_SPACE.subtract(BigInteger.ONE)
                    : width.multiply(BigInteger.valueOf(i + 1L)).subtract(BigInteger.ONE);
            shards.add(new Listed(String.format("shardId-%012d", i), start, end));
        }
        return of(shards);
    }

    /** Number of open shards. */
    int size() {
        return shards.length;
    }

    /** The shard whose range holds the unsigned 128-bit hash key {@code high:low}. */
    Shard shardOf(long high, long low) {
        int lo = 0;
        int hi = shards.length - 1;
        while (lo < hi) { // the last shard whose start is <= the hash key; the first starts at 0
            int mid = (lo + hi + 1) >>> 1;
            int c = Long.compareUnsigned(startHigh[mid], high);
            if (c < 0 || (c == 0 && Long.compareUnsigned(startLow[mid], low) <= 0)) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return shards[lo];
    }

    /** Whether {@code shardId} is one of the open shards. */
    boolean contains(String shardId) {
        for (Shard shard : shards) {
            if (shard.id.equals(shardId)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code other} lists the same shards with the same ranges (a refresh that changed nothing). */
    boolean sameAs(ShardMap other) {
        return other != null && listed.equals(other.listed);
    }

    @Override
    public String toString() {
        return listed.size() + " open shards " + List.of(shards);
    }
}

package io.logbeam.core.engine;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Exponential backoff with full jitter: the n-th retry waits a random time between zero and
 * {@code min(max, base * 2^(n-1))}. Full jitter spreads the retries of many writers (every Lambda of an
 * application throttled at once) instead of having them retry in lockstep.
 */
final class Backoff {

    private final long baseNanos;
    private final long maxNanos;

    Backoff(Duration base, Duration max) {
        this.baseNanos = base.toNanos();
        this.maxNanos = Math.max(max.toNanos(), baseNanos);
    }

    /** Delay before retry number {@code retry} (1 for the first retry). */
    long delayNanos(int retry) {
        int shift = Math.min(Math.max(retry - 1, 0), 30);
        long ceiling = baseNanos << shift;
        if (ceiling <= 0 || ceiling > maxNanos) {
            ceiling = maxNanos;
        }
        return ThreadLocalRandom.current().nextLong(ceiling + 1);
    }
}

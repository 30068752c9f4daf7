package io.logbeam.core.util;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Says each problem once instead of flooding standard error: the first occurrence of a problem key is
 * reported in full, repeats are counted and summarised at most once per interval, and a recovery
 * re-arms the key so the next episode is reported again.
 */
public final class ProblemReporter {

    private static final long SUMMARY_INTERVAL_NANOS = 60_000_000_000L;

    private final String name;
    private final Diagnostics diagnostics;
    private final Map<String, Episode> episodes = new ConcurrentHashMap<>();

    private static final class Episode {
        final AtomicLong repeats = new AtomicLong();
        volatile long lastSummaryNanos = System.nanoTime();
    }

    public ProblemReporter(String name, Diagnostics diagnostics) {
        this.name = name;
        this.diagnostics = diagnostics;
    }

    /** Reports {@code message} if {@code key} is not already being reported. */
    public void once(String key, String message) {
        Episode fresh = new Episode();
        Episode existing = episodes.putIfAbsent(key, fresh);
        if (existing == null) {
            diagnostics.report(name, message);
            return;
        }
        existing.repeats.incrementAndGet();
        long now = System.nanoTime();
        if (now - existing.lastSummaryNanos >= SUMMARY_INTERVAL_NANOS) {
            existing.lastSummaryNanos = now;
            long n = existing.repeats.getAndSet(0);
            if (n > 0) {
                diagnostics.report(name, "still failing (" + key + "), " + n + " more time(s) in the last minute: "
                        + message);
            }
        }
    }

    /** Forgets every problem: the destination works again. */
    public void recovered() {
        if (!episodes.isEmpty()) {
            episodes.clear();
        }
    }

    /** Reports unconditionally. */
    public void say(String message) {
        diagnostics.report(name, message);
    }
}

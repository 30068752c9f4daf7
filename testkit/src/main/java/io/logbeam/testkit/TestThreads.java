package io.logbeam.testkit;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Thread checks the load and stop tests of every module share: deadlock guards and leak counts. */
public final class TestThreads {

    private TestThreads() {
    }

    /**
     * Waits for all {@code threads} within {@code atMost} in total.
     *
     * @throws AssertionError naming the first thread still running (a deadlock, most likely)
     */
    public static void join(List<Thread> threads, Duration atMost) {
        long deadline = System.nanoTime() + atMost.toNanos();
        for (Thread t : threads) {
            try {
                TimeUnit.NANOSECONDS.timedJoin(t, Math.max(1, deadline - System.nanoTime()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while joining " + t.getName(), e);
            }
            if (t.isAlive()) {
                throw new AssertionError(t.getName() + " still running after " + atMost + " (deadlock?)");
            }
        }
    }

    /** Live threads of the JVM. */
    public static int live() {
        return named("");
    }

    /** Live threads of the Logbeam appender named {@code appender} (its consumer, senders and timers). */
    public static int ofAppender(String appender) {
        return named("logbeam-" + appender + "-");
    }

    private static int named(String prefix) {
        int n = 0;
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive() && t.getName().startsWith(prefix)) {
                n++;
            }
        }
        return n;
    }
}

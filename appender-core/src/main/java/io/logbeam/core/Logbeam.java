package io.logbeam.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * The JVM-wide view of every running Logbeam appender, whichever framework configured it.
 *
 * <p>In AWS Lambda, call {@link #flush(Duration)} at the end of every invocation (or use
 * {@code LogbeamLambda}): the runtime freezes the process between invocations and may discard it while
 * frozen, so anything still buffered at that point may never be sent.
 */
public final class Logbeam {

    private static final Set<Shipper<?>> SHIPPERS = ConcurrentHashMap.newKeySet();
    private static final AtomicBoolean HOOK_INSTALLED = new AtomicBoolean();

    private Logbeam() {
    }

    static void register(Shipper<?> shipper) {
        SHIPPERS.add(shipper);
        if (shipper.config().useShutdownHook()) {
            JvmExitHook.JVM.add(shipper);
        }
    }

    static void unregister(Shipper<?> shipper) {
        SHIPPERS.remove(shipper);
        JvmExitHook.JVM.remove(shipper);
    }

    /** The running shippers. */
    public static List<Shipper<?>> shippers() {
        return List.copyOf(SHIPPERS);
    }

    /**
     * Flushes every running appender at once and waits, within {@code timeout} in total, until every event
     * published before the call is delivered or given to the fallback. Costs one request per appender that
     * has something buffered, and nothing otherwise.
     *
     * @return true if all of them completed in time
     */
    public static boolean flush(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<FlushRequest> requests = new ArrayList<>();
        for (Shipper<?> shipper : SHIPPERS) {
            requests.add(shipper.requestFlush(deadline));
        }
        boolean all = true;
        for (FlushRequest request : requests) {
            all &= Shipper.awaitFlush(request, deadline);
        }
        return all;
    }

    /**
     * Stops every running appender, sharing {@code timeout}: each delivers what it holds, then falls back.
     *
     * @return true if all of them delivered everything in time
     */
    public static boolean stopAll(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        return stopEach(SHIPPERS, shipper -> Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
    }

    /**
     * Stops {@code shippers} in parallel, each within {@code timeoutOf} it, and waits for them (a stop returns within
     * its timeout plus a small margin, even when its destination hangs).
     *
     * @return true if all of them delivered everything in time
     */
    static boolean stopEach(Collection<Shipper<?>> shippers, Function<Shipper<?>, Duration> timeoutOf) {
        List<Thread> stoppers = new ArrayList<>();
        AtomicBoolean all = new AtomicBoolean(true);
        long longest = 0;
        for (Shipper<?> shipper : shippers) {
            Duration timeout = timeoutOf.apply(shipper);
            longest = Math.max(longest, timeout.toNanos());
            Thread t = new Thread(() -> {
                if (!shipper.stop(timeout)) {
                    all.set(false);
                }
            }, "logbeam-stop-" + shipper.name());
            t.setDaemon(true);
            t.start();
            stoppers.add(t);
        }
        long deadline = System.nanoTime() + longest + TimeUnit.SECONDS.toNanos(1);
        for (Thread t : stoppers) {
            try {
                TimeUnit.NANOSECONDS.timedJoin(t, Math.max(1, deadline - System.nanoTime()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            if (t.isAlive()) {
                all.set(false);
            }
        }
        return all.get();
    }

    /**
     * Installs a JVM shutdown hook that stops every appender within {@code timeout} in total. Rarely needed: every
     * appender with {@code useShutdownHook=true} (the default) is already stopped at JVM exit by Logbeam's own hook,
     * within its own {@code shutdownTimeout}; this one also covers appenders that turned that off. Installing it
     * twice has no effect.
     */
    public static void installShutdownHook(Duration timeout) {
        if (HOOK_INSTALLED.compareAndSet(false, true)) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAll(timeout), "logbeam-shutdown"));
        }
    }
}

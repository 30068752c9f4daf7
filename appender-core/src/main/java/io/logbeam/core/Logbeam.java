package io.logbeam.core;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

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
    }

    static void unregister(Shipper<?> shipper) {
        SHIPPERS.remove(shipper);
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
        List<Thread> stoppers = new ArrayList<>();
        AtomicBoolean all = new AtomicBoolean(true);
        for (Shipper<?> shipper : SHIPPERS) {
            Thread t = new Thread(() -> {
                if (!shipper.stop(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
                    all.set(false);
                }
            }, "logbeam-stop-" + shipper.name());
            t.setDaemon(true);
            t.start();
            stoppers.add(t);
        }
        for (Thread t : stoppers) {
            try {
                // stop() returns within its timeout plus a small margin.
                t.join(Math.max(1, Duration.ofNanos(deadline - System.nanoTime()).toMillis() + 1_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return all.get();
    }

    /**
     * Installs a JVM shutdown hook that stops every appender within {@code timeout}. Optional: Logback's
     * {@code <shutdownHook/>} and Log4j2's shutdown hook already stop their appenders, which stops the
     * shippers. Installing it twice has no effect.
     */
    public static void installShutdownHook(Duration timeout) {
        if (HOOK_INSTALLED.compareAndSet(false, true)) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stopAll(timeout), "logbeam-shutdown"));
        }
    }
}

package io.logbeam.core.engine;

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
 * Every running shipper of this JVM (of this class loader), whichever framework started it: what
 * {@code io.logbeam.core.Logbeam} flushes and stops, and what the JVM exit hook stops.
 */
public final class Shippers {

    private static final Set<Shipper<?>> RUNNING = ConcurrentHashMap.newKeySet();

    private Shippers() {
    }

    static void register(Shipper<?> shipper) {
        RUNNING.add(shipper);
        if (shipper.config().useShutdownHook()) {
            JvmExitHook.JVM.add(shipper);
        }
    }

    static void unregister(Shipper<?> shipper) {
        RUNNING.remove(shipper);
        JvmExitHook.JVM.remove(shipper);
    }

    /** The running shippers. */
    public static List<Shipper<?>> running() {
        return List.copyOf(RUNNING);
    }

    /**
     * Flushes every running shipper at once and waits, within {@code timeout} in total, until every event published
     * before the call is delivered or given to the fallback.
     *
     * @return true if all of them completed in time
     */
    public static boolean flush(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<FlushRequest> requests = new ArrayList<>();
        for (Shipper<?> shipper : RUNNING) {
            requests.add(shipper.requestFlush(deadline));
        }
        boolean all = true;
        for (FlushRequest request : requests) {
            all &= Shipper.awaitFlush(request, deadline);
        }
        return all;
    }

    /**
     * Stops every running shipper, sharing {@code timeout}.
     *
     * @return true if all of them delivered everything in time
     */
    public static boolean stopAll(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        return stopEach(RUNNING, shipper -> Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
    }

    static boolean stopEach(Collection<Shipper<?>> shippers, Function<Shipper<?>, Duration> timeoutOf) {
        List<Thread> stoppers = new ArrayList<>();
        List<Shipper<?>> shipperList = new ArrayList<>();
        List<Duration> timeouts = new ArrayList<>();
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
            shipperList.add(shipper);
            timeouts.add(timeout);
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
        for (int i = 0; i < stoppers.size(); i++) {
            if (stoppers.get(i).isAlive()) {
                // At JVM exit nothing runs after this: say what may be lost rather than let it go unnoticed.
                Shipper<?> late = shipperList.get(i);
                ShipperStats stats = late.stats();
                System.err.println("[logbeam] " + late.name() + ": still stopping " + timeouts.get(i).toMillis()
                        + " ms (its shutdownTimeout) and a second later; if the JVM exits now, up to "
                        + (stats.getPublished() - stats.getSettled()) + " events it still holds are lost (" + stats
                        + ")");
            }
        }
        return all.get();
    }

}

package io.logbeam.core.engine;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Creates Logbeam's threads: daemon (they never keep a JVM alive), named after the appender, and of a
 * class the {@link RecursionGuard} recognises in one type check.
 */
final class ShipperThreads implements ThreadFactory {

    /** Marker class of every Logbeam thread. */
    static final class ShipperThread extends Thread {
        ShipperThread(Runnable task, String name) {
            super(task, name);
            setDaemon(true);
        }
    }

    private final String prefix;
    private final AtomicInteger count = new AtomicInteger();

    ShipperThreads(String prefix) {
        this.prefix = prefix;
    }

    /** A single named thread. */
    static Thread named(String name, Runnable task) {
        return new ShipperThread(task, name);
    }

    @Override
    public Thread newThread(Runnable task) {
        return new ShipperThread(task, prefix + "-" + count.incrementAndGet());
    }
}

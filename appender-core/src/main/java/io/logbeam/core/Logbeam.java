package io.logbeam.core;

import io.logbeam.core.engine.Shipper;
import io.logbeam.core.engine.Shippers;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The JVM-wide view of every running Logbeam appender, whichever framework configured it.
 *
 * <p>In AWS Lambda, call {@link #flush(Duration)} at the end of every invocation (or use
 * {@code LogbeamLambda}): the runtime freezes the process between invocations and may discard it while
 * frozen, so anything still buffered at that point may never be sent.
 */
public final class Logbeam {

    private static final AtomicBoolean HOOK_INSTALLED = new AtomicBoolean();

    private Logbeam() {
    }

    /** The running shippers. */
    public static List<Shipper<?>> shippers() {
        return Shippers.running();
    }

    /**
     * Flushes every running appender at once and waits, within {@code timeout} in total, until every event
     * published before the call is delivered or given to the fallback. Costs one request per appender that
     * has something buffered, and nothing otherwise.
     *
     * @return true if all of them completed in time
     */
    public static boolean flush(Duration timeout) {
        return Shippers.flush(timeout);
    }

    /**
     * Stops every running appender, sharing {@code timeout}: each delivers what it holds, then falls back.
     *
     * @return true if all of them delivered everything in time
     */
    public static boolean stopAll(Duration timeout) {
        return Shippers.stopAll(timeout);
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

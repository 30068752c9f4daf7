package io.logbeam.core.engine;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Logbeam's one JVM shutdown hook. When the JVM exits (return from {@code main}, {@code System.exit}, an uncaught
 * exception ending the last thread, SIGTERM), it stops every running shipper whose {@code useShutdownHook} is on (the
 * default), all at once, each within its own {@code shutdownTimeout}: what is buffered is delivered, or given to the
 * fallback, before the JVM ends. Without it a Logback application that does not declare {@code <shutdownHook/>}
 * would lose, silently, everything still in the ring when the JVM ends: the shipper's threads are daemons, and
 * nothing else stops them.
 *
 * <p>The hook is installed while at least one such shipper runs and removed when the last one stops, so a web
 * application whose logging is stopped when it is undeployed leaves no hook, and no reference to its class loader,
 * behind. A framework stopping the same shipper at the same moment (Logback's {@code <shutdownHook/>}, Log4j2's own
 * hook, Spring Boot) does no harm: a second stop waits for the first, nothing is delivered twice.
 */
final class JvmExitHook {

    /** The JVM's shutdown hooks; replaced in tests. */
    interface Hooks {
        /** @throws IllegalStateException when the JVM is already exiting */
        void add(Thread hook);

        /** @throws IllegalStateException when the JVM is already exiting */
        void remove(Thread hook);
    }

    /** The one hook of this JVM (of this class loader: one per web application that bundles Logbeam). */
    static final JvmExitHook JVM = new JvmExitHook(new Hooks() {
        @Override
        public void add(Thread hook) {
            Runtime.getRuntime().addShutdownHook(hook);
        }

        @Override
        public void remove(Thread hook) {
            Runtime.getRuntime().removeShutdownHook(hook);
        }
    });

    private final Hooks hooks;
    private final Set<Shipper<?>> shippers = new LinkedHashSet<>(); // guarded by this
    private Thread hook; // guarded by this; set while installed

    JvmExitHook(Hooks hooks) {
        this.hooks = hooks;
    }

    /** Stops {@code shipper} at JVM exit (unless it stopped before); installs the hook if needed. */
    synchronized void add(Shipper<?> shipper) {
        shippers.add(shipper);
        if (hook == null) {
            Thread exit = new Thread(this::run, "logbeam-exit");
            // The hook thread must not keep the class loader of whoever started the first shipper (a web
            // application) once it is removed; it needs nothing from it either.
            exit.setContextClassLoader(JvmExitHook.class.getClassLoader());
            try {
                hooks.add(exit);
                hook = exit;
            } catch (IllegalStateException shuttingDown) {
                // The JVM is already exiting: the framework's stop (or nothing) is all that is left.
            }
        }
    }

    /** Forgets {@code shipper} (it stopped); removes the hook when no shipper needs it any more. */
    synchronized void remove(Shipper<?> shipper) {
        shippers.remove(shipper);
        if (shippers.isEmpty() && hook != null) {
            try {
                hooks.remove(hook);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running (or about to): nothing to remove.
            }
            hook = null;
        }
    }

    /** Whether the hook will stop {@code shipper} (tests). */
    synchronized boolean holds(Shipper<?> shipper) {
        return shippers.contains(shipper);
    }

    /** The installed hook thread, or null. */
    synchronized Thread hook() {
        return hook;
    }

    /** What the hook does at JVM exit: stops every shipper it holds, in parallel, each within its shutdownTimeout. */
    void run() {
        List<Shipper<?>> running;
        synchronized (this) {
            running = new ArrayList<>(shippers);
        }
        Shippers.stopEach(running, shipper -> shipper.config().shutdownTimeout());
    }
}

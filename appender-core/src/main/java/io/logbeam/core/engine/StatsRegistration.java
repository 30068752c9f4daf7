package io.logbeam.core.engine;

import io.logbeam.core.util.ProblemReporter;

import java.lang.management.ManagementFactory;
import java.util.concurrent.Executor;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;

/**
 * A shipper's statistics as the JMX MBean {@code io.logbeam:type=Appender,name="<name>"} (with {@code ,instance=N}
 * when the name is taken). Creating the JVM's MBean server costs 150-200 ms here, so when it does not exist yet the
 * registration runs on the shipper's own pool rather than on the thread starting the appender; when it exists (a JMX
 * agent, Spring Boot, any earlier use) the MBean is registered before the start returns.
 */
final class StatsRegistration {

    private final String name;
    private final ShipperStats stats;
    private final ProblemReporter problems;
    private final Object lock = new Object();
    private ObjectName registered; // guarded by lock
    private boolean closed; // guarded by lock

    StatsRegistration(String name, ShipperStats stats, ProblemReporter problems) {
        this.name = name;
        this.stats = stats;
        this.problems = problems;
    }

    /** Registers now, or on {@code background} when the MBean server is yet to be created. */
    void register(Executor background) {
        if (MBeanServerFactory.findMBeanServer(null).isEmpty()) {
            background.execute(this::registerNow);
        } else {
            registerNow();
        }
    }

    private void registerNow() {
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            String base = "io.logbeam:type=Appender,name=" + ObjectName.quote(name);
            synchronized (lock) {
                if (closed) {
                    return;
                }
                ObjectName candidate = new ObjectName(base);
                for (int i = 2; server.isRegistered(candidate); i++) {
                    candidate = new ObjectName(base + ",instance=" + i);
                }
                server.registerMBean(stats, candidate);
                registered = candidate;
            }
        } catch (JMException | RuntimeException | LinkageError e) {
            problems.say("statistics not registered in JMX: " + e);
        }
    }

    /** The name registered under, or null (not yet, disabled or failed). */
    ObjectName name() {
        synchronized (lock) {
            return registered;
        }
    }

    /** Unregisters (at a stop); a registration still to come is not made. */
    void close() {
        ObjectName toRemove;
        synchronized (lock) {
            closed = true;
            toRemove = registered;
        }
        if (toRemove != null) {
            try {
                ManagementFactory.getPlatformMBeanServer().unregisterMBean(toRemove);
            } catch (JMException | RuntimeException e) {
                // already gone
            }
        }
    }
}

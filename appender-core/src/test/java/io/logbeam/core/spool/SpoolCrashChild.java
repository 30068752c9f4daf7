package io.logbeam.core.spool;

import io.logbeam.core.config.AppenderProperties;
import io.logbeam.core.config.DestinationTypes;
import io.logbeam.core.engine.Shipper;
import io.logbeam.core.engine.ShipperStats;
import io.logbeam.core.testing.TestAdapter;
import io.logbeam.core.testing.TestEvent;
import io.logbeam.core.util.Diagnostics;
import io.logbeam.testkit.TestCredentials;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * The JVM {@link SpoolCrashTest} kills: ships {@code count} events through the Firehose appender settings to an
 * endpoint that refuses connections, with a spool, prints its progress, prints {@code ALL_SPOOLED} once every
 * event rests in the spool, then idles until it is killed. Exits by itself when its parent goes away (stdin
 * closes).
 *
 * <p>Arguments: spool directory, endpoint URI, event count.
 */
public final class SpoolCrashChild {

    static final String APPENDER = "crash-test";
    static final String STREAM = "app-logs";

    private SpoolCrashChild() {
    }

    /** The configuration both JVMs use. */
    static AppenderProperties settings(String spoolDirectory, String endpoint) {
        AppenderProperties s = new AppenderProperties(DestinationTypes.FIREHOSE);
        s.set("deliveryStreamName", STREAM);
        s.set("region", TestCredentials.REGION);
        s.set("endpoint", endpoint);
        s.set("accessKeyId", TestCredentials.ACCESS_KEY_ID);
        s.set("secretAccessKey", TestCredentials.SECRET_ACCESS_KEY);
        s.set("connectTimeout", "500ms");
        s.set("requestTimeout", "5 seconds");
        s.set("overflowPolicy", "block");
        s.set("blockTimeout", "60 seconds");
        s.set("maxBatchDelay", "50ms");
        s.set("maxRetries", 2);
        s.set("retryDeadline", "500ms");
        s.set("jmx", false);
        s.set("spoolDirectory", spoolDirectory);
        s.set("spoolFsync", "batch");
        return s;
    }

    public static void main(String[] args) throws Exception {
        watchParent();
        int count = Integer.parseInt(args[2]);
        Shipper<TestEvent> shipper = settings(args[0], args[1]).start(APPENDER, new TestAdapter(), Diagnostics.stderr());
        System.out.println("STARTED");
        for (int i = 0; i < count; i++) {
            shipper.publish(TestEvent.of("event " + i), false);
            if (i % 20_000 == 0) {
                progress(shipper.stats());
            }
        }
        shipper.flush(Duration.ofSeconds(60)); // returns when every event is in the spool
        ShipperStats stats = shipper.stats();
        while (stats.getSpoolEvents() < count || stats.getPublished() < count) {
            progress(stats);
            LockSupport.parkNanos(100_000_000L);
        }
        progress(stats);
        System.out.println("ALL_SPOOLED " + stats.getSpoolEvents() + " fallback=" + stats.getFallback() + " dropped="
                + stats.getDropped() + " spoolDropped=" + stats.getSpoolDropped());
        System.out.flush();
        while (true) {
            LockSupport.park(); // killed here
        }
    }

    private static void progress(ShipperStats stats) {
        System.out.println("PROGRESS " + stats);
        System.out.flush();
    }

    /** Never outlive the test: the parent's end closes our stdin. */
    private static void watchParent() {
        Thread t = new Thread(() -> {
            try {
                InputStream in = System.in;
                while (in.read() >= 0) {
                    // ignore
                }
            } catch (IOException ignored) {
                // parent gone
            }
            Runtime.getRuntime().halt(3);
        }, "parent-watch");
        t.setDaemon(true);
        t.start();
    }
}

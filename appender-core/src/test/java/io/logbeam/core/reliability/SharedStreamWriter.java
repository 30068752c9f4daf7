package io.logbeam.core.reliability;

import io.logbeam.core.config.AppenderProperties;
import io.logbeam.core.config.DestinationTypes;
import io.logbeam.core.engine.Shipper;
import io.logbeam.core.testing.CapturingFallback;
import io.logbeam.core.testing.TestAdapter;
import io.logbeam.core.testing.TestEvent;
import io.logbeam.core.util.Diagnostics;
import io.logbeam.testkit.TestCredentials;

import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.locks.LockSupport;

/**
 * One of the processes of {@link CloudWatchScenarios#sharedStream}: an appender configured from its
 * properties writes {@code count} events over {@code millis} into a group and stream it does not create
 * beforehand (every writer races to create them), then reports on standard output what the parent needs for
 * the accounting: one {@code REFUSED <key>} line per refused publish, one {@code FALLBACK <base64 json>} line
 * per event that reached the fallback, and {@code RESULT published=.. delivered=.. fallback=.. dropped=..
 * possibleDuplicates=.. retried=.. requests=..}.
 *
 * <p>Arguments: endpoint, writer id, count, millis.
 */
public final class SharedStreamWriter {

    private SharedStreamWriter() {
    }

    public static void main(String[] args) {
        String endpoint = args[0];
        String writer = args[1];
        int count = Integer.parseInt(args[2]);
        long millis = Long.parseLong(args[3]);
        AppenderProperties settings = new AppenderProperties(DestinationTypes.CLOUDWATCH_LOGS);
        settings.set("endpoint", endpoint);
        settings.set("region", TestCredentials.REGION);
        settings.set("accessKeyId", TestCredentials.ACCESS_KEY_ID);
        settings.set("secretAccessKey", TestCredentials.SECRET_ACCESS_KEY);
        settings.set("logGroup", Target.LOG_GROUP);
        settings.set("logStream", Target.LOG_STREAM);
        settings.set("retentionDays", 7);
        settings.set("staticFields", "writer=" + writer);
        settings.set("overflowPolicy", "block");
        settings.set("blockTimeout", "60 seconds");
        settings.set("maxBatchDelay", "100 ms");
        settings.set("includeHost", false);
        settings.set("jmx", false);
        settings.set("fallback", RoutingFallback.class.getName());
        String name = "writer-" + writer;
        Shipper<TestEvent> shipper = settings.start(name, new TestAdapter(), Diagnostics.stderr());
        long start = System.nanoTime();
        long step = Duration.ofMillis(millis).toNanos() / Math.max(1, count);
        for (int i = 1; i <= count; i++) {
            long wait = start + step * i - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            String key = "rel.w" + writer + ".e" + i;
            TestEvent event = TestEvent.of("writer " + writer + " event " + i).logger(key);
            if (!shipper.publish(event, false)) {
                System.out.println("REFUSED " + key);
            }
        }
        boolean flushed = shipper.flush(Duration.ofSeconds(120));
        shipper.stop(Duration.ofSeconds(10));
        CapturingFallback fallback = RoutingFallback.of(name);
        for (CapturingFallback.Entry entry : fallback.entries()) {
            System.out.println("FALLBACK " + Base64.getEncoder().encodeToString(entry.event().json()));
        }
        var s = shipper.stats();
        System.out.println("RESULT flushed=" + flushed + " published=" + s.getPublished() + " delivered="
                + s.getDelivered() + " fallback=" + s.getFallback() + " dropped=" + s.getDropped()
                + " possibleDuplicates=" + s.getPossibleDuplicates() + " retried=" + s.getRetried() + " requests="
                + s.getRequests());
        System.exit(flushed ? 0 : 1);
    }
}

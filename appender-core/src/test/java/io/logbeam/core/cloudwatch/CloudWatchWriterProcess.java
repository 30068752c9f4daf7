package io.logbeam.core.cloudwatch;

import io.logbeam.core.config.AppenderProperties;
import io.logbeam.core.config.DestinationTypes;
import io.logbeam.core.engine.Shipper;
import io.logbeam.core.testing.TestAdapter;
import io.logbeam.core.testing.TestEvent;
import io.logbeam.core.util.Diagnostics;

import java.time.Duration;

/**
 * One writer process of {@link CloudWatchLogsMotoIT}: configured like an appender from its properties,
 * it logs {@code count} events into a group and stream it does not create beforehand, flushes, and prints
 * {@code RESULT delivered=.. fallback=.. dropped=..}.
 *
 * <p>Arguments: endpoint, log group, log stream, writer id, count.
 */
public final class CloudWatchWriterProcess {

    private CloudWatchWriterProcess() {
    }

    public static void main(String[] args) {
        String endpoint = args[0];
        String writer = args[3];
        int count = Integer.parseInt(args[4]);
        AppenderProperties settings = new AppenderProperties(DestinationTypes.CLOUDWATCH_LOGS);
        settings.set("endpoint", endpoint);
        settings.set("region", "us-east-1");
        settings.set("accessKeyId", "test");
        settings.set("secretAccessKey", "test");
        settings.set("logGroup", args[1]);
        settings.set("logStream", args[2]);
        settings.set("retentionDays", 7);
        settings.set("staticFields", "writer=" + writer);
        settings.set("overflowPolicy", "block");
        settings.set("blockTimeout", "30 seconds");
        settings.set("maxBatchDelay", "100 ms");
        settings.set("jmx", false);
        Shipper<TestEvent> shipper = settings.start("writer-" + writer, new TestAdapter(), Diagnostics.stderr());
        for (int i = 0; i < count; i++) {
            shipper.publish(TestEvent.of(writer + "-" + i).mdc("seq", Integer.toString(i)), false);
        }
        boolean flushed = shipper.flush(Duration.ofSeconds(60));
        shipper.stop(Duration.ofSeconds(10));
        System.out.println("RESULT flushed=" + flushed + " delivered=" + shipper.stats().getDelivered() + " fallback="
                + shipper.stats().getFallback() + " dropped=" + shipper.stats().getDropped());
        System.exit(flushed ? 0 : 1);
    }
}

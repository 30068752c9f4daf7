package io.logbeam.core.cloudwatch;

import io.logbeam.core.Diagnostics;
import io.logbeam.core.Shipper;
import io.logbeam.core.testing.TestEncoder;
import io.logbeam.core.testing.TestEvent;

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
        CloudWatchLogsSettings settings = new CloudWatchLogsSettings();
        settings.setEndpoint(endpoint);
        settings.setRegion("us-east-1");
        settings.setAccessKeyId("test");
        settings.setSecretAccessKey("test");
        settings.setLogGroup(args[1]);
        settings.setLogStream(args[2]);
        settings.setRetentionDays(7);
        settings.setStaticFields("writer=" + writer);
        settings.setOverflowPolicy("block");
        settings.setBlockTimeout("30 seconds");
        settings.setMaxBatchDelay("100 ms");
        settings.setJmx(false);
        Shipper<TestEvent> shipper = settings.start("writer-" + writer, new TestEncoder(), Diagnostics.stderr());
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

package io.logbeam.benchmarks.coldstart;

import io.logbeam.benchmarks.support.TypicalEvents.Event;
import io.logbeam.benchmarks.support.TypicalEvents;
import io.logbeam.core.config.AppenderProperties;
import io.logbeam.core.config.DestinationTypes;
import io.logbeam.core.engine.Shipper;
import io.logbeam.core.util.Diagnostics;

import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * One fresh JVM of {@link ColdStartHarness}: what Logbeam adds to a cold start, measured from {@code main}.
 * Starts an appender (settings validated, ring, consumer thread; the AWS client is built in the background),
 * logs one event, then flushes it, as a Lambda handler's first invocation would. Prints one line:
 * {@code PROBE jvm_to_main_ms=.. start_ms=.. accept_us=.. first_delivered_ms=.. empty_flush_us=.. warm_flush_ms=..}.
 *
 * <p>Arguments: endpoint URL, destination ({@code cloudwatch}, {@code kinesis}, {@code firehose}; or, through a
 * Logback {@code LoggerContext} configured from {@code logback.xml}, {@code logback-cloudwatch}, {@code logback-kinesis},
 * {@code logback-firehose}, {@code logback-nop}: see {@link LogbackColdStartProbe}; or the AWS SDK alone,
 * {@code sdk-kinesis}: see {@link SdkOnlyColdStartProbe}), and optionally the
 * {@code httpClient} (default {@code urlconnection}).
 */
public final class ColdStartProbe {

    private ColdStartProbe() {
    }

    /** The probe's event, logged now by a Lambda handler. */
    private static Event event(String message) {
        return new Event(System.currentTimeMillis(), "INFO", "com.acme.Handler", "main", message);
    }

    public static void main(String[] args) throws Exception {
        String httpClient = args.length > 2 ? args[2] : "urlconnection";
        if (args[1].startsWith("logback-")) {
            LogbackColdStartProbe.run(args[0], args[1], httpClient);
            return;
        }
        if (args[1].equals("sdk-kinesis")) {
            SdkOnlyColdStartProbe.run(args[0]);
            return;
        }
        long t0 = System.nanoTime();
        long wallAtMain = System.currentTimeMillis();
        AppenderProperties settings = settings(args[1]);
        settings.set("endpoint", args[0]);
        settings.set("region", "us-east-1");
        settings.set("accessKeyId", "test");
        settings.set("secretAccessKey", "test");
        settings.set("httpClient", httpClient);
        settings.set("maxBatchDelay", "1 hour"); // only the flush sends, as at the end of a Lambda invocation
        settings.set("jmx", false);

        Shipper<Event> shipper = settings.start("cold-start", new TypicalEvents.Encoder(), Diagnostics.stderr());
        long started = System.nanoTime();

        boolean accepted = shipper.publish(event("first event of the invocation"), false);
        long acceptedAt = System.nanoTime();

        boolean flushed = shipper.flush(Duration.ofSeconds(60));
        long deliveredAt = System.nanoTime();

        long emptyStart = System.nanoTime();
        shipper.flush(Duration.ofSeconds(10)); // nothing buffered: no request
        long emptyNanos = System.nanoTime() - emptyStart;

        for (int i = 0; i < 10; i++) {
            shipper.publish(event("second invocation " + i), false);
        }
        long warmStart = System.nanoTime();
        boolean warmFlushed = shipper.flush(Duration.ofSeconds(30)); // one request over the kept-alive connection
        long warmNanos = System.nanoTime() - warmStart;

        long delivered = shipper.stats().getDelivered();
        shipper.stop(Duration.ofSeconds(5));
        long jvmToMain = wallAtMain - ManagementFactory.getRuntimeMXBean().getStartTime(); // loaded only now
        if (!accepted || !flushed || !warmFlushed || delivered != 11) {
            System.out.println("PROBE-FAILED accepted=" + accepted + " flushed=" + flushed + " warm=" + warmFlushed
                    + " delivered=" + delivered + " last error=" + shipper.stats().getLastError());
            System.exit(1);
        }
        System.out.printf(java.util.Locale.ROOT, "PROBE jvm_to_main_ms=%d start_ms=%.1f accept_us=%.0f"
                + " first_delivered_ms=%.1f empty_flush_us=%.0f warm_flush_ms=%.2f%n", jvmToMain,
                (started - t0) / 1e6, (acceptedAt - started) / 1e3, (deliveredAt - t0) / 1e6, emptyNanos / 1e3,
                warmNanos / 1e6);
    }

    private static AppenderProperties settings(String destination) {
        switch (destination) {
            case "kinesis": {
                AppenderProperties s = new AppenderProperties(DestinationTypes.KINESIS);
                s.set("streamName", ColdStartHarness.STREAM);
                return s;
            }
            case "firehose": {
                AppenderProperties s = new AppenderProperties(DestinationTypes.FIREHOSE);
                s.set("deliveryStreamName", ColdStartHarness.STREAM);
                return s;
            }
            case "cloudwatch": {
                AppenderProperties s = new AppenderProperties(DestinationTypes.CLOUDWATCH_LOGS);
                s.set("logGroup", ColdStartHarness.LOG_GROUP);
                s.set("logStream", "cold-start-{uuid}");
                return s;
            }
            default:
                throw new IllegalArgumentException("destination: cloudwatch, kinesis or firehose");
        }
    }
}

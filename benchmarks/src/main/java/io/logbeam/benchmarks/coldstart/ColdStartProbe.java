package io.logbeam.benchmarks.coldstart;

import io.logbeam.core.Diagnostics;
import io.logbeam.core.EventEncoder;
import io.logbeam.core.Shipper;
import io.logbeam.core.cloudwatch.CloudWatchLogsSettings;
import io.logbeam.core.config.AppenderSettings;
import io.logbeam.core.firehose.FirehoseSettings;
import io.logbeam.core.json.EventWriter;
import io.logbeam.core.kinesis.KinesisSettings;

import java.io.IOException;
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
 * {@code logback-firehose}, {@code logback-nop}: see {@link LogbackColdStartProbe}).
 */
public final class ColdStartProbe {

    private ColdStartProbe() {
    }

    /** The probe's event: a message and its time, written like a framework's event. */
    record Event(String message, long time) {
    }

    public static void main(String[] args) throws Exception {
        if (args[1].startsWith("logback-")) {
            LogbackColdStartProbe.run(args[0], args[1]);
            return;
        }
        long t0 = System.nanoTime();
        long wallAtMain = System.currentTimeMillis();
        AppenderSettings settings = settings(args[1]);
        settings.setEndpoint(args[0]);
        settings.setRegion("us-east-1");
        settings.setAccessKeyId("test");
        settings.setSecretAccessKey("test");
        settings.setMaxBatchDelay("1 hour"); // only the flush sends, as at the end of a Lambda invocation
        settings.setJmx(false);

        Shipper<Event> shipper = settings.start("cold-start", new Encoder(), Diagnostics.stderr());
        long started = System.nanoTime();

        boolean accepted = shipper.publish(new Event("first event of the invocation", System.currentTimeMillis()), false);
        long acceptedAt = System.nanoTime();

        boolean flushed = shipper.flush(Duration.ofSeconds(60));
        long deliveredAt = System.nanoTime();

        long emptyStart = System.nanoTime();
        shipper.flush(Duration.ofSeconds(10)); // nothing buffered: no request
        long emptyNanos = System.nanoTime() - emptyStart;

        for (int i = 0; i < 10; i++) {
            shipper.publish(new Event("second invocation " + i, System.currentTimeMillis()), false);
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

    private static AppenderSettings settings(String destination) {
        switch (destination) {
            case "kinesis": {
                KinesisSettings s = new KinesisSettings();
                s.setStreamName(ColdStartHarness.STREAM);
                return s;
            }
            case "firehose": {
                FirehoseSettings s = new FirehoseSettings();
                s.setDeliveryStreamName(ColdStartHarness.STREAM);
                return s;
            }
            case "cloudwatch": {
                CloudWatchLogsSettings s = new CloudWatchLogsSettings();
                s.setLogGroup(ColdStartHarness.LOG_GROUP);
                s.setLogStream("cold-start-{uuid}");
                return s;
            }
            default:
                throw new IllegalArgumentException("destination: cloudwatch, kinesis or firehose");
        }
    }

    private static final class Encoder implements EventEncoder<Event> {
        @Override
        public long timeMillis(Event event) {
            return event.time();
        }

        @Override
        public String loggerName(Event event) {
            return "com.acme.Handler";
        }

        @Override
        public String mdcValue(Event event, String key) {
            return null;
        }

        @Override
        public Object keyValue(Event event, String key) {
            return null;
        }

        @Override
        public void writeFields(Event event, EventWriter out) throws IOException {
            out.level("INFO");
            out.logger("com.acme.Handler");
            out.thread("main");
            out.message(event.message());
        }
    }
}

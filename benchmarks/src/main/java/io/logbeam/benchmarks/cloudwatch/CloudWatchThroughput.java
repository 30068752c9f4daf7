package io.logbeam.benchmarks.cloudwatch;

import io.logbeam.benchmarks.support.LocalAws;
import io.logbeam.benchmarks.support.TypicalEvents.Event;
import io.logbeam.benchmarks.support.TypicalEvents;
import io.logbeam.core.aws.AwsSettings;
import io.logbeam.core.cloudwatch.CloudWatchBatcher;
import io.logbeam.core.cloudwatch.CloudWatchLimits;
import io.logbeam.core.cloudwatch.CloudWatchLogsDestination;
import io.logbeam.core.destination.BatchEntry;
import io.logbeam.core.destination.BatchSink;
import io.logbeam.core.destination.Batcher;
import io.logbeam.core.engine.Shipper;
import io.logbeam.core.engine.ShipperConfig;
import io.logbeam.core.engine.ShipperStats;
import io.logbeam.core.event.EncodedEvent;
import io.logbeam.core.event.JsonSchema;
import io.logbeam.core.event.LogTypes;
import io.logbeam.core.fallback.SilentFallback;
import io.logbeam.testkit.AwsOperation;
import io.logbeam.testkit.LocalAwsEndpoint;
import io.logbeam.testkit.LogEvent;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;

/**
 * How many PutLogEvents calls CloudWatch Logs needs for a given event rate and size (default: 10,000
 * events/s of 200-byte events, the size as CloudWatch counts it: the JSON message's UTF-8 bytes).
 *
 * <ol>
 * <li>Packing: the real {@link CloudWatchBatcher} packs events of exactly that size; prints events per call,
 * bytes per call (as the service counts them) and the calls per second the rate needs.</li>
 * <li>End to end: a shipper with the default settings (maxBatchDelay 1 s) sends at that rate for a while
 * to the testkit's in-process CloudWatch Logs endpoint, which enforces every PutLogEvents rule; prints
 * the calls it made per second and the events per call it achieved.</li>
 * </ol>
 *
 * <p>Run: {@code mvn -B -q -pl benchmarks -am package -DskipTests && java -cp benchmarks/target/benchmarks.jar
 * io.logbeam.benchmarks.cloudwatch.CloudWatchThroughput [seconds=10] [eventsPerSecond=10000] [eventBytes=200]}
 */
public final class CloudWatchThroughput {

    private CloudWatchThroughput() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int rate = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int eventBytes = args.length > 2 ? Integer.parseInt(args[2]) : 200;
        System.out.printf(Locale.ROOT, "CloudWatch Logs: %,d events/s of %d-byte events%n", rate, eventBytes);
        packing(rate, eventBytes);
        endToEnd(seconds, rate, eventBytes);
    }

    /** Packs a minute of events with the real batcher and counts the calls. */
    private static void packing(int rate, int eventBytes) {
        long start = System.currentTimeMillis();
        Batcher batcher = CloudWatchLogsDestination.builder(LocalAws.offline()).logGroup("g")
                .logStream("s").clock(Clock.systemUTC()).build().newBatcher();
        Counter counter = new Counter();
        int events = rate * 60;
        byte[] json = ("{\"m\":\"" + "x".repeat(eventBytes - 8) + "\"}").getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < events; i++) {
            batcher.add(new EncodedEvent(json, start - 60_000 + i * 1000L / rate, "app", null, false), counter);
        }
        batcher.drain(counter);
        double perCall = counter.largest;
        System.out.printf(Locale.ROOT, "packing (CloudWatchBatcher): %,d events in %,d calls; a full call holds %,d "
                + "events = %,d bytes as counted (limit %,d bytes, %,d events): %d x (%d + %d)%n", events, counter.calls,
                counter.largest, counter.largestBytes, CloudWatchLimits.MAX_REQUEST_BYTES,
                CloudWatchLimits.MAX_EVENTS_PER_REQUEST, counter.largest, eventBytes,
                CloudWatchLimits.EVENT_OVERHEAD_BYTES);
        System.out.printf(Locale.ROOT, "  -> %,d events/s need %.2f PutLogEvents calls/s (%,d/%,d), i.e. %d or %d "
                + "in any one second; the %,d-event limit binds only for events of at most %d bytes%n", rate,
                rate / perCall, rate, counter.largest, (int) Math.floor(rate / perCall), (int) Math.ceil(rate / perCall),
                CloudWatchLimits.MAX_EVENTS_PER_REQUEST, CloudWatchLimits.MAX_REQUEST_BYTES
                        / CloudWatchLimits.MAX_EVENTS_PER_REQUEST - CloudWatchLimits.EVENT_OVERHEAD_BYTES);
    }

    /** Ships at {@code rate} for {@code seconds} through a shipper to the in-process endpoint. */
    private static void endToEnd(int seconds, int rate, int eventBytes) throws IOException {
        try (LocalAwsEndpoint endpoint = LocalAwsEndpoint.start()) {
            AwsSettings aws = LocalAws.settings(endpoint).build();
            CloudWatchLogsDestination destination = CloudWatchLogsDestination.builder(aws).logGroup("/bench/orders")
                    .logStream("orders-app").build();
            JsonSchema schema = JsonSchema.builder().host("bench-host").lambdaInfo(null).build();
            String message = TypicalEvents.messageFor(schema, eventBytes);
            Shipper<Event> shipper = Shipper.builder(new TypicalEvents.Encoder(), destination)
                    .config(ShipperConfig.builder().name("cwl-bench").bufferSize(65_536).jmx(false).build())
                    .logTypes(LogTypes.defaults()).schema(schema).fallback(new SilentFallback())
                    .diagnostics((name, text) -> System.out.println("  diagnostics: " + text)).start();
            // Warm up (client, stream creation, JIT), then measure from zero.
            shipper.publish(Event.info(System.currentTimeMillis(), message), true);
            shipper.flush(Duration.ofSeconds(30));
            long putsBefore = endpoint.requests().count(AwsOperation.LOGS_PUT_LOG_EVENTS);
            long deliveredBefore = shipper.stats().getDelivered();

            long total = (long) rate * seconds;
            long begin = System.nanoTime();
            for (long i = 0; i < total; i++) {
                long due = begin + i * 1_000_000_000L / rate;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                shipper.publish(Event.info(System.currentTimeMillis(), message), false);
            }
            boolean flushed = shipper.flush(Duration.ofSeconds(60));
            double elapsed = (System.nanoTime() - begin) / 1e9;
            ShipperStats stats = shipper.stats();
            long puts = endpoint.requests().count(AwsOperation.LOGS_PUT_LOG_EVENTS) - putsBefore;
            long delivered = stats.getDelivered() - deliveredBefore;
            List<LogEvent> stored = endpoint.logs().events("/bench/orders", "orders-app");
            long storedBytes = stored.stream().mapToLong(e -> e.message().getBytes(StandardCharsets.UTF_8).length).sum();
            System.out.printf(Locale.ROOT, "end to end (Shipper -> testkit endpoint, maxBatchDelay 1 s, %d s): "
                    + "flushed=%s delivered=%,d dropped=%d fallback=%d violations=%d%n", seconds, flushed, delivered,
                    stats.getDropped(), stats.getFallback(), endpoint.violations().size());
            System.out.printf(Locale.ROOT, "  stored event size %.1f bytes (JSON message); %,d PutLogEvents calls in "
                    + "%.1f s = %.2f calls/s, %,.0f events per call on average%n",
                    (double) storedBytes / stored.size(), puts, elapsed, puts / elapsed, (double) delivered / puts);
            shipper.stop(Duration.ofSeconds(10));
        }
    }

    /** Counts calls and the largest call. */
    private static final class Counter implements BatchSink {
        long calls;
        int largest;
        long largestBytes;

        @Override
        public void emit(List<BatchEntry> entries) {
            calls++;
            long bytes = entries.stream().mapToLong(BatchEntry::bytes).sum();
            if (entries.size() > largest) {
                largest = entries.size();
                largestBytes = bytes;
            }
        }

        @Override
        public void reject(EncodedEvent event, String reason) {
            throw new IllegalStateException(reason);
        }
    }
}

package io.logbeam.benchmarks.spool;

import io.logbeam.benchmarks.support.LocalAws;
import io.logbeam.benchmarks.support.TypicalEvents.Event;
import io.logbeam.benchmarks.support.TypicalEvents;
import io.logbeam.core.aws.AwsSettings;
import io.logbeam.core.engine.OverflowPolicy;
import io.logbeam.core.engine.Shipper;
import io.logbeam.core.engine.ShipperConfig;
import io.logbeam.core.engine.ShipperStats;
import io.logbeam.core.event.EncodedEvent;
import io.logbeam.core.event.EventSerializer;
import io.logbeam.core.event.JsonSchema;
import io.logbeam.core.event.LogTypes;
import io.logbeam.core.fallback.SilentFallback;
import io.logbeam.core.firehose.FirehoseDestination;
import io.logbeam.core.firehose.FirehoseLimits;
import io.logbeam.core.spool.Spool;
import io.logbeam.core.spool.SpoolChunk;
import io.logbeam.core.spool.SpoolConfig;
import io.logbeam.core.spool.SpoolFsync;
import io.logbeam.core.util.Diagnostics;
import io.logbeam.testkit.LocalAwsEndpoint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * Measures the durable spool for each {@code spoolFsync} policy, with events whose JSON is exactly
 * {@code eventBytes} bytes (default 200):
 * <ol>
 *   <li><b>append</b>: {@code Spool.append} of pre-encoded events in batches of 500 (a Firehose request's worth):
 *       the storage alone;</li>
 *   <li><b>read</b>: reading it back chunk by chunk and settling (deleting the segments): the storage alone;</li>
 *   <li><b>spooling</b>: the whole pipeline (one thread publishing, encoding, batching, the Firehose destination)
 *       while the endpoint refuses connections, until every event rests in the spool;</li>
 *   <li><b>replay</b>: a new shipper on that spool with the endpoint back, until every event is delivered to the
 *       testkit's in-process Firehose;</li>
 * </ol>
 * and, as the reference for the last one, <b>live</b> delivery of the same events to the same endpoint without
 * an outage.
 *
 * <pre>
 * mvn -B -q -pl benchmarks -am package -DskipTests
 * java -Xmx1g -cp benchmarks/target/benchmarks.jar io.logbeam.benchmarks.spool.SpoolHarness [events] [eventBytes] [dir]
 * </pre>
 * {@code dir} (default the temporary directory) should be on the device the spool will use: fsync cost is the
 * device's.
 */
public final class SpoolHarness {

    private static final String STREAM = "bench";
    private static final int BATCH = 500;

    private SpoolHarness() {
    }

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int eventBytes = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        Path base = Paths.get(args.length > 2 ? args[2] : System.getProperty("java.io.tmpdir"));
        JsonSchema schema = JsonSchema.builder().host("web-1").lambdaInfo(null).build();
        EventSerializer<Event> serializer = new EventSerializer<>(schema, new TypicalEvents.Encoder(),
                FirehoseLimits.MAX_RECORD_BYTES - 1, FirehoseLimits.MAX_RECORD_BYTES - 1);
        String message = TypicalEvents.messageFor(schema, eventBytes);

        System.out.printf(Locale.ROOT, "Spool: %,d events of %d JSON bytes; %d cores, Java %s (%s), spool under %s%n%n",
                events, eventBytes, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                System.getProperty("java.vm.name"), base);
        // Warm up the JIT on a small run, results discarded.
        for (SpoolFsync fsync : List.of(SpoolFsync.NEVER, SpoolFsync.BATCH)) {
            storage(fsync, Math.min(events, 50_000), serializer, message, base);
            pipeline(fsync, Math.min(events, 20_000), schema, message, base);
        }
        double live = live(events, schema, message);

        System.out.printf(Locale.ROOT, "%-8s %14s %10s %14s %18s %16s%n", "fsync", "append ev/s", "MiB/s", "read ev/s",
                "spooling ev/s", "replay ev/s");
        double[] appendRate = new double[3];
        for (SpoolFsync fsync : List.of(SpoolFsync.NEVER, SpoolFsync.BATCH, SpoolFsync.ALWAYS)) {
            int n = fsync == SpoolFsync.ALWAYS ? Math.min(events, 20_000) : events; // one device flush per event
            double[] storage = storage(fsync, n, serializer, message, base);
            appendRate[fsync.ordinal()] = storage[0];
            double[] pipeline = pipeline(fsync, n, schema, message, base);
            System.out.printf(Locale.ROOT, "%-8s %,14.0f %10.1f %,14.0f %,18.0f %,16.0f%s%n", fsync.propertyValue(),
                    storage[0], storage[1], storage[2], pipeline[0], pipeline[1],
                    n == events ? "" : "   (" + n + " events)");
        }
        System.out.printf(Locale.ROOT, "%nlive delivery to the same endpoint, no outage: %,.0f ev/s%n", live);
        // What one device flush costs, from the append rows: the time per batch (batch) or per event (always) over
        // the same append without flushes (never).
        double never = 1e3 / appendRate[SpoolFsync.NEVER.ordinal()];
        System.out.printf(Locale.ROOT, "device flush: %.2f ms per batch of %d events (batch), %.2f ms per event"
                + " (always)%n", BATCH * (1e3 / appendRate[SpoolFsync.BATCH.ordinal()] - never), BATCH,
                1e3 / appendRate[SpoolFsync.ALWAYS.ordinal()] - never);
    }

    /** Spool.append in batches, then read back and settle: {append ev/s, append MiB/s, read ev/s}. */
    private static double[] storage(SpoolFsync fsync, int n, EventSerializer<Event> serializer, String message,
            Path base) throws IOException {
        Path dir = Files.createTempDirectory(base, "spool-storage");
        try {
            List<List<EncodedEvent>> batches = new ArrayList<>();
            long now = System.currentTimeMillis();
            for (int i = 0; i < n; i += BATCH) {
                List<EncodedEvent> batch = new ArrayList<>(BATCH);
                for (int j = i; j < Math.min(n, i + BATCH); j++) {
                    batch.add(serializer.serialize(Event.info(now, message), "app", null, null));
                }
                batches.add(batch);
            }
            SpoolConfig config = SpoolConfig.builder().directory(dir).maxBytes(4L << 30).fsync(fsync).build();
            Spool spool = Spool.open(config, "bench", "bench", quiet());
            long start = System.nanoTime();
            for (List<EncodedEvent> batch : batches) {
                if (!spool.append(batch).isEmpty()) {
                    throw new IllegalStateException("spool refused events");
                }
            }
            double appendSeconds = (System.nanoTime() - start) / 1e9;
            long bytes = spool.stats().bytes();
            start = System.nanoTime();
            spool.recover(() -> false);
            long read = 0;
            for (SpoolChunk c; (c = spool.nextChunk(10_000, 4L << 20)) != null; ) {
                read += c.events().size();
                spool.settle(c);
            }
            double readSeconds = (System.nanoTime() - start) / 1e9;
            spool.close();
            if (read != n) {
                throw new IllegalStateException("read " + read + " of " + n);
            }
            return new double[] {n / appendSeconds, bytes / appendSeconds / (1 << 20), n / readSeconds};
        } finally {
            deleteTree(dir);
        }
    }

    /** {spooling ev/s with the endpoint down, replay ev/s with it back}. */
    private static double[] pipeline(SpoolFsync fsync, int n, JsonSchema schema, String message, Path base)
            throws IOException {
        Path dir = Files.createTempDirectory(base, "spool-pipeline");
        try (LocalAwsEndpoint endpoint = LocalAwsEndpoint.start()) {
            endpoint.firehose().createDeliveryStream(STREAM);
            endpoint.stop(); // connections refused until restart()
            SpoolConfig spool = SpoolConfig.builder().directory(dir).maxBytes(4L << 30).fsync(fsync).build();

            Shipper<Event> down = start(endpoint, spool, schema);
            long now = System.currentTimeMillis();
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                down.publish(Event.info(now, message), false);
            }
            ShipperStats stats = down.stats();
            await(() -> stats.getSpoolEvents() == n, "spooling");
            double spooling = n / ((System.nanoTime() - start) / 1e9);
            down.stop(Duration.ofSeconds(10));
            check(stats.getFallback() == 0 && stats.getDropped() == 0 && stats.getSpoolDropped() == 0, stats);

            endpoint.restart();
            start = System.nanoTime();
            Shipper<Event> up = start(endpoint, spool, schema);
            ShipperStats replay = up.stats();
            await(() -> replay.getDelivered() >= n && replay.getSpoolEvents() == 0, "replay");
            double replaying = n / ((System.nanoTime() - start) / 1e9);
            up.stop(Duration.ofSeconds(10));
            check(replay.getDelivered() == n && replay.getSpoolRecovered() == n && endpoint.violations().isEmpty(),
                    replay);
            return new double[] {spooling, replaying};
        } finally {
            deleteTree(dir);
        }
    }

    /** ev/s delivering {@code n} events without an outage or spool. */
    private static double live(int n, JsonSchema schema, String message) {
        try (LocalAwsEndpoint endpoint = LocalAwsEndpoint.start()) {
            endpoint.firehose().createDeliveryStream(STREAM);
            Shipper<Event> shipper = start(endpoint, null, schema);
            long now = System.currentTimeMillis();
            long start = System.nanoTime();
            for (int i = 0; i < n; i++) {
                shipper.publish(Event.info(now, message), false);
            }
            if (!shipper.flush(Duration.ofMinutes(5))) {
                throw new IllegalStateException("flush timed out");
            }
            double rate = n / ((System.nanoTime() - start) / 1e9);
            shipper.stop(Duration.ofSeconds(10));
            check(shipper.stats().getDelivered() == n, shipper.stats());
            return rate;
        }
    }

    private static Shipper<Event> start(LocalAwsEndpoint endpoint, SpoolConfig spool, JsonSchema schema) {
        AwsSettings aws = LocalAws.settings(endpoint).connectTimeout(Duration.ofSeconds(1))
                .requestTimeout(Duration.ofSeconds(30)).build();
        FirehoseDestination destination = new FirehoseDestination(STREAM, false, FirehoseLimits.MAX_RECORD_BYTES, aws);
        ShipperConfig config = ShipperConfig.builder().name("spool-bench").bufferSize(16_384)
                .overflowPolicy(OverflowPolicy.BLOCK).blockTimeout(Duration.ofMinutes(1))
                .maxBatchDelay(Duration.ofMillis(200)).maxRetries(1).retryDeadline(Duration.ofMillis(200))
                .retryBaseDelay(Duration.ofMillis(10)).retryMaxDelay(Duration.ofMillis(50)).jmx(false).build();
        return Shipper.builder(new TypicalEvents.Encoder(), destination).config(config).logTypes(LogTypes.defaults())
                .schema(schema).fallback(new SilentFallback()).diagnostics(quiet()).spool(spool).start();
    }

    private static Diagnostics quiet() {
        return (name, line) -> {
        };
    }

    private static void await(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(what + " did not finish");
            }
            LockSupport.parkNanos(1_000_000);
        }
    }

    private static void check(boolean ok, ShipperStats stats) {
        if (!ok) {
            throw new IllegalStateException("unexpected accounting: " + stats);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}

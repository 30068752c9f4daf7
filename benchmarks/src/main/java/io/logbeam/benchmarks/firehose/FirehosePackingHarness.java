package io.logbeam.benchmarks.firehose;

import io.logbeam.benchmarks.support.LocalAws;
import io.logbeam.benchmarks.support.TypicalEvents.Event;
import io.logbeam.benchmarks.support.TypicalEvents;
import io.logbeam.core.aws.AwsSettings;
import io.logbeam.core.engine.OverflowPolicy;
import io.logbeam.core.engine.Shipper;
import io.logbeam.core.engine.ShipperConfig;
import io.logbeam.core.event.JsonSchema;
import io.logbeam.core.event.LogTypes;
import io.logbeam.core.fallback.SilentFallback;
import io.logbeam.core.firehose.FirehoseDestination;
import io.logbeam.core.firehose.FirehoseLimits;
import io.logbeam.testkit.AwsOperation;
import io.logbeam.testkit.LocalAwsEndpoint;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Measures what {@code packRecords} changes for Firehose: PutRecordBatch calls, records per call, average
 * record size, and the 5 KB units Firehose bills, for events whose JSON is exactly {@code eventBytes} bytes
 * (default 200). Ships the events through the real shipper and Firehose destination into the testkit's
 * in-process Firehose (which enforces the service limits), then counts what it stored.
 *
 * <pre>
 * mvn -B -q -pl benchmarks -am package -DskipTests
 * java -cp benchmarks/target/benchmarks.jar io.logbeam.benchmarks.firehose.FirehosePackingHarness [events] [eventBytes]
 * </pre>
 */
public final class FirehosePackingHarness {

    private static final String STREAM = "bench";
    private static final long MILLION = 1_000_000L;

    /** What one run stored. */
    private record Result(boolean packed, long events, long calls, long records, long recordBytes, long billedUnits) {

        double recordsPerCall() {
            return (double) records / calls;
        }

        double averageRecordBytes() {
            return (double) recordBytes / records;
        }

        double billedUnitsPerMillionEvents() {
            return (double) billedUnits * MILLION / events;
        }
    }

    private FirehosePackingHarness() {
    }

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int eventBytes = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        JsonSchema schema = JsonSchema.builder().host("web-1").lambdaInfo(null).build();
        String message = TypicalEvents.messageFor(schema, eventBytes);

        System.out.printf(Locale.ROOT, "Firehose packing: %,d events of %d JSON bytes (+1 line end) each%n%n",
                events, eventBytes);
        Result plain = run(false, events, schema, message);
        Result packed = run(true, events, schema, message);

        System.out.printf(Locale.ROOT, "%-14s %9s %9s %13s %15s %17s %22s%n", "packRecords", "calls", "records",
                "records/call", "avg record B", "billed 5KB units", "billed units / 1M ev");
        for (Result r : List.of(plain, packed)) {
            System.out.printf(Locale.ROOT, "%-14s %,9d %,9d %13.1f %,15.1f %,17d %,22.0f%n", r.packed(), r.calls(),
                    r.records(), r.recordsPerCall(), r.averageRecordBytes(), r.billedUnits(),
                    r.billedUnitsPerMillionEvents());
        }
        double gib = 1024.0 * 1024 * 1024;
        System.out.printf(Locale.ROOT, "%nper million events: data %.3f GiB; billed %.3f GiB unpacked, %.3f GiB packed "
                + "(%.1fx fewer units)%n", (eventBytes + 1.0) * MILLION / gib,
                plain.billedUnitsPerMillionEvents() * FirehoseLimits.BILLING_UNIT_BYTES / gib,
                packed.billedUnitsPerMillionEvents() * FirehoseLimits.BILLING_UNIT_BYTES / gib,
                plain.billedUnitsPerMillionEvents() / packed.billedUnitsPerMillionEvents());
        // For comparison only: records filled to 1,000 KiB without the 500-line deaggregation cap.
        long linesPerFullRecord = FirehoseLimits.MAX_RECORD_BYTES / (eventBytes + 1);
        double uncapped = (double) MILLION / linesPerFullRecord
                * FirehoseLimits.billedUnits(linesPerFullRecord * (eventBytes + 1));
        System.out.printf(Locale.ROOT, "arithmetic, not measured: 1,000 KiB records without the 500-line cap would hold "
                + "%,d lines and bill %,.0f units per million events%n", linesPerFullRecord, uncapped);
    }

    private static Result run(boolean pack, int events, JsonSchema schema, String message) throws Exception {
        try (LocalAwsEndpoint endpoint = LocalAwsEndpoint.start()) {
            endpoint.firehose().createDeliveryStream(STREAM);
            AwsSettings aws = LocalAws.settings(endpoint).requestTimeout(Duration.ofSeconds(30)).build();
            FirehoseDestination destination = new FirehoseDestination(STREAM, pack, FirehoseLimits.MAX_RECORD_BYTES, aws);
            ShipperConfig config = ShipperConfig.builder().name("firehose-bench-" + pack).bufferSize(16_384)
                    .overflowPolicy(OverflowPolicy.BLOCK).blockTimeout(Duration.ofMinutes(1))
                    .maxBatchDelay(Duration.ofSeconds(1)).jmx(false).build();
            Shipper<Event> shipper = Shipper.builder(new TypicalEvents.Encoder(), destination).config(config)
                    .logTypes(LogTypes.defaults()).schema(schema).fallback(new SilentFallback()).start();
            long now = System.currentTimeMillis();
            for (int i = 0; i < events; i++) {
                shipper.publish(Event.info(now, message), false);
            }
            if (!shipper.flush(Duration.ofMinutes(5))) {
                throw new IllegalStateException("flush timed out");
            }
            shipper.stop(Duration.ofSeconds(10));
            if (shipper.stats().getDelivered() != events || !endpoint.violations().isEmpty()) {
                throw new IllegalStateException("delivered " + shipper.stats().getDelivered() + " of " + events
                        + "; violations: " + endpoint.violations());
            }

            List<byte[]> records = endpoint.firehose().records(STREAM);
            long bytes = 0;
            long units = 0;
            long lines = 0;
            for (byte[] record : records) {
                bytes += record.length;
                units += FirehoseLimits.billedUnits(record.length);
                for (byte b : record) {
                    if (b == '\n') {
                        lines++;
                    }
                }
            }
            if (lines != events) {
                throw new IllegalStateException(lines + " lines stored for " + events + " events");
            }
            long calls = endpoint.requests().count(AwsOperation.FIREHOSE_PUT_RECORD_BATCH);
            return new Result(pack, events, calls, records.size(), bytes, units);
        }
    }
}

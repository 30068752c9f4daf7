package io.logbeam.benchmarks.kinesis;

import io.logbeam.benchmarks.support.LocalAws;
import io.logbeam.benchmarks.support.ServiceLogLines;
import io.logbeam.benchmarks.support.TypicalEvents.Event;
import io.logbeam.benchmarks.support.TypicalEvents;
import io.logbeam.core.aws.AwsSettings;
import io.logbeam.core.destination.BatchEntry;
import io.logbeam.core.destination.BatchSink;
import io.logbeam.core.destination.Batcher;
import io.logbeam.core.event.EncodedEvent;
import io.logbeam.core.event.EventSerializer;
import io.logbeam.core.event.JsonSchema;
import io.logbeam.core.kinesis.KinesisDestination;
import io.logbeam.core.kinesis.KinesisLimits;

import java.util.List;
import java.util.Locale;

/**
 * Figures for the Kinesis destination's packing modes on typical JSON log events of about 200 bytes:
 * events per PutRecords call, records per call, bytes per record, wire bytes per event, and what that
 * allows on one shard (1,000 records/s and 1 MiB/s, partition keys included), compared with one event
 * per record. The events go through the real serializer (schema, UUID {@code log_id}, ISO time) and the
 * destination's real batcher (limits, KPL aggregation, gzip); nothing is sent, so the figures depend on
 * the packing only. Also prints the consumer-thread cost per event of each mode.
 *
 * <pre>
 * mvn -B -q -pl benchmarks -am package -DskipTests
 * java -cp benchmarks/target/benchmarks.jar io.logbeam.benchmarks.kinesis.KinesisPackingHarness [events [levels]]
 * </pre>
 *
 * {@code levels}: comma-separated gzip {@code compressionLevel}s, each gzip mode runs once per level
 * (default {@code 6}, the appender's default), e.g. {@code 500000 1,6}.
 */
public final class KinesisPackingHarness {

    /** Accumulates what the batcher emits, without keeping the records. */
    private static final class Counting implements BatchSink {
        long requests;
        long records;
        long events;
        long recordBytes;
        long rejected;
        boolean counting = true;
        long fullRequests;
        long eventsInFullRequests;

        @Override
        public void emit(List<BatchEntry> entries) {
            requests++;
            long inRequest = 0;
            for (BatchEntry entry : entries) {
                records++;
                recordBytes += entry.bytes();
                inRequest += entry.events().size();
            }
            events += inRequest;
            if (counting) { // requests emitted because they were full, not by the final drain
                fullRequests++;
                eventsInFullRequests += inRequest;
            }
        }

        @Override
        public void reject(EncodedEvent event, String reason) {
            rejected++;
        }
    }

    private record Mode(String name, boolean aggregation, String compression, int level) {
    }

    private KinesisPackingHarness() {
    }

    public static void main(String[] args) {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 500_000;
        int[] levels = args.length > 1 ? java.util.Arrays.stream(args[1].split(",")).map(String::trim)
                .mapToInt(Integer::parseInt).toArray() : new int[] {6};
        AwsSettings aws = LocalAws.offline();
        // About 200 bytes per event: the schema's own fields (log_type, a UUID log_id, ISO time), level,
        // logger, thread and a short message; no host field.
        JsonSchema schema = JsonSchema.builder().includeHost(false).lambdaInfo(null).build();
        List<Mode> modes = new java.util.ArrayList<>();
        modes.add(new Mode("plain", false, "none", 6));
        for (int level : levels) {
            modes.add(new Mode(levels.length > 1 ? "gzip/" + level : "gzip", false, "gzip", level));
        }
        modes.add(new Mode("aggregated", true, "none", 6));
        for (int level : levels) {
            modes.add(new Mode(levels.length > 1 ? "aggregated+gzip/" + level : "aggregated+gzip", true, "gzip",
                    level));
        }

        System.out.printf(Locale.ROOT, "Kinesis packing, %,d events, random partition keys, default limits "
                + "(500 records, 5 MiB per call; 1 MiB per record)%n", events);
        double baseline = 0;
        String header = String.format(Locale.ROOT, "%-18s %9s %12s %9s %12s %11s %11s %14s %7s %10s", "mode",
                "event B", "events/call", "rec/call", "events/rec", "B/record", "wire B/ev", "shard events/s",
                "gain", "ns/event");
        System.out.println(header);
        for (Mode mode : modes) {
            KinesisDestination destination = KinesisDestination.builder().aws(aws).streamName("bench")
                    .aggregation(mode.aggregation()).compression(mode.compression()).compressionLevel(mode.level())
                    .build();
            // Warm up (JIT), then measure on fresh batcher and serializer.
            run(destination, schema, Math.min(events, 200_000));
            Result r = run(destination, schema, events);
            Counting c = r.sink;
            double eventsPerRecord = (double) c.events / c.records;
            double wireBytesPerEvent = (double) c.recordBytes / c.events;
            double shardEvents = Math.min(KinesisLimits.SHARD_RECORDS_PER_SECOND * eventsPerRecord,
                    KinesisLimits.SHARD_BYTES_PER_SECOND / wireBytesPerEvent);
            if (baseline == 0) {
                baseline = shardEvents;
            }
            double eventsPerCall = c.fullRequests > 0 ? (double) c.eventsInFullRequests / c.fullRequests
                    : (double) c.events / c.requests;
            double recordsPerCall = (double) c.records / c.requests;
            System.out.printf(Locale.ROOT, "%-18s %9.1f %12.0f %9.1f %12.1f %11.0f %11.1f %14.0f %6.1fx %10.0f%n",
                    mode.name(), r.jsonBytesPerEvent, eventsPerCall, recordsPerCall, eventsPerRecord,
                    (double) c.recordBytes / c.records, wireBytesPerEvent, shardEvents, shardEvents / baseline,
                    r.batchNanosPerEvent);
            if (c.rejected > 0 || c.events != events) {
                throw new IllegalStateException(mode.name() + ": " + c.rejected + " rejected, " + c.events + " of "
                        + events + " packed");
            }
        }
        System.out.println();
        System.out.println("events/call: average over calls closed because full (500 records or 5 MiB)");
        System.out.println("shard events/s = min(1,000 records/s x events/record, 1 MiB/s / wire bytes per event);"
                + " gain: versus plain (one event per record)");
        System.out.println("ns/event: consumer-thread time in the batcher (aggregation, gzip, request building),"
                + " serialization excluded");
        if (levels.length > 1) {
            System.out.println("/N: gzip compressionLevel N");
        }
    }

    private record Result(Counting sink, double jsonBytesPerEvent, double batchNanosPerEvent) {
    }

    private static Result run(KinesisDestination destination, JsonSchema schema, int events) {
        EventSerializer<Event> serializer = new EventSerializer<>(schema, new TypicalEvents.Encoder(),
                destination.maxEventBytes(), Integer.MAX_VALUE);
        Batcher batcher = destination.newBatcher();
        ServiceLogLines source = new ServiceLogLines();
        Counting sink = new Counting();
        long jsonBytes = 0;
        long batchNanos = 0;
        for (int i = 0; i < events; i++) {
            String key = destination.partitionKeys().keyFor("app", TypicalEvents.NO_LOOKUP);
            EncodedEvent encoded = serializer.serialize(source.next(), "app", key, null);
            jsonBytes += encoded.size();
            long start = System.nanoTime();
            batcher.add(encoded, sink);
            batchNanos += System.nanoTime() - start;
        }
        sink.counting = false;
        long start = System.nanoTime();
        batcher.drain(sink);
        batchNanos += System.nanoTime() - start;
        return new Result(sink, (double) jsonBytes / events, (double) batchNanos / events);
    }
}

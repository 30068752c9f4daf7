package io.logbeam.benchmarks.kinesis;

import io.logbeam.benchmarks.support.LocalAws;
import io.logbeam.benchmarks.support.ServiceLogLines;
import io.logbeam.benchmarks.support.TypicalEvents;
import io.logbeam.benchmarks.support.TypicalEvents.Event;
import io.logbeam.core.aws.AwsSettings;
import io.logbeam.core.destination.BatchEntry;
import io.logbeam.core.destination.BatchSink;
import io.logbeam.core.destination.Batcher;
import io.logbeam.core.destination.EventLookup;
import io.logbeam.core.event.EncodedEvent;
import io.logbeam.core.event.EventAdapter;
import io.logbeam.core.event.EventSerializer;
import io.logbeam.core.event.FieldWriter;
import io.logbeam.core.event.JsonSchema;
import io.logbeam.core.event.LogIdFormat;
import io.logbeam.core.event.LogIdGenerator;
import io.logbeam.core.kinesis.KinesisDestination;
import io.logbeam.core.kinesis.KinesisEntry;
import io.logbeam.core.kinesis.KinesisLimits;
import io.logbeam.testkit.FakeKinesis;
import io.logbeam.testkit.LocalAwsEndpoint;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;

import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * Figures for the Kinesis destination's packing modes on typical JSON log events of about 200 bytes:
 * events per PutRecords call, records per call, bytes per record, wire bytes per event, and what that
 * allows on one shard (1,000 records/s and 1 MiB/s, partition keys included), compared with one event
 * per record. The events go through the real serializer (schema, {@code log_id}, ISO time) and the
 * destination's real batcher (limits, KPL aggregation, gzip); nothing is sent, so the figures depend on
 * the packing only. Also prints the consumer-thread cost per event: serializing (which makes the
 * {@code log_id}) and batching.
 *
 * <pre>
 * mvn -B -q -pl benchmarks -am package -DskipTests
 * java -cp benchmarks/target/benchmarks.jar io.logbeam.benchmarks.kinesis.KinesisPackingHarness \
 *     [events [levels [idFormats [rounds]]]]
 * java -cp benchmarks/target/benchmarks.jar io.logbeam.benchmarks.kinesis.KinesisPackingHarness keyed \
 *     [events [tenants [shards [rounds]]]]
 * java -cp benchmarks/target/benchmarks.jar io.logbeam.benchmarks.kinesis.KinesisPackingHarness ids [ids [rounds]]
 * </pre>
 *
 * {@code levels}: comma-separated gzip {@code compressionLevel}s, each gzip mode runs once per level
 * (default {@code 6}, the appender's default), e.g. {@code 500000 1,6}. {@code idFormats}: comma-separated
 * {@code logIdFormat}s (default {@code uuid7}); with several, every mode runs once per format, in alternating
 * order over {@code rounds} rounds (default 1), so that the figures of one format sit next to the other's.
 *
 * <p>{@code keyed}: events that carry an MDC {@code tenant} (one of {@code tenants}, default 1,000, drawn
 * uniformly), aggregated and gzip'd, with {@code partitionKey=random} and with {@code partitionKey={mdc:tenant}}
 * (aggregated by shard, and with {@code aggregateByShard=false}: one aggregate per key), on a stream of
 * {@code shards} even shards (default 4) of the testkit's in-process endpoint, from which the destination lists
 * the shards before the run (nothing else is sent). Two figures of events per shard-second: with an even share per
 * shard (as for the typical events), and with the busiest shard at its limit, each record counted on the shard its
 * explicit hash key, else its partition key, maps to (which also shows how evenly the keys spread).
 *
 * <p>{@code ids}: nanoseconds per {@code log_id} of each format's generator alone, {@code ids} ids (default
 * 10,000,000) per format and round (default 5), the formats alternating.
 */
public final class KinesisPackingHarness {

    /** Accumulates what the batcher emits, without keeping the records. */
    private static final class Counting implements BatchSink {
        final BigInteger[] shardStarts; // null: count everything as one shard
        final long[] shardRecords;
        final long[] shardBytes;
        final long[] shardEvents;
        long requests;
        long records;
        long events;
        long recordBytes;
        long rejected;
        boolean counting = true;
        long fullRequests;
        long eventsInFullRequests;

        Counting(int shards) {
            shardStarts = new BigInteger[shards];
            BigInteger width = BigInteger.ONE.shiftLeft(128).divide(BigInteger.valueOf(shards));
            for (int i = 0; i < shards; i++) {
                shardStarts[i] = width.multiply(BigInteger.valueOf(i));
            }
            shardRecords = new long[shards];
            shardBytes = new long[shards];
            shardEvents = new long[shards];
        }

        @Override
        public void emit(List<BatchEntry> entries) {
            requests++;
            long inRequest = 0;
            for (BatchEntry entry : entries) {
                records++;
                recordBytes += entry.bytes();
                inRequest += entry.events().size();
                int shard = shardOf(entry.<KinesisEntry>wire().request());
                shardRecords[shard]++;
                shardBytes[shard] += entry.bytes();
                shardEvents[shard] += entry.events().size();
            }
            events += inRequest;
            if (counting) { // requests emitted because they were full, not by the final drain
                fullRequests++;
                eventsInFullRequests += inRequest;
            }
        }

        private int shardOf(PutRecordsRequestEntry record) {
            if (shardStarts.length == 1) {
                return 0;
            }
            BigInteger hash = record.explicitHashKey() != null ? new BigInteger(record.explicitHashKey())
                    : FakeKinesis.hashKeyOf(record.partitionKey());
            int shard = 0;
            while (shard + 1 < shardStarts.length && hash.compareTo(shardStarts[shard + 1]) >= 0) {
                shard++;
            }
            return shard;
        }

        /** Events per second per shard when every shard takes an even share: bound by records or bytes. */
        double eventsPerShardSecondEven() {
            return Math.min(KinesisLimits.SHARD_RECORDS_PER_SECOND * (double) events / records,
                    KinesisLimits.SHARD_BYTES_PER_SECOND / ((double) recordBytes / events));
        }

        /** Events per second per shard when the busiest shard writes at its limit. */
        double eventsPerShardSecond() {
            double seconds = 0;
            for (int i = 0; i < shardStarts.length; i++) {
                seconds = Math.max(seconds, Math.max((double) shardRecords[i] / KinesisLimits.SHARD_RECORDS_PER_SECOND,
                        (double) shardBytes[i] / KinesisLimits.SHARD_BYTES_PER_SECOND));
            }
            return events / seconds / shardStarts.length;
        }

        @Override
        public void reject(EncodedEvent event, String reason) {
            rejected++;
        }
    }

    private record Mode(String name, boolean aggregation, String compression, int level) {
    }

    private record Result(Counting sink, double jsonBytesPerEvent, double serializeNanosPerEvent,
            double batchNanosPerEvent) {
    }

    /** A typical event with the MDC {@code tenant} it was logged with. */
    private record TenantEvent(Event event, String tenant) {
    }

    private KinesisPackingHarness() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("keyed")) {
            keyed(Arrays.copyOfRange(args, 1, args.length));
        } else if (args.length > 0 && args[0].equals("ids")) {
            ids(Arrays.copyOfRange(args, 1, args.length));
        } else {
            typical(args);
        }
    }

    // ---------------------------------------------------------------- typical events, random keys

    private static void typical(String[] args) {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 500_000;
        int[] levels = ints(args.length > 1 ? args[1] : "6");
        List<LogIdFormat> formats = formats(args.length > 2 ? args[2] : "uuid7");
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 1;
        AwsSettings aws = LocalAws.offline();
        List<Mode> modes = new ArrayList<>();
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
                + "(500 records, 5 MiB per call; 1 MiB per record); logIdFormat %s%n", events, formats);
        String header = String.format(Locale.ROOT, "%-22s %9s %12s %9s %12s %11s %11s %14s %7s %9s %9s", "mode",
                "event B", "events/call", "rec/call", "events/rec", "B/record", "wire B/ev", "shard events/s",
                "gain", "ser ns/ev", "bat ns/ev");
        for (int round = 0; round < rounds; round++) {
            if (rounds > 1) {
                System.out.printf(Locale.ROOT, "%nround %d%n", round + 1);
            }
            System.out.println(header);
            for (Mode mode : modes) {
                for (int f = 0; f < formats.size(); f++) {
                    // Alternate which format goes first from one round to the next: drift does not favour one.
                    LogIdFormat format = formats.get(round % 2 == 0 ? f : formats.size() - 1 - f);
                    typicalMode(aws, mode, format, formats.size() > 1, events);
                }
            }
        }
        System.out.println();
        System.out.println("events/call: average over calls closed because full (500 records or 5 MiB)");
        System.out.println("shard events/s = min(1,000 records/s x events/record, 1 MiB/s / wire bytes per event);"
                + " gain: versus one event per record (1,000 events/s)");
        System.out.println("ser ns/ev: consumer-thread time serializing (log_id included); bat ns/ev: in the batcher"
                + " (aggregation, gzip, request building)");
        if (levels.length > 1) {
            System.out.println("/N: gzip compressionLevel N");
        }
    }

    private static void typicalMode(AwsSettings aws, Mode mode, LogIdFormat format, boolean label, int events) {
        KinesisDestination destination = KinesisDestination.builder().aws(aws).streamName("bench")
                .aggregation(mode.aggregation()).compression(mode.compression()).compressionLevel(mode.level())
                .build();
        JsonSchema schema = schema(format);
        // Warm up (JIT), then measure on fresh batcher and serializer.
        run(destination, schema, Math.min(events, 200_000), 1, 0);
        Result r = run(destination, schema, events, 1, 0);
        Counting c = r.sink();
        check(mode.name(), c, events);
        double eventsPerRecord = (double) c.events / c.records;
        double wireBytesPerEvent = (double) c.recordBytes / c.events;
        double shardEvents = Math.min(KinesisLimits.SHARD_RECORDS_PER_SECOND * eventsPerRecord,
                KinesisLimits.SHARD_BYTES_PER_SECOND / wireBytesPerEvent);
        double eventsPerCall = c.fullRequests > 0 ? (double) c.eventsInFullRequests / c.fullRequests
                : (double) c.events / c.requests;
        double recordsPerCall = (double) c.records / c.requests;
        String name = label ? mode.name() + " " + format.text() : mode.name();
        System.out.printf(Locale.ROOT, "%-22s %9.1f %12.0f %9.1f %12.1f %11.0f %11.1f %14.0f %6.1fx %9.0f %9.0f%n",
                name, r.jsonBytesPerEvent(), eventsPerCall, recordsPerCall, eventsPerRecord,
                (double) c.recordBytes / c.records, wireBytesPerEvent, shardEvents,
                shardEvents / KinesisLimits.SHARD_RECORDS_PER_SECOND, r.serializeNanosPerEvent(),
                r.batchNanosPerEvent());
    }

    // ---------------------------------------------------------------- keyed by tenant

    /** A keyed mode: the partition key strategy, and whether keyed events are aggregated by shard. */
    private record Keyed(String name, String partitionKey, boolean byShard) {
    }

    private static void keyed(String[] args) {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 500_000;
        int tenants = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        int shards = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 1;
        System.out.printf(Locale.ROOT, "Kinesis keyed packing, %,d events with MDC tenant (%,d tenants, uniform), "
                + "aggregation + gzip 6, %d shards%n", events, tenants, shards);
        System.out.printf(Locale.ROOT, "%-22s %9s %12s %11s %11s %12s %14s %9s %9s%n", "partitionKey", "event B",
                "events/rec", "B/record", "wire B/ev", "shard ev/s", "busiest ev/s", "ser ns/ev", "bat ns/ev");
        // The AWS SDK logs through SLF4J, here to Logback's default console at DEBUG: keep the table readable.
        ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)
                .setLevel(Level.WARN);
        List<Keyed> modes = List.of(new Keyed("random", "random", false),
                new Keyed("{mdc:tenant} by shard", "{mdc:tenant}", true),
                new Keyed("{mdc:tenant} per key", "{mdc:tenant}", false));
        try (LocalAwsEndpoint endpoint = LocalAwsEndpoint.start()) {
            endpoint.kinesis().createStream("bench", shards);
            AwsSettings aws = LocalAws.settings(endpoint).build();
            for (int round = 0; round < rounds; round++) {
                double[] figure = new double[modes.size()];
                double[] busiest = new double[modes.size()];
                for (int k = 0; k < modes.size(); k++) {
                    int i = round % 2 == 0 ? k : modes.size() - 1 - k;
                    Keyed mode = modes.get(i);
                    KinesisDestination destination = KinesisDestination.builder().aws(aws).streamName("bench")
                            .aggregation(true).compression("gzip").partitionKey(mode.partitionKey())
                            .aggregateByShard(mode.byShard()).build();
                    try {
                        if (mode.byShard()) {
                            destination.open(); // lists the shards, in the background
                            awaitShards(destination, shards);
                        }
                        JsonSchema schema = schema(LogIdFormat.UUID7);
                        run(destination, schema, Math.min(events, 200_000), shards, tenants);
                        Result r = run(destination, schema, events, shards, tenants);
                        Counting c = r.sink();
                        check(mode.name(), c, events);
                        figure[i] = c.eventsPerShardSecondEven();
                        busiest[i] = c.eventsPerShardSecond();
                        System.out.printf(Locale.ROOT, "%-22s %9.1f %12.1f %11.0f %11.1f %12.0f %14.0f %9.0f %9.0f%n",
                                mode.name(), r.jsonBytesPerEvent(), (double) c.events / c.records,
                                (double) c.recordBytes / c.records, (double) c.recordBytes / c.events, figure[i],
                                busiest[i], r.serializeNanosPerEvent(), r.batchNanosPerEvent());
                    } finally {
                        destination.close();
                    }
                }
                System.out.printf(Locale.ROOT, "round %d: by shard / random = %.1f %% (busiest shard: %.1f %%), per key / "
                        + "random = %.1f %%%n", round + 1, 100 * figure[1] / figure[0], 100 * busiest[1] / busiest[0],
                        100 * figure[2] / figure[0]);
            }
        }
        System.out.println();
        System.out.println("shard ev/s = min(1,000 records/s x events/record, 1 MiB/s / wire bytes per event), as in the"
                + " table of typical events: every shard taking an even share");
        System.out.println("busiest ev/s: events per second per shard with the busiest shard at its limit, each record"
                + " counted on the shard its explicit hash key or partition key maps to");
    }

    private static void awaitShards(KinesisDestination destination, int shards) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (destination.knownShards() != shards) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the destination did not list the stream's shards");
            }
            LockSupport.parkNanos(1_000_000); // polls: the listing runs on the destination's own thread
        }
    }

    // ---------------------------------------------------------------- log_id generators alone

    private static void ids(String[] args) {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 10_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        LogIdFormat[] formats = LogIdFormat.values();
        System.out.printf(Locale.ROOT, "log_id generators, %,d ids per format and round, ns per id%n", count);
        long checksum = 0;
        for (int round = 0; round < rounds; round++) {
            StringBuilder line = new StringBuilder("round " + (round + 1) + ":");
            for (int f = 0; f < formats.length; f++) {
                LogIdFormat format = formats[round % 2 == 0 ? f : formats.length - 1 - f];
                LogIdGenerator ids = format.newGenerator();
                long start = System.nanoTime();
                for (int i = 0; i < count; i++) {
                    checksum += ids.next()[35]; // a use of each id, so that none is optimised away
                }
                line.append(String.format(Locale.ROOT, "  %s %.1f", format.text(),
                        (double) (System.nanoTime() - start) / count));
            }
            System.out.println(line);
        }
        System.out.println("(checksum " + checksum + ")");
    }

    // ---------------------------------------------------------------- shared

    /**
     * Serializes and batches {@code events} events. With {@code tenants > 0} each event carries an MDC tenant, drawn
     * uniformly from that many, which a keyed strategy reads.
     */
    private static Result run(KinesisDestination destination, JsonSchema schema, int events, int shards,
            int tenants) {
        EventSerializer<TenantEvent> serializer = new EventSerializer<>(schema, new TenantEncoder(),
                destination.maxEventBytes(), Integer.MAX_VALUE);
        Batcher batcher = destination.newBatcher();
        ServiceLogLines source = new ServiceLogLines();
        SplittableRandom pick = new SplittableRandom(19);
        String[] names = new String[Math.max(tenants, 1)];
        for (int i = 0; i < names.length; i++) {
            names[i] = String.format(Locale.ROOT, "tenant-%04d", i);
        }
        Counting sink = new Counting(shards);
        long jsonBytes = 0;
        long serializeNanos = 0;
        long batchNanos = 0;
        for (int i = 0; i < events; i++) {
            TenantEvent event = new TenantEvent(source.next(), tenants > 0 ? names[pick.nextInt(tenants)] : null);
            String key = destination.partitionKeys().keyFor("app", lookup(event.tenant()));
            long start = System.nanoTime();
            EncodedEvent encoded = serializer.serialize(event, "app", key, null);
            long serialized = System.nanoTime();
            batcher.add(encoded, sink);
            batchNanos += System.nanoTime() - serialized;
            serializeNanos += serialized - start;
            jsonBytes += encoded.size();
        }
        sink.counting = false;
        long start = System.nanoTime();
        batcher.drain(sink);
        batchNanos += System.nanoTime() - start;
        return new Result(sink, (double) jsonBytes / events, (double) serializeNanos / events,
                (double) batchNanos / events);
    }

    /** About 200 bytes per event: log_type, log_id, ISO time, level, logger, thread and a short message. */
    private static JsonSchema schema(LogIdFormat format) {
        return JsonSchema.builder().includeHost(false).lambdaInfo(null).logIdFormat(format).build();
    }

    private static void check(String mode, Counting c, int events) {
        if (c.rejected > 0 || c.events != events) {
            throw new IllegalStateException(mode + ": " + c.rejected + " rejected, " + c.events + " of " + events
                    + " packed");
        }
    }

    private static EventLookup lookup(String tenant) {
        return tenant == null ? TypicalEvents.NO_LOOKUP : new EventLookup() {
            @Override
            public String mdc(String key) {
                return key.equals("tenant") ? tenant : null;
            }

            @Override
            public Object keyValue(String key) {
                return null;
            }
        };
    }

    /** {@link TypicalEvents.Encoder}'s fields, plus the MDC tenant when there is one. */
    private static final class TenantEncoder implements EventAdapter<TenantEvent> {
        private final TypicalEvents.Encoder typical = new TypicalEvents.Encoder();

        @Override
        public long timeMillis(TenantEvent event) {
            return typical.timeMillis(event.event());
        }

        @Override
        public String loggerName(TenantEvent event) {
            return typical.loggerName(event.event());
        }

        @Override
        public String mdcValue(TenantEvent event, String key) {
            return key.equals("tenant") ? event.tenant() : null;
        }

        @Override
        public Object keyValue(TenantEvent event, String key) {
            return null;
        }

        @Override
        public void writeFields(TenantEvent event, FieldWriter out) throws IOException {
            typical.writeFields(event.event(), out);
            if (event.tenant() != null) {
                out.mdc("tenant", event.tenant());
            }
        }
    }

    private static int[] ints(String list) {
        return Arrays.stream(list.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
    }

    private static List<LogIdFormat> formats(String list) {
        return Arrays.stream(list.split(",")).map(s -> LogIdFormat.parse("idFormats", s)).toList();
    }
}

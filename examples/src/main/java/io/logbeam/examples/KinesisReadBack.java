package io.logbeam.examples;

import io.logbeam.consumer.DecodeFailure;
import io.logbeam.consumer.EventKeys;
import io.logbeam.consumer.EventSink;
import io.logbeam.consumer.LogEvent;
import io.logbeam.consumer.RecordDecoder;

import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

import java.io.PrintStream;
import java.time.Instant;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The demo's last part: reads the Kinesis stream back as a consumer would (GetRecords from when the demo started)
 * and decodes the records with logbeam-consumer's {@link RecordDecoder}: gunzip, KPL de-aggregation with the MD5
 * check, one JSON event each. Prints the events per {@code log_type} and checks that each event logged in part 1
 * came back exactly once.
 */
final class KinesisReadBack {

    private KinesisReadBack() {
    }

    /** Reads and reports; true when exactly {@code expected} distinct demo events came back and nothing was bad. */
    static boolean run(DemoTarget target, Instant since, int expected, PrintStream out) {
        out.println("Part 3: the Kinesis stream read back with logbeam-consumer (GetRecords, gunzip, KPL"
                + " de-aggregation), as a consumer Lambda or the logbeam tail command reads it.");
        Map<String, Integer> byType = new TreeMap<>();
        Set<String> ids = new HashSet<>();
        int[] counts = new int[3]; // records, events, undecodable
        RecordDecoder decoder = new RecordDecoder(EventKeys.defaults().withField("service"));
        EventSink sink = new EventSink() {
            @Override
            public void event(LogEvent event) {
                String service = event.field(0);
                if (!DemoLogging.LOGBACK_SERVICE.equals(service) && !DemoLogging.LOG4J2_SERVICE.equals(service)) {
                    return; // another producer's event on a shared stream
                }
                counts[1]++;
                ids.add(event.logId());
                byType.merge(String.valueOf(event.logType()), 1, Integer::sum);
            }

            @Override
            public void failure(DecodeFailure failure) {
                counts[2]++;
                out.println("  undecodable: " + failure);
            }
        };
        try (KinesisClient kinesis = target.configure(KinesisClient.builder()).build()) {
            for (Shard shard : kinesis.listShards(r -> r.streamName(target.kinesisStream)).shards()) {
                String iterator = kinesis.getShardIterator(r -> r.streamName(target.kinesisStream)
                        .shardId(shard.shardId()).shardIteratorType(ShardIteratorType.AT_TIMESTAMP).timestamp(since))
                        .shardIterator();
                while (iterator != null) {
                    String current = iterator;
                    GetRecordsResponse page = kinesis.getRecords(r -> r.shardIterator(current).limit(1000));
                    for (Record record : page.records()) {
                        counts[0]++;
                        decoder.decode(record.data().asByteArrayUnsafe(), sink);
                    }
                    boolean caughtUp = page.records().isEmpty()
                            && (page.millisBehindLatest() == null || page.millisBehindLatest() == 0);
                    iterator = caughtUp ? null : page.nextShardIterator();
                }
            }
        } catch (RuntimeException e) {
            out.println("  could not read the stream back: " + e.getMessage());
            return false;
        }
        boolean exact = counts[1] == expected && ids.size() == expected && counts[2] == 0;
        out.printf(Locale.ROOT, "  %,d records held %,d events (%,d distinct log_id, %,d undecodable), by log_type:"
                + " %s -> %s%n", counts[0], counts[1], ids.size(), counts[2], byType,
                exact ? "each of the " + expected + " events logged came back once"
                        : "MISMATCH: expected " + expected + " events, each once");
        return exact;
    }
}

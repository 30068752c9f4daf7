package io.logbeam.consumer.cli;

import io.logbeam.consumer.RecordDecoder;

import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * Reads every shard of a stream with GetRecords, round robin, and prints what the records hold. Without
 * {@code follow} it stops when every shard has been read up to its newest record.
 */
final class KinesisTail {

    /** GetRecords allows 5 calls per second per shard; an idle stream is polled once a second. */
    private static final Duration IDLE_POLL = Duration.ofSeconds(1);

    private final KinesisClient kinesis;
    private final TailOptions options;
    private final EventPrinter printer;
    private final RecordDecoder decoder = new RecordDecoder();

    KinesisTail(KinesisClient kinesis, TailOptions options, EventPrinter printer) {
        this.kinesis = kinesis;
        this.options = options;
        this.printer = printer;
    }

    void run() {
        Map<String, String> iterators = new LinkedHashMap<>();
        for (Shard shard : shards()) {
            iterators.put(shard.shardId(), iterator(shard.shardId()));
        }
        while (!iterators.isEmpty() && !printer.done()) {
            boolean anyBehind = false;
            boolean anyRecords = false;
            for (Map.Entry<String, String> shard : new ArrayList<>(iterators.entrySet())) {
                GetRecordsResponse response = kinesis.getRecords(r -> r.shardIterator(shard.getValue()).limit(1000));
                for (Record record : response.records()) {
                    decoder.decode(record.data().asByteArrayUnsafe(), printer);
                    if (printer.done()) {
                        return;
                    }
                }
                anyRecords |= !response.records().isEmpty();
                anyBehind |= response.millisBehindLatest() != null && response.millisBehindLatest() > 0;
                if (response.nextShardIterator() == null) {
                    iterators.remove(shard.getKey()); // closed by a reshard
                } else {
                    shard.setValue(response.nextShardIterator());
                }
            }
            if (!anyRecords && !anyBehind) {
                if (!options.follow()) {
                    return;
                }
                LockSupport.parkNanos(IDLE_POLL.toNanos());
            }
        }
    }

    private List<Shard> shards() {
        List<Shard> shards = new ArrayList<>();
        String token = null;
        do {
            String next = token;
            var response = next == null ? kinesis.listShards(r -> r.streamName(options.stream()))
                    : kinesis.listShards(r -> r.nextToken(next));
            shards.addAll(response.shards());
            token = response.nextToken();
        } while (token != null);
        return shards;
    }

    private String iterator(String shardId) {
        if (options.since() != null) {
            return kinesis.getShardIterator(r -> r.streamName(options.stream()).shardId(shardId)
                    .shardIteratorType(ShardIteratorType.AT_TIMESTAMP).timestamp(options.since())).shardIterator();
        }
        ShardIteratorType type = options.follow() ? ShardIteratorType.LATEST : ShardIteratorType.TRIM_HORIZON;
        return kinesis.getShardIterator(r -> r.streamName(options.stream()).shardId(shardId).shardIteratorType(type))
                .shardIterator();
    }
}

package io.logbeam.core.kinesis;

import io.logbeam.core.destination.BatchEntry;
import io.logbeam.core.destination.BatchSink;
import io.logbeam.core.destination.Batcher;
import io.logbeam.core.destination.RequestAccumulator;
import io.logbeam.core.event.EncodedEvent;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Packs events into KPL aggregated records (optionally gzipped), each filled up to
 * {@code aggregationMaxBytes} before compression and never beyond what fits one record with its partition
 * key, then collects the records into PutRecords calls. Consumer thread only.
 *
 * <p>Events without a key (strategy {@code random}, or a keyed strategy whose MDC or key-value is absent) share one
 * open aggregate, which gets a fresh random key each time it is started, so consecutive aggregates spread over the
 * shards. Events with a key go:
 * <ul>
 * <li>with a shard map ({@link StreamShards}, aggregating by shard): to the open aggregate of the shard their key
 * hashes to, keeping their own key for their inner record; the record goes to that shard by an explicit hash key.
 * Many keys then still fill big aggregates, one per shard, and every key keeps its shard and its order.</li>
 * <li>without one: to the open aggregate of their key, whose key is the record's. A few keys
 * ({@code {log_type}}) thus keep filling their own aggregates; many keys ({@code {mdc:requestId}}) get small
 * aggregates.</li>
 * </ul>
 * At most {@value #MAX_OPEN_KEYED} keyed aggregates are open at once (or one per shard, if there are more shards),
 * holding at most the request limit in bytes together; beyond either bound the oldest is closed. When the shard map
 * appears or changes, every open keyed aggregate is closed first, so that each key's events keep their order.
 */
final class AggregatingBatcher implements Batcher {

    /** Open keyed aggregates at most (unless the stream has more shards). */
    static final int MAX_OPEN_KEYED = 16;
    private static final int MAX_SPARE = 2;

    private final RequestAccumulator request;
    private final RecordFactory records;
    private final RandomPartitionKeys randomKeys;
    private final int maxRecordBytes;
    private final int maxOpenBytes;
    private final boolean gzip;
    private final int targetBytes;
    private final int maxKeyBytes;
    private final Supplier<ShardMap> shards;
    private final KeyHasher hasher = new KeyHasher();
    private final MessageDigest md5;
    /** Open keyed aggregates, oldest first, by partition key (a String) or by shard ({@link ShardMap.Shard}). */
    private final LinkedHashMap<Object, KplAggregate> keyed = new LinkedHashMap<>();
    private final ArrayDeque<KplAggregate> spare = new ArrayDeque<>();
    private KplAggregate unkeyed;
    private ShardMap map; // the map the open shard aggregates were made for; null: aggregates per key
    private long openBytes;
    private int cachedKeyBytes = -1;
    private int cachedRawLimit;

    /**
     * @param targetBytes an aggregate (magic, protobuf, MD5; before compression) is closed when the next
     *                    event would take it past this; a single larger event still gets one of its own
     * @param maxKeyBytes the longest key (UTF-8) the partition key strategy makes: a shard's aggregate leaves room
     *                    for it, so that its events still fit should they have to be sent again per key
     * @param shards      the stream's current shard map (null while unknown: per key), or null to aggregate per
     *                    key only
     */
    AggregatingBatcher(int maxRecordBytes, int maxRequestBytes, int targetBytes, boolean gzip, RecordFactory records,
            RandomPartitionKeys randomKeys, int maxKeyBytes, Supplier<ShardMap> shards) {
        this.request = new RequestAccumulator(KinesisLimits.MAX_RECORDS_PER_REQUEST, maxRequestBytes);
        this.records = records;
        this.randomKeys = randomKeys;
        this.maxRecordBytes = maxRecordBytes;
        this.maxOpenBytes = maxRequestBytes;
        this.gzip = gzip;
        this.targetBytes = targetBytes;
        this.maxKeyBytes = maxKeyBytes;
        this.shards = shards;
        try {
            this.md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide MD5", e);
        }
    }

    @Override
    public void add(EncodedEvent event, BatchSink sink) {
        String key = PartitionKeys.usable(event.partitionKey()); // already cut by the strategy; a safety net
        if (key == null) {
            addTo(null, null, event, sink);
            return;
        }
        ShardMap current = shards == null ? null : shards.get();
        if (current != map) {
            closeKeyed(sink); // what was aggregated before goes out before anything new of the same keys
            map = current;
        }
        if (map == null) {
            addTo(key, null, event, sink);
        } else {
            hasher.hash(key);
            addTo(map.shardOf(hasher.high, hasher.low), key, event, sink);
        }
    }

    @Override
    public void drain(BatchSink sink) {
        if (unkeyed != null) {
            close(null, unkeyed, sink);
        }
        closeKeyed(sink);
        request.emit(sink);
    }

    @Override
    public boolean isEmpty() {
        return unkeyed == null && keyed.isEmpty() && request.isEmpty();
    }

    /**
     * Adds {@code event} to the open aggregate of {@code slot}: null for events without a key, a partition key, or
     * a shard; {@code key} is the event's own key for a shard's aggregate, null otherwise.
     */
    private void addTo(Object slot, String key, EncodedEvent event, BatchSink sink) {
        KplAggregate aggregate = slot == null ? unkeyed : keyed.get(slot);
        if (aggregate != null && aggregate.finishedSizeWith(event, key) > fillLimit(aggregate)) {
            close(slot, aggregate, sink);
            aggregate = null;
        }
        if (aggregate == null) {
            aggregate = open(slot);
            if (aggregate.finishedSizeWith(event, key) > rawLimit(keyRoom(aggregate))) {
                release(aggregate);
                sink.reject(event, "event of " + event.size() + " bytes does not fit one Kinesis record of "
                        + maxRecordBytes + " bytes");
                return;
            }
            if (slot == null) {
                unkeyed = aggregate;
            } else {
                keyed.put(slot, aggregate);
                openBytes += aggregate.finishedSize();
            }
        }
        int before = aggregate.finishedSize();
        aggregate.add(event, key);
        if (slot != null) {
            openBytes += aggregate.finishedSize() - before;
            closeOldestWhileOverBounds(sink);
        }
    }

    /**
     * Key bytes the record of {@code aggregate} must leave room for: its own key; for a shard's aggregate (whose
     * own key is short and random) the longest key an event may have, for a resend per key.
     */
    private int keyRoom(KplAggregate aggregate) {
        return aggregate.shard() == null ? aggregate.partitionKeyBytes()
                : Math.max(aggregate.partitionKeyBytes(), maxKeyBytes);
    }

    /** Largest aggregate (before compression) for a key of {@code keyBytes}: what fits one record. */
    private int rawLimit(int keyBytes) {
        if (keyBytes != cachedKeyBytes) {
            cachedRawLimit = KinesisLimits.largestRawData(maxRecordBytes, keyBytes, gzip);
            cachedKeyBytes = keyBytes;
        }
        return cachedRawLimit;
    }

    /** Size up to which an aggregate that already holds events is filled. */
    private int fillLimit(KplAggregate aggregate) {
        return Math.min(targetBytes, rawLimit(keyRoom(aggregate)));
    }

    private KplAggregate open(Object slot) {
        KplAggregate aggregate = spare.isEmpty() ? new KplAggregate() : spare.pop();
        if (slot instanceof ShardMap.Shard) {
            aggregate.start(randomKeys.next(), (ShardMap.Shard) slot);
        } else {
            aggregate.start(slot == null ? randomKeys.next() : (String) slot);
        }
        return aggregate;
    }

    private void release(KplAggregate aggregate) {
        if (spare.size() < MAX_SPARE) {
            spare.push(aggregate);
        }
    }

    private void closeOldestWhileOverBounds(BatchSink sink) {
        int maxOpen = map == null ? MAX_OPEN_KEYED : Math.max(MAX_OPEN_KEYED, map.size());
        while (!keyed.isEmpty() && (keyed.size() > maxOpen || (openBytes > maxOpenBytes && keyed.size() > 1))) {
            Map.Entry<Object, KplAggregate> oldest = keyed.entrySet().iterator().next();
            close(oldest.getKey(), oldest.getValue(), sink);
        }
    }

    /** Closes every open keyed aggregate, oldest first. */
    private void closeKeyed(BatchSink sink) {
        Iterator<Map.Entry<Object, KplAggregate>> it = keyed.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<Object, KplAggregate> oldest = it.next();
            it.remove();
            emit(oldest.getValue(), sink);
        }
        openBytes = 0;
    }

    /** Finishes {@code aggregate} (registered under {@code slot}, null for the unkeyed one) into a record. */
    private void close(Object slot, KplAggregate aggregate, BatchSink sink) {
        if (slot == null) {
            unkeyed = null;
        } else {
            keyed.remove(slot);
            openBytes -= aggregate.finishedSize();
        }
        emit(aggregate, sink);
    }

    private void emit(KplAggregate aggregate, BatchSink sink) {
        byte[] buffer = aggregate.finish(md5);
        BatchEntry entry = records.make(buffer, aggregate.length(), true, aggregate.partitionKey(),
                aggregate.partitionKeyBytes(), aggregate.shard(), aggregate.events(), sink);
        release(aggregate);
        if (entry != null) {
            request.add(entry, sink);
        }
    }
}

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

/**
 * Packs events into KPL aggregated records (optionally gzipped), each filled up to
 * {@code aggregationMaxBytes} before compression and never beyond what fits one record with its partition
 * key, then collects the records into PutRecords calls. Consumer thread only.
 *
 * <p>One aggregate carries one partition key, the outer record's, for all its events (see
 * {@link KplAggregate}). Events without a key (strategy {@code random}, or a keyed strategy whose MDC or
 * key-value is absent) share one open aggregate, which gets a fresh random key each time it is started,
 * so consecutive aggregates spread over the shards. Events with a key go to the open aggregate of that
 * key: at most {@value #MAX_OPEN_KEYED} keys are open at once, and they hold at most the request limit in
 * bytes together; beyond either bound the oldest open aggregate is closed. A few keys ({@code {log_type}})
 * thus keep filling their own aggregates; many keys ({@code {mdc:requestId}}) get small aggregates, which
 * is what such a key asks for (every value its own shard order), not a fault.
 */
final class AggregatingBatcher implements Batcher {

    /** Open keyed aggregates at most. */
    static final int MAX_OPEN_KEYED = 16;
    private static final int MAX_SPARE = 2;

    private final RequestAccumulator request;
    private final RecordFactory records;
    private final RandomPartitionKeys randomKeys;
    private final int maxRecordBytes;
    private final int maxOpenBytes;
    private final boolean gzip;
    private final int targetBytes;
    private final MessageDigest md5;
    private final LinkedHashMap<String, KplAggregate> keyed = new LinkedHashMap<>();
    private final ArrayDeque<KplAggregate> spare = new ArrayDeque<>();
    private KplAggregate unkeyed;
    private long openBytes;
    private int cachedKeyBytes = -1;
    private int cachedRawLimit;

    /**
     * @param targetBytes an aggregate (magic, protobuf, MD5; before compression) is closed when the next
     *                    event would take it past this; a single larger event still gets one of its own
     */
    AggregatingBatcher(int maxRecordBytes, int maxRequestBytes, int targetBytes, boolean gzip, RecordFactory records,
            RandomPartitionKeys randomKeys) {
        this.request = new RequestAccumulator(KinesisLimits.MAX_RECORDS_PER_REQUEST, maxRequestBytes);
        this.records = records;
        this.randomKeys = randomKeys;
        this.maxRecordBytes = maxRecordBytes;
        this.maxOpenBytes = maxRequestBytes;
        this.gzip = gzip;
        this.targetBytes = targetBytes;
        try {
            this.md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide MD5", e);
        }
    }

    @Override
    public void add(EncodedEvent event, BatchSink sink) {
        String key = PartitionKeys.usable(event.partitionKey()); // already cut by the strategy; a safety net
        KplAggregate aggregate = key == null ? unkeyed : keyed.get(key);
        if (aggregate != null && aggregate.finishedSizeWith(event) > fillLimit(aggregate.partitionKeyBytes())) {
            close(key, aggregate, sink);
            aggregate = null;
        }
        if (aggregate == null) {
            aggregate = open(key == null ? randomKeys.next() : key);
            if (aggregate.finishedSizeWith(event) > rawLimit(aggregate.partitionKeyBytes())) {
                release(aggregate);
                sink.reject(event, "event of " + event.size() + " bytes does not fit one Kinesis record of "
                        + maxRecordBytes + " bytes");
                return;
            }
            if (key == null) {
                unkeyed = aggregate;
            } else {
                keyed.put(key, aggregate);
                openBytes += aggregate.finishedSize();
            }
        }
        int before = aggregate.finishedSize();
        aggregate.add(event);
        if (key != null) {
            openBytes += aggregate.finishedSize() - before;
            closeOldestWhileOverBounds(sink);
        }
    }

    @Override
    public void drain(BatchSink sink) {
        if (unkeyed != null) {
            close(null, unkeyed, sink);
        }
        while (!keyed.isEmpty()) {
            Map.Entry<String, KplAggregate> oldest = keyed.entrySet().iterator().next();
            close(oldest.getKey(), oldest.getValue(), sink);
        }
        request.emit(sink);
    }

    @Override
    public boolean isEmpty() {
        return unkeyed == null && keyed.isEmpty() && request.isEmpty();
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
    private int fillLimit(int keyBytes) {
        return Math.min(targetBytes, rawLimit(keyBytes));
    }

    private KplAggregate open(String key) {
        KplAggregate aggregate = spare.isEmpty() ? new KplAggregate() : spare.pop();
        aggregate.start(key);
        return aggregate;
    }

    private void release(KplAggregate aggregate) {
        if (spare.size() < MAX_SPARE) {
            spare.push(aggregate);
        }
    }

    private void closeOldestWhileOverBounds(BatchSink sink) {
        while (!keyed.isEmpty() && (keyed.size() > MAX_OPEN_KEYED || (openBytes > maxOpenBytes && keyed.size() > 1))) {
            Iterator<Map.Entry<String, KplAggregate>> it = keyed.entrySet().iterator();
            Map.Entry<String, KplAggregate> oldest = it.next();
            close(oldest.getKey(), oldest.getValue(), sink);
        }
    }

    /** Finishes {@code aggregate} (registered under {@code key}, null for the unkeyed one) into a record. */
    private void close(String key, KplAggregate aggregate, BatchSink sink) {
        if (key == null) {
            unkeyed = null;
        } else {
            keyed.remove(key);
            openBytes -= aggregate.finishedSize();
        }
        byte[] buffer = aggregate.finish(md5);
        BatchEntry entry = records.make(buffer, aggregate.length(), true, aggregate.partitionKey(),
                aggregate.partitionKeyBytes(), aggregate.events(), sink);
        release(aggregate);
        if (entry != null) {
            request.add(entry, sink);
        }
    }
}

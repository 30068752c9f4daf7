package io.logbeam.core.kinesis;

import io.logbeam.core.destination.BatchEntry;
import io.logbeam.core.destination.BatchSink;
import io.logbeam.core.event.EncodedEvent;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;

import java.util.Arrays;
import java.util.List;

/**
 * Turns a record's raw data (one event's JSON or a KPL aggregate) into a PutRecords entry: compresses it
 * when configured, and checks the record limit one last time. Shared by both batchers. Consumer thread.
 */
final class RecordFactory {

    private final int maxRecordBytes;
    private final GzipCompressor gzip;

    /** @param gzip the compressor, or null for no compression */
    RecordFactory(int maxRecordBytes, GzipCompressor gzip) {
        this.maxRecordBytes = maxRecordBytes;
        this.gzip = gzip;
    }

    /**
     * The entry for the record carrying {@code events}; or, should it exceed the record limit (the sizing
     * arithmetic makes that impossible; this guards against a bug), null after rejecting the events.
     *
     * @param raw     the record's data before compression, in {@code raw[0, length)}; not kept
     * @param copyRaw whether {@code raw} is a reused buffer that must be copied when not compressed
     * @param shard   the shard an aggregate was made for (its explicit hash key routes the record there), or null
     *                when the partition key routes it
     */
    BatchEntry make(byte[] raw, int length, boolean copyRaw, String key, int keyBytes, ShardMap.Shard shard,
            List<EncodedEvent> events, BatchSink sink) {
        byte[] data;
        if (gzip != null) {
            data = gzip.compress(raw, 0, length);
        } else if (copyRaw || raw.length != length) {
            data = Arrays.copyOf(raw, length);
        } else {
            data = raw;
        }
        int bytes = data.length + keyBytes;
        if (bytes > maxRecordBytes) {
            for (EncodedEvent e : events) {
                sink.reject(e, "internal error: a Kinesis record of " + bytes + " bytes would exceed maxRecordBytes "
                        + maxRecordBytes);
            }
            return null;
        }
        PutRecordsRequestEntry.Builder entry = PutRecordsRequestEntry.builder().partitionKey(key)
                .data(SdkBytes.fromByteArrayUnsafe(data));
        if (shard == null) {
            return new BatchEntry(new KinesisEntry(entry.build(), null), events, bytes);
        }
        // The explicit hash key does not count against the record's or the shard's bytes: only data and key do.
        return new BatchEntry(new KinesisEntry(entry.explicitHashKey(shard.explicitHashKey()).build(), shard.id()),
                events, bytes);
    }
}

package io.logbeam.core.kinesis;

import io.logbeam.core.event.EncodedEvent;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One KPL aggregated record being filled: {@code F3 89 9A C2}, then the protobuf message
 * <pre>
 * AggregatedRecord { repeated string partition_key_table = 1; repeated string explicit_hash_key_table = 2;
 *                    repeated Record records = 3; }
 * Record { required uint64 partition_key_index = 1; optional uint64 explicit_hash_key_index = 2;
 *          required bytes data = 3; }
 * </pre>
 * then the MD5 of the protobuf bytes. The protobuf is written by hand: the message is flat, so its fields
 * are appended as events arrive. Every aggregate has exactly one partition key, the outer record's own,
 * at index 0: KCL drops a whole aggregate if any inner record hashes outside the shard it was read from,
 * which can not happen when every inner key is the outer key.
 *
 * <p>The buffer is reused from one aggregate to the next; {@link #finish} is where the record's own bytes
 * are cut out. Not thread-safe.
 */
final class KplAggregate {

    private static final int TAG_PARTITION_KEY_TABLE = (1 << 3) | 2;
    private static final int TAG_RECORDS = (3 << 3) | 2;
    private static final int TAG_PARTITION_KEY_INDEX = (1 << 3) | 0;
    private static final int TAG_DATA = (3 << 3) | 2;

    private byte[] buffer = new byte[8 * 1024];
    private int size;
    private String partitionKey;
    private int partitionKeyBytes;
    private final List<EncodedEvent> events = new ArrayList<>();

    /** Starts an empty aggregate for {@code key}. */
    void start(String key) {
        byte[] keyUtf8 = key.getBytes(StandardCharsets.UTF_8);
        partitionKey = key;
        partitionKeyBytes = keyUtf8.length;
        events.clear();
        size = 0;
        ensure(KinesisLimits.kplEmptyAggregate(keyUtf8.length));
        System.arraycopy(KinesisLimits.KPL_MAGIC, 0, buffer, 0, KinesisLimits.KPL_MAGIC.length);
        size = KinesisLimits.KPL_MAGIC.length;
        writeByte(TAG_PARTITION_KEY_TABLE);
        writeVarint(keyUtf8.length);
        writeBytes(keyUtf8, 0, keyUtf8.length);
    }

    /** The outer (and only) partition key. */
    String partitionKey() {
        return partitionKey;
    }

    /** UTF-8 bytes of the partition key. */
    int partitionKeyBytes() {
        return partitionKeyBytes;
    }

    /** Whether no event was added since {@link #start}. */
    boolean isEmpty() {
        return events.isEmpty();
    }

    /** Events added so far. */
    int eventCount() {
        return events.size();
    }

    /** Size of the finished aggregate (magic, protobuf, MD5) if it ended now. */
    int finishedSize() {
        return size + KinesisLimits.KPL_MD5_BYTES;
    }

    /** Size of the finished aggregate if {@code event} were added. */
    int finishedSizeWith(EncodedEvent event) {
        return finishedSize() + KinesisLimits.kplRecordField(event.size());
    }

    /** Appends {@code event} as {@code Record{partition_key_index: 0, data: json}}. */
    void add(EncodedEvent event) {
        int n = event.size();
        ensure(size + KinesisLimits.kplRecordField(n) + KinesisLimits.KPL_MD5_BYTES);
        writeByte(TAG_RECORDS);
        writeVarint(2 + KinesisLimits.lengthDelimitedField(n));
        writeByte(TAG_PARTITION_KEY_INDEX);
        writeByte(0);
        writeByte(TAG_DATA);
        writeVarint(n);
        writeBytes(event.json(), 0, n);
        events.add(event);
    }

    /**
     * Appends the MD5 trailer and returns the buffer holding the finished aggregate in
     * {@code [0, finishedSize())}; valid until the next {@link #start}.
     */
    byte[] finish(MessageDigest md5) {
        md5.reset();
        md5.update(buffer, KinesisLimits.KPL_MAGIC.length, size - KinesisLimits.KPL_MAGIC.length);
        byte[] digest = md5.digest();
        writeBytes(digest, 0, digest.length);
        return buffer;
    }

    /** Length of the finished aggregate in the buffer returned by {@link #finish}. */
    int length() {
        return size;
    }

    /** The events added, in order; a copy. */
    List<EncodedEvent> events() {
        return List.copyOf(events);
    }

    /** The finished aggregate as a new array. */
    byte[] finishToArray(MessageDigest md5) {
        return Arrays.copyOf(finish(md5), size);
    }

    private void ensure(int capacity) {
        if (buffer.length < capacity) {
            buffer = Arrays.copyOf(buffer, Math.max(capacity, Math.min(buffer.length * 2, Integer.MAX_VALUE - 16)));
        }
    }

    private void writeByte(int b) {
        buffer[size++] = (byte) b;
    }

    private void writeVarint(long value) {
        while ((value & ~0x7FL) != 0) {
            buffer[size++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        buffer[size++] = (byte) value;
    }

    private void writeBytes(byte[] b, int offset, int length) {
        System.arraycopy(b, offset, buffer, size, length);
        size += length;
    }
}

package io.logbeam.core.kinesis;

import io.logbeam.core.event.EncodedEvent;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One KPL aggregated record being filled: {@code F3 89 9A C2}, then the protobuf message
 * <pre>
 * AggregatedRecord { repeated string partition_key_table = 1; repeated string explicit_hash_key_table = 2;
 *                    repeated Record records = 3; }
 * Record { required uint64 partition_key_index = 1; optional uint64 explicit_hash_key_index = 2;
 *          required bytes data = 3; }
 * </pre>
 * then the MD5 of the protobuf bytes. The protobuf is written by hand, as events arrive, with the key table first
 * as the KPL writes it: an aggregate of one key writes its table entry when it starts; an aggregate for a shard
 * collects the table aside and moves its records behind it when it is finished.
 *
 * <p>Two kinds ({@link KinesisDestination} says when each is used):
 * <ul>
 * <li>{@link #start(String)}: one partition key, the outer record's own, at index 0, for every event. KCL drops a
 * whole aggregate if an inner record hashes outside the shard it was read from, which can not happen then.</li>
 * <li>{@link #start(String, ShardMap.Shard)}: for one predicted shard. Each event keeps its own partition key (the
 * table holds each once); the outer record is sent with an {@code ExplicitHashKey} inside that shard's range, so it
 * lands on the shard every inner key hashes to, as long as the shard map is right.</li>
 * </ul>
 *
 * <p>The buffers are reused from one aggregate to the next; {@link #finish} is where the record's own bytes are
 * cut out. Not thread-safe.
 */
final class KplAggregate {

    private static final int TAG_PARTITION_KEY_TABLE = (1 << 3) | 2;
    private static final int TAG_RECORDS = (3 << 3) | 2;
    private static final int TAG_PARTITION_KEY_INDEX = (1 << 3) | 0;
    private static final int TAG_DATA = (3 << 3) | 2;

    private final Buffer body = new Buffer(8 * 1024); // [magic, key entry] records, or for a shard: records only
    private final Buffer keys = new Buffer(256); // the key table of an aggregate for a shard
    private final Map<String, Integer> keyIndex = new HashMap<>();
    private final List<EncodedEvent> events = new ArrayList<>();
    private String partitionKey;
    private int partitionKeyBytes;
    private ShardMap.Shard shard;
    private boolean tableInBody; // one key's aggregate from the start, a shard's once finished
    private String lastKey; // the key of the last event and its index: runs of one key skip the map
    private int lastIndex;

    /** Starts an empty aggregate whose events all carry {@code key}, the outer record's partition key. */
    void start(String key) {
        reset(key, null);
        tableInBody = true;
        body.write(KinesisLimits.KPL_MAGIC, 0, KinesisLimits.KPL_MAGIC.length);
        indexOf(key, true);
    }

    /**
     * Starts an empty aggregate for {@code shard}: the outer record gets {@code outerKey} (only the explicit hash
     * key routes it) and each event keeps its own partition key.
     */
    void start(String outerKey, ShardMap.Shard shard) {
        reset(outerKey, shard);
    }

    private void reset(String outerKey, ShardMap.Shard forShard) {
        partitionKey = outerKey;
        partitionKeyBytes = outerKey.getBytes(StandardCharsets.UTF_8).length;
        shard = forShard;
        events.clear();
        keyIndex.clear();
        lastKey = null;
        keys.size = 0;
        body.size = 0;
        tableInBody = false;
    }

    /** The outer record's partition key. */
    String partitionKey() {
        return partitionKey;
    }

    /** UTF-8 bytes of the outer partition key. */
    int partitionKeyBytes() {
        return partitionKeyBytes;
    }

    /** The shard this aggregate was made for, or null when all its events carry the outer key. */
    ShardMap.Shard shard() {
        return shard;
    }

    /** Whether no event was added since {@code start}. */
    boolean isEmpty() {
        return events.isEmpty();
    }

    /** Events added so far. */
    int eventCount() {
        return events.size();
    }

    /** Size of the finished aggregate (magic, protobuf, MD5) if it ended now. */
    int finishedSize() {
        int table = tableInBody ? 0 : KinesisLimits.KPL_MAGIC.length + keys.size;
        return table + body.size + KinesisLimits.KPL_MD5_BYTES;
    }

    /** Size of the finished aggregate if {@code event} were added with the aggregate's own key. */
    int finishedSizeWith(EncodedEvent event) {
        return finishedSizeWith(event, null);
    }

    /**
     * Size of the finished aggregate if {@code event} were added under partition key {@code key} (null: the
     * aggregate's own key), including the key's table entry when it is new here.
     */
    int finishedSizeWith(EncodedEvent event, String key) {
        int index = key == null ? 0 : indexOf(key, false);
        int table = 0;
        if (index < 0) {
            index = keyIndex.size();
            table = KinesisLimits.lengthDelimitedField(utf8Length(key));
        }
        return finishedSize() + table + KinesisLimits.kplRecordField(event.size(), index);
    }

    /** Appends {@code event} as {@code Record{partition_key_index: 0, data: json}}, under the aggregate's own key. */
    void add(EncodedEvent event) {
        add(event, null);
    }

    /** Appends {@code event} under partition key {@code key} (null: the aggregate's own key). */
    void add(EncodedEvent event, String key) {
        int index = key == null ? 0 : indexOf(key, true);
        int n = event.size();
        body.ensure(body.size + KinesisLimits.kplRecordField(n, index));
        body.writeByte(TAG_RECORDS);
        body.writeVarint(1 + KinesisLimits.varintSize(index) + KinesisLimits.lengthDelimitedField(n));
        body.writeByte(TAG_PARTITION_KEY_INDEX);
        body.writeVarint(index);
        body.writeByte(TAG_DATA);
        body.writeVarint(n);
        body.write(event.json(), 0, n);
        events.add(event);
    }

    /**
     * The index of {@code key} in the table; when it is not there, -1, or with {@code add} its new index after
     * appending it to the table.
     */
    private int indexOf(String key, boolean add) {
        if (key.equals(lastKey)) {
            return lastIndex;
        }
        Integer index = keyIndex.get(key);
        if (index == null) {
            if (!add) {
                return -1;
            }
            byte[] utf8 = key.getBytes(StandardCharsets.UTF_8);
            Buffer table = tableInBody ? body : keys;
            table.ensure(table.size + KinesisLimits.lengthDelimitedField(utf8.length));
            table.writeByte(TAG_PARTITION_KEY_TABLE);
            table.writeVarint(utf8.length);
            table.write(utf8, 0, utf8.length);
            index = keyIndex.size();
            keyIndex.put(key, index);
        }
        lastKey = key;
        lastIndex = index;
        return index;
    }

    private static int utf8Length(String key) {
        return key.getBytes(StandardCharsets.UTF_8).length;
    }

    /**
     * Puts the key table of an aggregate for a shard in front of its records, appends the MD5 trailer, and returns
     * the buffer holding the finished aggregate in {@code [0, length())}; valid until the next {@code start}.
     */
    byte[] finish(MessageDigest md5) {
        if (!tableInBody) {
            int prefix = KinesisLimits.KPL_MAGIC.length + keys.size;
            body.ensure(prefix + body.size + KinesisLimits.KPL_MD5_BYTES);
            System.arraycopy(body.bytes, 0, body.bytes, prefix, body.size); // one move per aggregate
            System.arraycopy(KinesisLimits.KPL_MAGIC, 0, body.bytes, 0, KinesisLimits.KPL_MAGIC.length);
            System.arraycopy(keys.bytes, 0, body.bytes, KinesisLimits.KPL_MAGIC.length, keys.size);
            body.size += prefix;
            tableInBody = true;
        }
        md5.reset();
        md5.update(body.bytes, KinesisLimits.KPL_MAGIC.length, body.size - KinesisLimits.KPL_MAGIC.length);
        byte[] digest = md5.digest();
        body.ensure(body.size + digest.length);
        body.write(digest, 0, digest.length);
        return body.bytes;
    }

    /** Length of the finished aggregate in the buffer returned by {@link #finish}. */
    int length() {
        return body.size;
    }

    /** The events added, in order; a copy. */
    List<EncodedEvent> events() {
        return List.copyOf(events);
    }

    /** The finished aggregate as a new array. */
    byte[] finishToArray(MessageDigest md5) {
        return Arrays.copyOf(finish(md5), length());
    }

    /** A growable byte buffer with the protobuf writes the aggregate needs. */
    private static final class Buffer {
        byte[] bytes;
        int size;

        Buffer(int capacity) {
            bytes = new byte[capacity];
        }

        void ensure(int capacity) {
            if (bytes.length < capacity) {
                bytes = Arrays.copyOf(bytes, Math.max(capacity, (int) Math.min(bytes.length * 2L, Integer.MAX_VALUE - 16)));
            }
        }

        void writeByte(int b) {
            bytes[size++] = (byte) b;
        }

        void writeVarint(long value) {
            while ((value & ~0x7FL) != 0) {
                bytes[size++] = (byte) ((value & 0x7F) | 0x80);
                value >>>= 7;
            }
            bytes[size++] = (byte) value;
        }

        void write(byte[] b, int offset, int length) {
            System.arraycopy(b, offset, bytes, size, length);
            size += length;
        }
    }
}

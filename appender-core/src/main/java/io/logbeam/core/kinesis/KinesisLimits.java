package io.logbeam.core.kinesis;

/**
 * Every Kinesis Data Streams limit Logbeam relies on, in one place, and the size arithmetic derived from
 * them (KPL aggregate framing, gzip worst case, partition key room).
 *
 * <p>Facts (PutRecords API reference): at most 500 records per call; at most 5 MiB per call including
 * partition keys (10 MiB for streams whose {@code MaxRecordSizeInKiB} was raised); one record's data plus
 * partition key at most 1 MiB by default ({@code MaxRecordSizeInKiB}, up to 10 MiB); a partition key is
 * 1 to 256 Unicode characters. Per shard: 1,000 records/s and 1 MiB/s of writes, partition keys included.
 */
public final class KinesisLimits {

    /** Records per PutRecords call. */
    public static final int MAX_RECORDS_PER_REQUEST = 500;
    /** Default record limit, data plus partition key. */
    public static final int DEFAULT_MAX_RECORD_BYTES = 1024 * 1024;
    /** Default PutRecords request limit, partition keys included. */
    public static final int DEFAULT_MAX_REQUEST_BYTES = 5 * 1024 * 1024;
    /** Highest record and request limit a stream can be configured for. */
    public static final int MAX_CONFIGURABLE_BYTES = 10 * 1024 * 1024;
    /** Smallest {@code maxRecordBytes} accepted: leaves room for the minimal form of an event. */
    public static final int MIN_RECORD_BYTES = 16 * 1024;
    /** Smallest {@code aggregationMaxBytes} accepted. */
    public static final int MIN_AGGREGATE_BYTES = 1024;
    /** Longest partition key, in UTF-16 characters (the service counts Unicode characters). */
    public static final int MAX_PARTITION_KEY_CHARS = 256;
    /** Most UTF-8 bytes a partition key can take: 3 per UTF-16 character (a surrogate pair is 4 for 2). */
    public static final int MAX_PARTITION_KEY_BYTES = 3 * MAX_PARTITION_KEY_CHARS;
    /** Per-shard write limits, used for documentation and the benchmark's figures. */
    public static final int SHARD_RECORDS_PER_SECOND = 1000;
    /** Per-shard write bytes per second, partition keys included. */
    public static final int SHARD_BYTES_PER_SECOND = 1024 * 1024;

    /** KPL aggregated record prefix. */
    static final byte[] KPL_MAGIC = {(byte) 0xF3, (byte) 0x89, (byte) 0x9A, (byte) 0xC2};
    /** KPL aggregated record suffix: MD5 of the protobuf message. */
    static final int KPL_MD5_BYTES = 16;
    /** gzip header (10) and trailer (CRC-32, length: 8). */
    static final int GZIP_FRAMING_BYTES = 18;

    private KinesisLimits() {
    }

    /**
     * Most bytes gzip can turn {@code n} bytes into. Deflate falls back to stored blocks for incompressible
     * input, costing 5 bytes per block of at most 64 KiB (zlib's own bound is {@code n + n/4096 + n/16384 + 13});
     * this allows three times that slack, plus the gzip framing.
     */
    static long gzipBound(long n) {
        return n + (n >>> 10) + 64 + GZIP_FRAMING_BYTES;
    }

    /** Bytes of a protobuf varint holding {@code value} (non-negative). */
    static int varintSize(long value) {
        int size = 1;
        while ((value & ~0x7FL) != 0) {
            value >>>= 7;
            size++;
        }
        return size;
    }

    /** Bytes of a length-delimited protobuf field (one-byte tag) carrying {@code n} bytes. */
    static int lengthDelimitedField(int n) {
        return 1 + varintSize(n) + n;
    }

    /** Bytes one event of {@code dataBytes} adds to a KPL aggregate: {@code Record{pk_index=0, data}} in field 3. */
    static int kplRecordField(int dataBytes) {
        return kplRecordField(dataBytes, 0);
    }

    /** Bytes of {@code Record{partition_key_index=keyIndex, data}} (field 3) for {@code dataBytes} of data. */
    static int kplRecordField(int dataBytes, int keyIndex) {
        int inner = 1 + varintSize(keyIndex) + lengthDelimitedField(dataBytes); // tag + varint of the index, data
        return lengthDelimitedField(inner);
    }

    /** Bytes of an empty aggregate with one partition key of {@code keyBytes}: magic, key table, MD5. */
    static int kplEmptyAggregate(int keyBytes) {
        return KPL_MAGIC.length + lengthDelimitedField(keyBytes) + KPL_MD5_BYTES;
    }

    /** Bytes a record's data takes on the wire for {@code rawBytes} before compression (worst case with gzip). */
    static long worstCaseData(long rawBytes, boolean gzip) {
        return gzip ? gzipBound(rawBytes) : rawBytes;
    }

    /**
     * Largest raw (uncompressed) data size {@code d} such that the record, {@code worstCaseData(d) + keyBytes},
     * stays within {@code maxRecordBytes}.
     */
    static int largestRawData(int maxRecordBytes, int keyBytes, boolean gzip) {
        long room = (long) maxRecordBytes - keyBytes;
        if (!gzip) {
            return (int) Math.max(room, 0);
        }
        long d = (room - 64 - GZIP_FRAMING_BYTES) * 1024 / 1025;
        while (d > 0 && gzipBound(d) > room) {
            d--;
        }
        while (gzipBound(d + 1) <= room) {
            d++;
        }
        return (int) Math.max(d, 0);
    }

    /**
     * Largest event JSON that fits alone in one record whose partition key takes at most {@code keyBytes}:
     * plainly, or as the only event of a KPL aggregate.
     */
    static int largestEvent(int maxRecordBytes, int keyBytes, boolean aggregation, boolean gzip) {
        int raw = largestRawData(maxRecordBytes, keyBytes, gzip);
        if (!aggregation) {
            return raw;
        }
        int room = raw - kplEmptyAggregate(keyBytes);
        int n = room;
        while (n > 0 && kplRecordField(n) > room) {
            n--;
        }
        return Math.max(n, 0);
    }
}

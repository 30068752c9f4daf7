package io.logbeam.log4j2.testing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the user records out of a KPL aggregated Kinesis record, as KCL's de-aggregation does: magic
 * {@code F3 89 9A C2}, an {@code AggregatedRecord} protobuf, then a 16-byte MD5. Data without the magic is one
 * plain record.
 */
final class KplRecords {

    private static final byte[] MAGIC = {(byte) 0xF3, (byte) 0x89, (byte) 0x9A, (byte) 0xC2};
    private static final int RECORDS_FIELD = 3;
    private static final int DATA_FIELD = 3;

    private KplRecords() {
    }

    static List<byte[]> userRecords(byte[] data) {
        if (data.length < MAGIC.length + 16 || !Arrays.equals(Arrays.copyOf(data, MAGIC.length), MAGIC)) {
            return List.of(data);
        }
        List<byte[]> out = new ArrayList<>();
        for (byte[] record : fields(data, MAGIC.length, data.length - 16, RECORDS_FIELD)) {
            out.addAll(fields(record, 0, record.length, DATA_FIELD));
        }
        return out;
    }

    /** The length-delimited values of {@code field} in the protobuf message {@code bytes[from, to)}. */
    private static List<byte[]> fields(byte[] bytes, int from, int to, int field) {
        List<byte[]> out = new ArrayList<>();
        int[] pos = {from};
        while (pos[0] < to) {
            long tag = varint(bytes, pos);
            int wireType = (int) (tag & 7);
            if (wireType == 0) {
                varint(bytes, pos);
            } else if (wireType == 2) {
                int length = (int) varint(bytes, pos);
                if ((tag >>> 3) == field) {
                    out.add(Arrays.copyOfRange(bytes, pos[0], pos[0] + length));
                }
                pos[0] += length;
            } else {
                throw new IllegalArgumentException("unexpected protobuf wire type " + wireType);
            }
        }
        return out;
    }

    private static long varint(byte[] bytes, int[] pos) {
        long value = 0;
        for (int shift = 0; ; shift += 7) {
            byte b = bytes[pos[0]++];
            value |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
    }
}

package io.logbeam.consumer;

/**
 * Reads the protobuf of a KPL aggregate, {@code AggregatedRecord { repeated string partition_key_table = 1;
 * repeated string explicit_hash_key_table = 2; repeated Record records = 3; }} with {@code Record {
 * uint64 partition_key_index = 1; uint64 explicit_hash_key_index = 2; bytes data = 3; }}, down to where each
 * inner record's data lies. Everything is checked before anything is handed on, so a malformed aggregate yields no
 * event at all.
 */
final class KplRecords {

    private static final int VARINT = 0;
    private static final int FIXED64 = 1;
    private static final int LENGTH_DELIMITED = 2;
    private static final int FIXED32 = 5;

    private KplRecords() {
    }

    /**
     * {@code [count, offset0, length0, offset1, length1, ...]} of the inner records' data in {@code b[start, end)}.
     *
     * @throws IllegalArgumentException saying what is malformed
     */
    static int[] dataRanges(byte[] b, int start, int end) {
        int[] ranges = new int[1 + 2 * 64];
        int count = 0;
        Cursor c = new Cursor(b, start, end);
        while (c.pos < end) {
            long tag = c.varint();
            int field = (int) (tag >>> 3);
            int wire = (int) (tag & 7);
            if (field == 3 && wire == LENGTH_DELIMITED) {
                int length = c.length();
                int recordEnd = c.pos + length;
                int dataOff = c.pos;
                int dataLen = 0;
                Cursor r = new Cursor(b, c.pos, recordEnd);
                while (r.pos < recordEnd) {
                    long innerTag = r.varint();
                    if ((innerTag >>> 3) == 3 && (innerTag & 7) == LENGTH_DELIMITED) {
                        dataLen = r.length();
                        dataOff = r.pos;
                        r.pos += dataLen;
                    } else {
                        r.skip((int) (innerTag & 7));
                    }
                }
                c.pos = recordEnd;
                if (1 + 2 * (count + 1) > ranges.length) {
                    ranges = java.util.Arrays.copyOf(ranges, ranges.length * 2);
                }
                ranges[1 + 2 * count] = dataOff;
                ranges[2 + 2 * count] = dataLen;
                count++;
            } else {
                c.skip(wire);
            }
        }
        if (count == 0) {
            throw new IllegalArgumentException("no inner record");
        }
        ranges[0] = count;
        return ranges;
    }

    private static final class Cursor {
        private final byte[] b;
        private final int end;
        int pos;

        Cursor(byte[] b, int pos, int end) {
            this.b = b;
            this.pos = pos;
            this.end = end;
        }

        long varint() {
            long value = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (pos >= end) {
                    throw new IllegalArgumentException("varint cut off at byte " + pos);
                }
                byte x = b[pos++];
                value |= (long) (x & 0x7F) << shift;
                if (x >= 0) {
                    return value;
                }
            }
            throw new IllegalArgumentException("varint longer than 10 bytes");
        }

        int length() {
            long length = varint();
            if (length < 0 || length > end - pos) {
                throw new IllegalArgumentException("field of " + length + " bytes overruns the aggregate");
            }
            return (int) length;
        }

        void skip(int wire) {
            switch (wire) {
                case VARINT:
                    varint();
                    break;
                case FIXED64:
                    advance(8);
                    break;
                case LENGTH_DELIMITED:
                    int n = length(); // before the +=: length() moves pos past the varint
                    pos += n;
                    break;
                case FIXED32:
                    advance(4);
                    break;
                default:
                    throw new IllegalArgumentException("unknown protobuf wire type " + wire);
            }
        }

        private void advance(int n) {
            if (n > end - pos) {
                throw new IllegalArgumentException("field overruns the aggregate");
            }
            pos += n;
        }
    }
}

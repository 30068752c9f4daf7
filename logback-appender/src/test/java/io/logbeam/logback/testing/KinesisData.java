package io.logbeam.logback.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Reads the events back out of one Kinesis record as a consumer would: gunzip when gzipped, then either
 * one plain event or a KPL aggregate ({@code F3 89 9A C2}, protobuf {@code AggregatedRecord}, MD5) whose
 * inner records each hold one event. A small reader for tests, not a full KPL implementation.
 */
public final class KinesisData {

    private static final byte[] KPL_MAGIC = {(byte) 0xF3, (byte) 0x89, (byte) 0x9A, (byte) 0xC2};
    private static final int MD5_BYTES = 16;

    private KinesisData() {
    }

    /** The event payloads in {@code data}, in order. */
    public static List<byte[]> events(byte[] data) {
        byte[] plain = isGzip(data) ? gunzip(data) : data;
        if (plain.length < KPL_MAGIC.length + MD5_BYTES
                || !Arrays.equals(Arrays.copyOf(plain, KPL_MAGIC.length), KPL_MAGIC)) {
            return List.of(plain);
        }
        List<byte[]> out = new ArrayList<>();
        Reader aggregate = new Reader(plain, KPL_MAGIC.length, plain.length - MD5_BYTES);
        while (aggregate.more()) {
            long tag = aggregate.varint();
            if (tag == ((3 << 3) | 2)) { // records
                Reader record = aggregate.nested();
                while (record.more()) {
                    long inner = record.varint();
                    if (inner == ((3 << 3) | 2)) { // data
                        out.add(record.bytes());
                    } else {
                        record.skip(inner);
                    }
                }
            } else {
                aggregate.skip(tag);
            }
        }
        return out;
    }

    private static boolean isGzip(byte[] data) {
        return data.length > 2 && data[0] == (byte) 0x1f && data[1] == (byte) 0x8b;
    }

    private static byte[] gunzip(byte[] data) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(data))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Protobuf wire format over a slice of a byte array. */
    private static final class Reader {
        private final byte[] buffer;
        private int position;
        private final int end;

        Reader(byte[] buffer, int start, int end) {
            this.buffer = buffer;
            this.position = start;
            this.end = end;
        }

        boolean more() {
            return position < end;
        }

        long varint() {
            long value = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                byte b = buffer[position++];
                value |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return value;
                }
            }
            throw new IllegalStateException("malformed varint");
        }

        byte[] bytes() {
            int length = (int) varint();
            byte[] out = Arrays.copyOfRange(buffer, position, position + length);
            position += length;
            return out;
        }

        Reader nested() {
            int length = (int) varint();
            Reader nested = new Reader(buffer, position, position + length);
            position += length;
            return nested;
        }

        void skip(long tag) {
            switch ((int) (tag & 7)) {
                case 0 -> varint();
                case 2 -> {
                    int length = (int) varint(); // read before adding: varint() moves position
                    position += length;
                }
                default -> throw new IllegalStateException("unexpected wire type in tag " + tag);
            }
        }
    }
}

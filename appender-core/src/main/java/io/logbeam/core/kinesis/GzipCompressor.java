package io.logbeam.core.kinesis;

import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * gzip (RFC 1952) of one record's data, for the consumer thread: one {@link Deflater} and one output
 * buffer reused for every record, so the only allocation per record is its exact-size result. The
 * header and trailer are written here because {@code GZIPOutputStream} can not reuse a deflater.
 * Not thread-safe.
 */
final class GzipCompressor {

    private static final byte[] HEADER = {0x1f, (byte) 0x8b, Deflater.DEFLATED, 0, 0, 0, 0, 0, 0, (byte) 0xff};

    private final Deflater deflater;
    private final CRC32 crc = new CRC32();
    private byte[] out = new byte[16 * 1024];

    GzipCompressor() {
        this(Deflater.DEFAULT_COMPRESSION);
    }

    /** @param level zlib level, 1 (fastest) .. 9 (smallest), or {@link Deflater#DEFAULT_COMPRESSION} (6) */
    GzipCompressor(int level) {
        this.deflater = new Deflater(level, true); // raw deflate: the gzip framing is ours
    }

    /** The gzip member of {@code data[offset, offset + length)}, in a new array of exactly its size. */
    byte[] compress(byte[] data, int offset, int length) {
        deflater.reset();
        crc.reset();
        crc.update(data, offset, length);
        int capacity = (int) Math.min(KinesisLimits.gzipBound(length), Integer.MAX_VALUE - 16);
        if (out.length < capacity) {
            out = new byte[capacity];
        }
        System.arraycopy(HEADER, 0, out, 0, HEADER.length);
        int position = HEADER.length;
        deflater.setInput(data, offset, length);
        deflater.finish();
        while (!deflater.finished()) {
            if (position == out.length - 8) {
                out = Arrays.copyOf(out, out.length * 2); // beyond the bound: never expected, but stay correct
            }
            position += deflater.deflate(out, position, out.length - 8 - position);
        }
        position = writeIntLE(out, position, (int) crc.getValue());
        position = writeIntLE(out, position, length);
        return Arrays.copyOf(out, position);
    }

    private static int writeIntLE(byte[] b, int at, int value) {
        b[at] = (byte) value;
        b[at + 1] = (byte) (value >>> 8);
        b[at + 2] = (byte) (value >>> 16);
        b[at + 3] = (byte) (value >>> 24);
        return at + 4;
    }
}

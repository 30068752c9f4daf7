package io.logbeam.consumer;

import java.util.Arrays;

/** A reusable byte buffer that grows on demand up to a limit: one per decoding depth, kept across records. */
final class GrowableBytes {

    /** Buffers larger than this are dropped after use, so one huge record does not pin memory for good. */
    private static final int KEEP_AT_MOST = 16 * 1024 * 1024;

    private byte[] bytes = new byte[64 * 1024];
    private int size;

    byte[] array() {
        return bytes;
    }

    int size() {
        return size;
    }

    void clear() {
        size = 0;
    }

    /** Free room after {@link #size()}, growing to at least {@code wanted} bytes of room when possible. */
    int room(int wanted, int limit) {
        if (bytes.length - size < wanted && bytes.length < limit) {
            long target = Math.max((long) bytes.length * 2, (long) size + wanted);
            bytes = Arrays.copyOf(bytes, (int) Math.min(target, limit));
        }
        return bytes.length - size;
    }

    void advance(int n) {
        size += n;
    }

    void trim() {
        if (bytes.length > KEEP_AT_MOST) {
            bytes = new byte[64 * 1024];
        }
        size = 0;
    }
}

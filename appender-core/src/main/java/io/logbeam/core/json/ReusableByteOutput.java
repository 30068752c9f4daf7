package io.logbeam.core.json;

import java.io.OutputStream;
import java.util.Arrays;

/** A growable byte buffer reused for every event, so encoding allocates only the final copy. */
final class ReusableByteOutput extends OutputStream {

    private byte[] bytes = new byte[8192];
    private int size;

    @Override
    public void write(int b) {
        ensure(size + 1);
        bytes[size++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) {
        ensure(size + len);
        System.arraycopy(b, off, bytes, size, len);
        size += len;
    }

    int size() {
        return size;
    }

    void reset() {
        size = 0;
    }

    byte[] copy() {
        return Arrays.copyOf(bytes, size);
    }

    /** Gives back memory after a huge event, so one 10 MB message does not pin 10 MB for the JVM's life. */
    void shrinkIfHuge() {
        if (bytes.length > 4 * 1024 * 1024) {
            bytes = new byte[8192];
        }
    }

    private void ensure(int capacity) {
        if (capacity > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(capacity, bytes.length * 2));
        }
    }
}

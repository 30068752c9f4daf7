package io.logbeam.core.kinesis;

import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The hash key Kinesis derives from a partition key, the MD5 of its UTF-8 bytes as an unsigned 128-bit number, into
 * {@link #high} and {@link #low}. Reuses its buffers: nothing is allocated for ASCII keys. Not thread-safe.
 */
final class KeyHasher {

    private final MessageDigest md5;
    private final byte[] digest = new byte[16];
    private byte[] utf8 = new byte[64];

    /** The high 64 bits of the last hash. */
    long high;
    /** The low 64 bits of the last hash. */
    long low;

    KeyHasher() {
        try {
            md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide MD5", e);
        }
    }

    /** Hashes {@code key} (a usable partition key: no lone surrogates, see {@link PartitionKeys#usable}). */
    void hash(String key) {
        int n = key.length();
        if (utf8.length < n) {
            utf8 = new byte[Math.max(n, utf8.length * 2)];
        }
        int i = 0;
        while (i < n) {
            char c = key.charAt(i);
            if (c >= 0x80) {
                break;
            }
            utf8[i++] = (byte) c;
        }
        if (i < n) {
            byte[] bytes = key.getBytes(StandardCharsets.UTF_8); // rare: keys are mostly ASCII ids
            md5.update(bytes, 0, bytes.length);
        } else {
            md5.update(utf8, 0, n);
        }
        try {
            md5.digest(digest, 0, digest.length);
        } catch (DigestException e) {
            throw new IllegalStateException(e);
        }
        high = getLong(0);
        low = getLong(8);
    }

    private long getLong(int at) {
        long v = 0;
        for (int i = at; i < at + 8; i++) {
            v = (v << 8) | (digest[i] & 0xFF);
        }
        return v;
    }
}

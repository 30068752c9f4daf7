package io.logbeam.core.spool;

import io.logbeam.core.event.EncodedEvent;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * The on-disk form of one event: a frame of {@code length} (4 bytes) and {@code crc} (4 bytes, CRC32C of the
 * length bytes and the payload) followed by the payload: {@code flags} (1 byte: bit 0 truncated, bit 1 has a
 * partition key), {@code timeMillis} (8), the log type (4-byte length + UTF-8), the partition key when present
 * (4-byte length + UTF-8) and the JSON bytes (the rest). All integers big-endian.
 *
 * <p>A frame is valid only if its length is plausible, it lies wholly within the readable part of the file and
 * its checksum matches: a record torn by a crash, or zeros left by a power loss, never pass for an event.
 */
final class SpoolRecord {

    /** Bytes of the frame header: length and checksum. */
    static final int FRAME_HEADER_BYTES = 8;
    /** Largest payload accepted when reading; anything larger is corruption (events are at most ~1 MiB). */
    static final int MAX_PAYLOAD_BYTES = 16 * 1024 * 1024;

    private static final int FLAG_TRUNCATED = 1;
    private static final int FLAG_PARTITION_KEY = 2;
    private static final int KNOWN_FLAGS = FLAG_TRUNCATED | FLAG_PARTITION_KEY;

    private SpoolRecord() {
    }

    /** The bytes {@link #write} takes for {@code event}. */
    static int frameSize(EncodedEvent event, byte[] logType, byte[] partitionKey) {
        return FRAME_HEADER_BYTES + payloadSize(event, logType, partitionKey);
    }

    private static int payloadSize(EncodedEvent event, byte[] logType, byte[] partitionKey) {
        return 1 + 8 + 4 + logType.length + (partitionKey == null ? 0 : 4 + partitionKey.length) + event.size();
    }

    static byte[] utf8(String text) {
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }

    /** Writes the frame of {@code event} at {@code out}'s position, which must have room for it. */
    static void write(ByteBuffer out, EncodedEvent event, byte[] logType, byte[] partitionKey, CRC32C crc) {
        int start = out.position();
        int payload = payloadSize(event, logType, partitionKey);
        out.putInt(payload);
        out.putInt(0); // checksum, filled below
        out.put((byte) ((event.truncated() ? FLAG_TRUNCATED : 0) | (partitionKey != null ? FLAG_PARTITION_KEY : 0)));
        out.putLong(event.timeMillis());
        out.putInt(logType.length);
        out.put(logType);
        if (partitionKey != null) {
            out.putInt(partitionKey.length);
            out.put(partitionKey);
        }
        out.put(event.json());
        out.putInt(start + 4, checksum(out, start, payload, crc));
    }

    /** CRC32C of the length field at {@code start} and the {@code payload} bytes after the frame header. */
    static int checksum(ByteBuffer buffer, int start, int payload, CRC32C crc) {
        crc.reset();
        crc.update(buffer.duplicate().position(start).limit(start + 4));
        crc.update(buffer.duplicate().position(start + FRAME_HEADER_BYTES).limit(start + FRAME_HEADER_BYTES + payload));
        return (int) crc.getValue();
    }

    /** Whether a payload length read from a frame header can be real. */
    static boolean plausibleLength(int payload) {
        return payload >= 1 + 8 + 4 && payload <= MAX_PAYLOAD_BYTES;
    }

    /**
     * Decodes the payload of a frame whose checksum matched.
     *
     * @return the event, or null when the payload is malformed (a bug or a format this version does not know)
     */
    static EncodedEvent decode(ByteBuffer buffer, int payloadStart, int payload) {
        ByteBuffer in = buffer.duplicate().position(payloadStart).limit(payloadStart + payload);
        int flags = in.get() & 0xFF;
        if ((flags & ~KNOWN_FLAGS) != 0) {
            return null;
        }
        long timeMillis = in.getLong();
        String logType = string(in);
        if (logType == null) {
            return null;
        }
        String partitionKey = null;
        if ((flags & FLAG_PARTITION_KEY) != 0) {
            partitionKey = string(in);
            if (partitionKey == null) {
                return null;
            }
        }
        byte[] json = new byte[in.remaining()];
        in.get(json);
        return new EncodedEvent(json, timeMillis, logType, partitionKey, (flags & FLAG_TRUNCATED) != 0);
    }

    private static String string(ByteBuffer in) {
        if (in.remaining() < 4) {
            return null;
        }
        int n = in.getInt();
        if (n < 0 || n > in.remaining()) {
            return null;
        }
        byte[] bytes = new byte[n];
        in.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}

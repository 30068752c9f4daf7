package io.logbeam.core.spool;

import io.logbeam.core.event.EncodedEvent;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * One segment file of a spool: a 16-byte header ({@code "LBSP"}, format version, creation time) followed by
 * {@link SpoolRecord} frames. Segments are written by one process only and never appended to after it ends,
 * so a torn frame can only be the last one of a segment left by a crash.
 *
 * <p>The mutable fields are guarded by the owning {@link Spool}'s monitor; file reads and writes use positional
 * I/O, so the replayer may read a segment while the writer appends to it.
 */
final class SpoolSegment {

    static final int MAGIC = 0x4C425350; // "LBSP"
    static final short VERSION = 1;
    static final int HEADER_BYTES = 16;
    static final String SUFFIX = ".seg";

    private static final int READ_WINDOW_BYTES = 256 * 1024;

    final long seq;
    final Path path;
    /** Left by an earlier run (or an earlier shipper of this run): read-only, scanned before replay. */
    final boolean earlier;
    FileChannel channel;
    /** Bytes of the file: for own segments, the header and every whole record written. */
    long fileBytes;
    /** End of the part worth reading: {@code fileBytes} for own segments, before any torn tail for earlier ones. */
    long readableEnd;
    /** Valid records at or after the replay start. */
    long records;
    boolean scanned;
    /** Next byte the replayer reads. */
    long readOffset = HEADER_BYTES;
    /** Records handed to the replayer. */
    long readRecords;
    /** Every record before this offset is settled (delivered, fell back, or stored again). */
    long settledOffset = HEADER_BYTES;
    /** Chunks handed out and not yet settled, in file order. */
    final ArrayDeque<SpoolChunk> chunks = new ArrayDeque<>();
    boolean dropped;
    /** Not a segment of this format: never read, deleted only to make room. */
    boolean foreign;
    boolean unforced;

    private SpoolSegment(long seq, Path path, boolean earlier) {
        this.seq = seq;
        this.path = path;
        this.earlier = earlier;
    }

    static String fileName(long seq) {
        return String.format("%020d", seq) + SUFFIX;
    }

    /** The sequence number of a segment file name, or -1 if the name is not one. */
    static long parseSeq(String fileName) {
        if (fileName.length() != 20 + SUFFIX.length() || !fileName.endsWith(SUFFIX)) {
            return -1;
        }
        for (int i = 0; i < 20; i++) {
            if (!Character.isDigit(fileName.charAt(i))) {
                return -1;
            }
        }
        return Long.parseLong(fileName.substring(0, 20));
    }

    /** Creates a new segment file with its header. */
    static SpoolSegment create(Path dir, long seq) throws IOException {
        SpoolSegment s = new SpoolSegment(seq, dir.resolve(fileName(seq)), false);
        s.channel = FileChannel.open(s.path, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        try {
            ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
            header.putInt(MAGIC).putShort(VERSION).putShort((short) 0).putLong(System.currentTimeMillis()).flip();
            writeFully(s.channel, header, 0);
        } catch (IOException e) {
            s.closeQuietly();
            Files.deleteIfExists(s.path);
            throw e;
        }
        s.fileBytes = HEADER_BYTES;
        s.readableEnd = HEADER_BYTES;
        s.scanned = true;
        s.unforced = true;
        return s;
    }

    /** A segment found on disk; {@link Spool#recover} scans it before it is read. */
    static SpoolSegment earlier(Path path, long seq, long fileBytes) {
        SpoolSegment s = new SpoolSegment(seq, path, true);
        s.fileBytes = fileBytes;
        s.readableEnd = Math.min(fileBytes, HEADER_BYTES);
        return s;
    }

    FileChannel readChannel() throws IOException {
        if (channel == null) {
            channel = FileChannel.open(path, StandardOpenOption.READ);
        }
        return channel;
    }

    /** Appends {@code length} bytes of {@code frames}; on failure the file is cut back to its previous end. */
    void append(byte[] frames, int offset, int length) throws IOException {
        try {
            writeFully(channel, ByteBuffer.wrap(frames, offset, length), fileBytes);
        } catch (IOException e) {
            try {
                channel.truncate(fileBytes);
            } catch (IOException ignored) {
                // the torn tail stays; readers stop at fileBytes, and a later run skips it by its checksum
            }
            throw e;
        }
        fileBytes += length;
        readableEnd = fileBytes;
        unforced = true;
    }

    void force() throws IOException {
        channel.force(false);
        unforced = false;
    }

    void closeQuietly() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing to do
            }
        }
    }

    private static void writeFully(FileChannel ch, ByteBuffer data, long position) throws IOException {
        long at = position;
        while (data.hasRemaining()) {
            at += ch.write(data, at);
        }
    }

    /** What a scan of a whole segment found. */
    static final class Scan {
        boolean badHeader;
        /** Valid records at or after {@code start}. */
        long records;
        /** Torn or corrupt frames skipped. */
        long corrupt;
        /** Bytes skipped because of them. */
        long corruptBytes;
        /** Where replay starts: the checkpoint if it is a frame boundary, else the first frame. */
        long start = HEADER_BYTES;
        long readableEnd = HEADER_BYTES;
        boolean checkpointIgnored;
    }

    /** Reads the whole segment, checking every frame; {@code checkpoint} is a replay start to honour, or -1. */
    static Scan scan(FileChannel ch, long fileBytes, long checkpoint) throws IOException {
        Scan scan = new Scan();
        if (fileBytes < HEADER_BYTES) {
            scan.badHeader = fileBytes > 0;
            scan.readableEnd = fileBytes;
            scan.start = fileBytes;
            return scan;
        }
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
        readFully(ch, header, 0);
        header.flip();
        if (header.getInt() != MAGIC || header.getShort() != VERSION) {
            scan.badHeader = true;
            scan.readableEnd = HEADER_BYTES;
            return scan;
        }
        boolean honour = checkpoint > HEADER_BYTES && checkpoint <= fileBytes;
        long before = 0;
        boolean boundary = !honour;
        FrameReader reader = new FrameReader(ch, HEADER_BYTES, fileBytes, new CRC32C());
        long end;
        while (true) {
            long frameStart = reader.position();
            if (honour && frameStart == checkpoint) {
                boundary = true;
                before = scan.records;
            }
            FrameReader.Result r = reader.next(false);
            if (r == FrameReader.Result.END) {
                end = frameStart;
                break;
            }
            if (r == FrameReader.Result.VALID) {
                scan.records++;
            } else {
                scan.corrupt++;
                scan.corruptBytes += reader.skippedBytes();
                if (r == FrameReader.Result.TORN) {
                    end = frameStart; // replay stops before the torn tail
                    break;
                }
            }
        }
        scan.readableEnd = end;
        if (honour && boundary) {
            scan.start = checkpoint;
            scan.records -= before;
        } else {
            scan.checkpointIgnored = honour;
        }
        return scan;
    }

    /** What one {@link #read} returned. */
    static final class Read {
        final List<EncodedEvent> events = new ArrayList<>();
        long end;
        long corrupt;
    }

    /** Decodes records from {@code from} up to {@code limit}, at most {@code maxEvents} / about {@code maxBytes}. */
    Read read(long from, long limit, int maxEvents, long maxBytes) throws IOException {
        Read read = new Read();
        FrameReader reader = new FrameReader(readChannel(), from, limit, new CRC32C());
        long bytes = 0;
        while (read.events.size() < maxEvents && bytes < maxBytes) {
            FrameReader.Result r = reader.next(true);
            if (r == FrameReader.Result.END) {
                break;
            }
            if (r == FrameReader.Result.VALID) {
                read.events.add(reader.event());
                bytes += reader.event().size();
            } else {
                read.corrupt++;
                if (r == FrameReader.Result.TORN) {
                    break;
                }
            }
        }
        read.end = reader.position();
        return read;
    }

    private static void readFully(FileChannel ch, ByteBuffer into, long position) throws IOException {
        long at = position;
        while (into.hasRemaining()) {
            int n = ch.read(into, at);
            if (n < 0) {
                throw new IOException("unexpected end of file at " + at);
            }
            at += n;
        }
    }

    /**
     * Walks the frames of {@code [from, limit)} through a read window. A frame whose checksum fails but whose
     * length is plausible and within bounds is skipped by its length (the following frames are intact); a frame
     * whose length is implausible or runs past the limit ends the walk: it is a torn tail (or zeros), and
     * nothing after it can be trusted.
     */
    static final class FrameReader {
        enum Result { VALID, CORRUPT, TORN, END }

        private final FileChannel ch;
        private final long limit;
        private final CRC32C crc;
        private ByteBuffer window = ByteBuffer.allocate(READ_WINDOW_BYTES).limit(0);
        private long windowStart;
        private long position;
        private long skipped;
        private EncodedEvent event;

        FrameReader(FileChannel ch, long from, long limit, CRC32C crc) {
            this.ch = ch;
            this.position = from;
            this.windowStart = from;
            this.limit = limit;
            this.crc = crc;
        }

        long position() {
            return position;
        }

        long skippedBytes() {
            return skipped;
        }

        EncodedEvent event() {
            return event;
        }

        Result next(boolean decode) throws IOException {
            event = null;
            skipped = 0;
            long left = limit - position;
            if (left == 0) {
                return Result.END;
            }
            if (left < SpoolRecord.FRAME_HEADER_BYTES) {
                return torn(left);
            }
            int at = ensure(SpoolRecord.FRAME_HEADER_BYTES);
            int payload = window.getInt(at);
            if (!SpoolRecord.plausibleLength(payload) || SpoolRecord.FRAME_HEADER_BYTES + (long) payload > left) {
                return torn(left);
            }
            int frame = SpoolRecord.FRAME_HEADER_BYTES + payload;
            at = ensure(frame);
            if (window.getInt(at + 4) != SpoolRecord.checksum(window, at, payload, crc)) {
                position += frame;
                skipped = frame;
                return Result.CORRUPT;
            }
            if (decode) {
                event = SpoolRecord.decode(window, at + SpoolRecord.FRAME_HEADER_BYTES, payload);
                if (event == null) {
                    position += frame;
                    skipped = frame;
                    return Result.CORRUPT;
                }
            }
            position += frame;
            return Result.VALID;
        }

        private Result torn(long left) {
            position = limit;
            skipped = left;
            return Result.TORN;
        }

        /** Makes {@code n} bytes from {@link #position} available in the window; returns their index. */
        private int ensure(int n) throws IOException {
            if (position >= windowStart && position + n <= windowStart + window.limit()) {
                return (int) (position - windowStart);
            }
            if (window.capacity() < n) {
                window = ByteBuffer.allocate(n);
            }
            window.clear();
            int want = (int) Math.min(window.capacity(), limit - position);
            window.limit(want);
            readFully(ch, window, position);
            window.flip();
            windowStart = position;
            return 0;
        }
    }
}

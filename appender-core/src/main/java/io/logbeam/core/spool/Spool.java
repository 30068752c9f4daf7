package io.logbeam.core.spool;

import io.logbeam.core.event.EncodedEvent;
import io.logbeam.core.util.ConfigException;
import io.logbeam.core.util.Diagnostics;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import java.util.zip.CRC32C;

/**
 * A durable, bounded, append-only store of encoded events in {@code <spoolDirectory>/<appender name>/}: the
 * shipper puts events here that it can not deliver for now, and replays them, oldest first, when the
 * destination accepts again, in this run or the next one.
 *
 * <p>Layout: segment files {@code 00000000000000000001.seg}, ... (see {@link SpoolSegment}, {@link SpoolRecord}),
 * {@code replay.checkpoint} (how far the oldest segment has been replayed and settled), {@code destination.txt}
 * (what the events were written for) and {@code .lock} (see {@link SpoolLock}). A record is either whole in a
 * segment or absent: length and CRC32C framing make a torn write detectable, and it is skipped.
 *
 * <p>Thread safety: {@link #append} may be called from any Logbeam thread; {@link #recover}, {@link #nextChunk}
 * and {@link #settle} by the replayer. Used by the shipper; applications do not call it.
 *
 * <p>A {@link FileChannel} closes itself when the thread using it is interrupted, which would break the spool for
 * every other thread: each public method runs its I/O with the caller's interrupt status cleared, and restores
 * it afterwards.
 */
public final class Spool implements AutoCloseable {

    static final String CHECKPOINT_FILE = "replay.checkpoint";
    static final String DESTINATION_FILE = "destination.txt";
    private static final int CHECKPOINT_BYTES = 20;

    private final SpoolConfig config;
    private final String name;
    private final Path dir;
    private final Diagnostics diagnostics;
    private final SpoolLock lock;
    private final SpoolStats stats = new SpoolStats();
    private final ArrayDeque<SpoolSegment> segments = new ArrayDeque<>();
    private FileChannel checkpointChannel;
    private final long checkpointSeq;
    private final long checkpointOffset;
    private SpoolSegment active;
    private long nextSeq;
    private long totalBytes;
    private volatile long unread;
    private volatile boolean recovered;
    private boolean closed;
    private boolean writeFailing;
    private boolean checkpointFailing;
    private long writtenCheckpointSeq = -1;
    private long writtenCheckpointOffset = -1;

    private Spool(SpoolConfig config, String name, Path dir, Diagnostics diagnostics, SpoolLock lock)
            throws IOException {
        this.config = config;
        this.name = name;
        this.dir = dir;
        this.diagnostics = diagnostics;
        this.lock = lock;
        TreeMap<Long, Path> found = new TreeMap<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SpoolSegment.SUFFIX)) {
            for (Path file : files) {
                long seq = SpoolSegment.parseSeq(file.getFileName().toString());
                if (seq >= 0 && Files.isRegularFile(file)) {
                    found.put(seq, file);
                }
            }
        }
        for (var e : found.entrySet()) {
            long bytes = Files.size(e.getValue());
            segments.addLast(SpoolSegment.earlier(e.getValue(), e.getKey(), bytes));
            totalBytes += bytes;
        }
        this.checkpointChannel = FileChannel.open(dir.resolve(CHECKPOINT_FILE), StandardOpenOption.CREATE,
                StandardOpenOption.READ, StandardOpenOption.WRITE);
        long[] checkpoint;
        try {
            checkpoint = readCheckpoint(checkpointChannel);
        } catch (IOException e) {
            checkpointChannel.close();
            throw e;
        }
        this.checkpointSeq = checkpoint == null ? -1 : checkpoint[0];
        this.checkpointOffset = checkpoint == null ? -1 : checkpoint[1];
        this.nextSeq = Math.max(found.isEmpty() ? 0 : found.lastKey(), checkpointSeq) + 1;
        stats.bytes.set(totalBytes);
        recovered = segments.isEmpty();
    }

    /**
     * Opens (creating if needed) and locks the spool of appender {@code name}. Cheap: lists the directory; the
     * segments left by an earlier run are read by {@link #recover}, on the replayer's thread.
     *
     * @param destination the destination's description, kept to warn when the spool is replayed elsewhere
     * @throws ConfigException naming {@code spoolDirectory} when it can not be created, written or locked
     */
    public static Spool open(SpoolConfig config, String name, String destination, Diagnostics diagnostics) {
        return open(config, name, destination, diagnostics, null);
    }

    /**
     * Like {@link #open}, except when another spool of this JVM holds the directory (during a Log4j2
     * reconfiguration, the appender being replaced still runs): then returns null, and runs {@code whenReleased}
     * once that spool is closed, on the thread that closes it. {@code whenReleased} must not block: it should hand
     * the work over to a thread of its own, which calls this method again (another spool may have been quicker).
     * {@link #cancelWait} forgets it.
     *
     * @throws ConfigException as {@link #open}, in particular when another process holds the directory
     */
    public static Spool openOrWait(SpoolConfig config, String name, String destination, Diagnostics diagnostics,
            Runnable whenReleased) {
        return open(config, name, destination, diagnostics, Objects.requireNonNull(whenReleased));
    }

    /** Forgets a callback given to {@link #openOrWait}: it will not run. */
    public static void cancelWait(Runnable whenReleased) {
        SpoolLock.cancel(whenReleased);
    }

    /** The directory the spool of appender {@code name} uses, {@code <spoolDirectory>/<appender name>}. */
    public static Path directoryFor(SpoolConfig config, String name) {
        return config.directory().resolve(directoryName(name));
    }

    private static Spool open(SpoolConfig config, String name, String destination, Diagnostics diagnostics,
            Runnable whenReleased) {
        Path dir = directoryFor(config, name);
        boolean interrupted = Thread.interrupted();
        try {
            SpoolLock lock = SpoolLock.acquire(dir, whenReleased);
            if (lock == null) {
                return null; // held by another spool of this JVM; whenReleased waits for it
            }
            try {
                Spool spool = new Spool(config, name, dir, diagnostics, lock);
                spool.noteDestination(destination);
                return spool;
            } catch (IOException | RuntimeException e) {
                lock.release();
                if (e instanceof ConfigException) {
                    throw (ConfigException) e;
                }
                throw new ConfigException("spoolDirectory", "could not open the spool in '" + dir + "': " + e);
            }
        } finally {
            restoreInterrupt(interrupted);
        }
    }

    /** The appender's sub-directory name: its name with anything but letters, digits, '.', '_' and '-' replaced. */
    static String directoryName(String appenderName) {
        String safe = appenderName == null ? "" : appenderName.replaceAll("[^A-Za-z0-9._-]", "_");
        return safe.isEmpty() || safe.equals(".") || safe.equals("..") ? "_" + safe : safe;
    }

    /** The spool's own directory, {@code <spoolDirectory>/<appender name>}. */
    public Path directory() {
        return dir;
    }

    /** The settings. */
    public SpoolConfig config() {
        return config;
    }

    /** Live counters. */
    public SpoolStats stats() {
        return stats;
    }

    /** Whether there may be records that were not yet handed to the replayer. */
    public boolean hasUnread() {
        return !recovered || unread > 0;
    }

    /** Keeps what the events are written for, to warn when a spool is replayed elsewhere; a nicety only. */
    private void noteDestination(String destination) {
        Path file = dir.resolve(DESTINATION_FILE);
        try {
            if (!segments.isEmpty() && Files.exists(file)) {
                String before = Files.readString(file, StandardCharsets.UTF_8).trim();
                if (!before.equals(destination.trim())) {
                    say("the spool holds events written for " + before + "; they are replayed to " + destination);
                }
            }
            Files.writeString(file, destination + "\n", StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            say("could not record the destination in " + file + ": " + e);
        }
    }

    // ---------------------------------------------------------------- writing

    /**
     * Stores {@code events} at the end of the spool, making room per {@code spoolOverflow} when it is full (the
     * events given up are counted in {@link SpoolStats#dropped()}), and forces the writes per {@code spoolFsync}.
     *
     * @return the events the spool could not take because it is closed or a write failed (give them to the
     *         fallback); empty when every event was stored or dropped by the overflow policy
     */
    public List<EncodedEvent> append(List<EncodedEvent> events) {
        int n = events.size();
        if (n == 0) {
            return List.of();
        }
        // Encode outside the lock: writers on other threads only wait for the write itself.
        int[] sizes = new int[n];
        byte[][] logTypes = new byte[n][];
        byte[][] keys = new byte[n][];
        int total = 0;
        for (int i = 0; i < n; i++) {
            EncodedEvent e = events.get(i);
            logTypes[i] = SpoolRecord.utf8(e.logType() == null ? "" : e.logType());
            keys[i] = SpoolRecord.utf8(e.partitionKey());
            sizes[i] = SpoolRecord.frameSize(e, logTypes[i], keys[i]);
            total += sizes[i];
        }
        ByteBuffer frames = ByteBuffer.allocate(total);
        CRC32C crc = new CRC32C();
        for (int i = 0; i < n; i++) {
            SpoolRecord.write(frames, events.get(i), logTypes[i], keys[i], crc);
        }
        boolean interrupted = Thread.interrupted();
        try {
            synchronized (this) {
                return appendFrames(events, frames.array(), sizes);
            }
        } finally {
            restoreInterrupt(interrupted);
        }
    }

    private static void restoreInterrupt(boolean interrupted) {
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private List<EncodedEvent> appendFrames(List<EncodedEvent> events, byte[] frames, int[] sizes) {
        if (closed) {
            return events;
        }
        int n = sizes.length;
        int i = 0;
        int offset = 0;
        long refused = 0;
        try {
            while (i < n) {
                int size = sizes[i];
                long need = size + (needsNewSegment(size) ? SpoolSegment.HEADER_BYTES : 0);
                if (totalBytes + need > config.maxBytes()) {
                    if (config.overflow() == SpoolOverflow.DROP_NEWEST) {
                        refused += n - i; // everything newer than what fits
                        break;
                    }
                    while (totalBytes + need > config.maxBytes() && !segments.isEmpty()) {
                        dropOldestSegment();
                        need = size + (needsNewSegment(size) ? SpoolSegment.HEADER_BYTES : 0);
                    }
                    if (totalBytes + need > config.maxBytes()) {
                        refused++; // larger than the whole spool
                        offset += size;
                        i++;
                        continue;
                    }
                }
                if (needsNewSegment(size)) {
                    rotate();
                }
                int j = i + 1;
                long run = size;
                if (config.fsync() != SpoolFsync.ALWAYS) {
                    while (j < n && active.fileBytes + run + sizes[j] <= config.segmentBytes()
                            && totalBytes + run + sizes[j] <= config.maxBytes()) {
                        run += sizes[j];
                        j++;
                    }
                }
                active.append(frames, offset, (int) run);
                int stored = j - i;
                totalBytes += run;
                active.records += stored;
                unread += stored;
                stats.spooled.add(stored);
                stats.events.addAndGet(stored);
                if (config.fsync() == SpoolFsync.ALWAYS) {
                    force(active);
                }
                offset += (int) run;
                i = j;
            }
            if (config.fsync() == SpoolFsync.BATCH && active != null && active.unforced) {
                force(active);
            }
        } catch (IOException e) {
            if (!writeFailing) {
                writeFailing = true;
                say("could not write to the spool in " + dir + " (" + e + "); events go to the fallback until "
                        + "writing works again");
            }
            if (active != null) {
                // Never append after a failed write: the next batch starts a fresh segment.
                seal(active);
            }
            return new ArrayList<>(events.subList(i, n));
        } finally {
            if (refused > 0) {
                stats.dropped.add(refused);
            }
            stats.bytes.set(totalBytes);
        }
        if (writeFailing) {
            writeFailing = false;
            say("writing to the spool works again");
        }
        return List.of();
    }

    private boolean needsNewSegment(int frameSize) {
        return active == null || (active.fileBytes + frameSize > config.segmentBytes() && active.records > 0);
    }

    private void rotate() throws IOException {
        if (active != null) {
            seal(active);
        }
        SpoolSegment segment = SpoolSegment.create(dir, nextSeq++);
        segments.addLast(segment);
        active = segment;
        totalBytes += SpoolSegment.HEADER_BYTES;
        if (config.fsync() != SpoolFsync.NEVER) {
            force(segment);
            forceDirectory();
        }
    }

    /** Ends appending to {@code segment}; deletes it at once if it was replayed entirely already. */
    private void seal(SpoolSegment segment) {
        if (config.fsync() != SpoolFsync.NEVER && segment.unforced) {
            try {
                force(segment);
            } catch (IOException e) {
                say("could not force " + segment.path + ": " + e);
            }
        }
        active = null;
        deleteIfSettled(segment);
    }

    private void force(SpoolSegment segment) throws IOException {
        segment.force();
    }

    /** Makes the creation of a segment file durable too (not supported on every platform: best effort). */
    private void forceDirectory() {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | RuntimeException ignored) {
            // e.g. Windows can not open a directory; the file data itself is forced
        }
    }

    /** Deletes the oldest segment to make room; its events not yet handed to the replayer are lost and counted. */
    private void dropOldestSegment() {
        SpoolSegment oldest = segments.peekFirst();
        if (!oldest.scanned) {
            scanNow(oldest);
        }
        long lost = oldest.records - oldest.readRecords;
        stats.dropped.add(lost);
        stats.events.addAndGet(-lost);
        unread -= lost;
        delete(oldest);
    }

    // ---------------------------------------------------------------- recovery and replay

    /**
     * Reads every segment left by an earlier run, counting its records and finding torn or corrupt ones, so that
     * replay can start. Called once by the replayer before its first {@link #nextChunk}.
     *
     * @param cancelled checked between segments: true stops the scan (the shipper is stopping)
     */
    public void recover(BooleanSupplier cancelled) {
        boolean interrupted = Thread.interrupted();
        try {
            recoverSegments(cancelled);
        } finally {
            restoreInterrupt(interrupted);
        }
    }

    private void recoverSegments(BooleanSupplier cancelled) {
        List<SpoolSegment> todo = new ArrayList<>();
        synchronized (this) {
            for (SpoolSegment s : segments) {
                if (!s.scanned) {
                    todo.add(s);
                }
            }
        }
        long foundEvents = 0;
        long foundBytes = 0;
        for (SpoolSegment s : todo) {
            if (cancelled.getAsBoolean()) {
                return;
            }
            SpoolSegment.Scan scan;
            long checkpoint;
            FileChannel channel;
            synchronized (this) {
                if (closed || s.dropped || s.scanned) {
                    continue;
                }
                checkpoint = checkpointFor(s);
                try {
                    channel = s.readChannel();
                } catch (IOException e) {
                    unreadable(s, e);
                    continue;
                }
            }
            try {
                scan = SpoolSegment.scan(channel, s.fileBytes, checkpoint);
            } catch (IOException e) {
                synchronized (this) {
                    unreadable(s, e);
                }
                continue;
            }
            synchronized (this) {
                if (!closed && !s.dropped && !s.scanned) {
                    apply(s, scan);
                    foundEvents += s.records;
                    foundBytes += s.fileBytes;
                }
            }
        }
        recovered = true;
        if (foundEvents > 0) {
            say("replaying " + foundEvents + " events (" + foundBytes + " bytes) left in the spool " + dir
                    + " by an earlier run");
        }
    }

    /**
     * The checkpoint applies to the segment it names. It is only ever written for the oldest segment, so every
     * older one was deleted (or is of a foreign format) when it was written.
     */
    private long checkpointFor(SpoolSegment s) {
        return s.seq == checkpointSeq ? checkpointOffset : -1;
    }

    private void scanNow(SpoolSegment s) {
        try {
            apply(s, SpoolSegment.scan(s.readChannel(), s.fileBytes, checkpointFor(s)));
        } catch (IOException e) {
            unreadable(s, e);
        }
    }

    private void apply(SpoolSegment s, SpoolSegment.Scan scan) {
        s.scanned = true;
        if (scan.badHeader) {
            say("skipped " + s.path + ": not a spool segment of a format this version knows (" + s.fileBytes
                    + " bytes); it is kept, and deleted only when the spool needs the room");
            s.foreign = true;
            s.records = 0;
            s.readOffset = s.settledOffset = s.readableEnd = s.fileBytes;
            return;
        }
        s.records = scan.records;
        s.readOffset = s.settledOffset = scan.start;
        s.readableEnd = scan.readableEnd;
        unread += scan.records;
        stats.events.addAndGet(scan.records);
        stats.recovered.add(scan.records);
        if (scan.corrupt > 0) {
            stats.corrupt.add(scan.corrupt);
            say("skipped " + scan.corrupt + " torn or corrupt record(s) (" + scan.corruptBytes + " bytes) in " + s.path
                    + " (a crash during a write, or damage); the other records are replayed");
        }
        if (scan.checkpointIgnored) {
            say("the replay checkpoint of " + s.path + " is not at a record boundary; replaying the whole segment "
                    + "(events may arrive twice)");
        }
        deleteIfSettled(s);
    }

    private void unreadable(SpoolSegment s, IOException e) {
        s.scanned = true;
        long lost = s.records - s.readRecords;
        s.readOffset = s.settledOffset = s.readableEnd = s.fileBytes;
        if (lost > 0) {
            unread -= lost;
            stats.events.addAndGet(-lost);
            stats.dropped.add(lost);
        }
        say("could not read " + s.path + " (" + e + "); skipped" + (lost > 0 ? ", " + lost + " events lost" : ""));
    }

    /**
     * The next records to replay, oldest first, at most {@code maxEvents} and about {@code maxBytes} of JSON, all
     * from one segment; null when every record has been handed out. Replayer thread only.
     */
    public SpoolChunk nextChunk(int maxEvents, long maxBytes) {
        boolean interrupted = Thread.interrupted();
        try {
            return readChunk(maxEvents, maxBytes);
        } finally {
            restoreInterrupt(interrupted);
        }
    }

    private SpoolChunk readChunk(int maxEvents, long maxBytes) {
        while (true) {
            SpoolSegment segment;
            long from;
            long limit;
            synchronized (this) {
                segment = firstUnread();
                if (segment == null) {
                    return null;
                }
                from = segment.readOffset;
                limit = segment.readableEnd;
            }
            SpoolSegment.Read read;
            try {
                read = segment.read(from, limit, maxEvents, maxBytes);
            } catch (IOException e) {
                synchronized (this) {
                    if (!segment.dropped) {
                        unreadable(segment, e);
                        deleteIfSettled(segment);
                    }
                }
                continue;
            }
            synchronized (this) {
                if (closed) {
                    return null;
                }
                if (segment.dropped || segment.readOffset != from) {
                    continue; // dropped to make room meanwhile: its events were counted as dropped
                }
                int n = read.events.size();
                segment.readOffset = read.end;
                segment.readRecords += n;
                unread -= n;
                if (read.corrupt > 0 && !segment.earlier) {
                    stats.corrupt.add(read.corrupt);
                    say("skipped " + read.corrupt + " corrupt record(s) in " + segment.path);
                }
                stats.replayed.add(n);
                SpoolChunk chunk = new SpoolChunk(segment, from, read.end, read.events);
                segment.chunks.addLast(chunk);
                if (n == 0) {
                    settleChunk(chunk);
                    continue;
                }
                return chunk;
            }
        }
    }

    private SpoolSegment firstUnread() {
        if (closed) {
            return null;
        }
        for (SpoolSegment s : segments) {
            if (s.scanned && s.readOffset < s.readableEnd) {
                return s;
            }
        }
        return null;
    }

    /**
     * Records that every event of {@code chunk} is settled: delivered, given to the fallback or stored again. The
     * replay checkpoint advances, and a segment whose records are all settled is deleted.
     */
    public void settle(SpoolChunk chunk) {
        boolean interrupted = Thread.interrupted();
        try {
            synchronized (this) {
                settleChunk(chunk);
            }
        } finally {
            restoreInterrupt(interrupted);
        }
    }

    private void settleChunk(SpoolChunk chunk) {
        if (chunk.settled) {
            return;
        }
        chunk.settled = true;
        stats.events.addAndGet(-chunk.events().size());
        SpoolSegment s = chunk.segment;
        if (s.dropped || closed) {
            return;
        }
        while (!s.chunks.isEmpty() && s.chunks.peekFirst().settled) {
            s.settledOffset = s.chunks.pollFirst().end;
        }
        if (!deleteIfSettled(s)) {
            writeCheckpoint();
        }
    }

    /** Deletes {@code s} if every record in it was handed to the replayer and settled; true if it did. */
    private boolean deleteIfSettled(SpoolSegment s) {
        if (s.dropped || s.foreign || !s.scanned || !s.chunks.isEmpty() || s.readOffset < s.readableEnd) {
            return false;
        }
        delete(s);
        return true;
    }

    private void delete(SpoolSegment s) {
        segments.remove(s);
        s.dropped = true;
        if (s == active) {
            active = null;
        }
        s.closeQuietly();
        totalBytes -= s.fileBytes;
        stats.bytes.set(totalBytes);
        try {
            Files.deleteIfExists(s.path);
        } catch (IOException e) {
            say("could not delete " + s.path + ": " + e);
        }
        writeCheckpoint();
    }

    // ---------------------------------------------------------------- checkpoint

    private static long[] readCheckpoint(FileChannel ch) throws IOException {
        if (ch.size() < CHECKPOINT_BYTES) {
            return null;
        }
        ByteBuffer buf = ByteBuffer.allocate(CHECKPOINT_BYTES);
        while (buf.hasRemaining() && ch.read(buf, buf.position()) > 0) {
            // fill
        }
        if (buf.hasRemaining()) {
            return null;
        }
        CRC32C crc = new CRC32C();
        crc.update(buf.array(), 0, 16);
        if ((int) crc.getValue() != buf.getInt(16)) {
            return null; // torn: replay from the start of the oldest segment (at-least-once)
        }
        return new long[] {buf.getLong(0), buf.getLong(8)};
    }

    /**
     * Records how far the oldest segment is settled. Not forced: after a power loss a stale checkpoint only
     * means that some events are replayed twice.
     */
    private void writeCheckpoint() {
        SpoolSegment oldest = null;
        for (SpoolSegment s : segments) {
            if (!s.foreign) {
                oldest = s;
                break;
            }
        }
        if (oldest == null || !oldest.scanned) {
            return; // nothing to record, or an earlier run's checkpoint that still holds
        }
        if (oldest.seq == writtenCheckpointSeq && oldest.settledOffset == writtenCheckpointOffset) {
            return;
        }
        ByteBuffer buf = ByteBuffer.allocate(CHECKPOINT_BYTES);
        buf.putLong(oldest.seq).putLong(oldest.settledOffset);
        CRC32C crc = new CRC32C();
        crc.update(buf.array(), 0, 16);
        buf.putInt((int) crc.getValue()).flip();
        try {
            if (!checkpointChannel.isOpen()) {
                // Closed under an interrupted thread despite the precautions: the file is still there.
                checkpointChannel = FileChannel.open(dir.resolve(CHECKPOINT_FILE), StandardOpenOption.CREATE,
                        StandardOpenOption.WRITE);
            }
            while (buf.hasRemaining()) {
                checkpointChannel.write(buf, buf.position());
            }
            writtenCheckpointSeq = oldest.seq;
            writtenCheckpointOffset = oldest.settledOffset;
            checkpointFailing = false;
        } catch (IOException e) {
            if (!checkpointFailing) {
                checkpointFailing = true;
                say("could not write the replay checkpoint (" + e + "); after a restart some events may be "
                        + "replayed twice");
            }
        }
    }

    // ---------------------------------------------------------------- closing

    /**
     * Forces what was written (unless {@code spoolFsync=never}), records the replay checkpoint, closes the files
     * and releases the lock. Appends afterwards are refused. Idempotent.
     */
    @Override
    public void close() {
        boolean interrupted = Thread.interrupted();
        try {
            synchronized (this) {
                closeFiles();
            }
        } finally {
            restoreInterrupt(interrupted);
        }
    }

    private void closeFiles() {
        if (closed) {
            return;
        }
        if (active != null) {
            seal(active); // deletes it when nothing in it is waiting
        }
        writeCheckpoint();
        closed = true;
        for (SpoolSegment s : segments) {
            s.closeQuietly();
        }
        try {
            checkpointChannel.close();
        } catch (IOException ignored) {
            // nothing to do
        }
        lock.release();
    }

    private void say(String message) {
        diagnostics.report(name, "spool: " + message);
    }

    @Override
    public synchronized String toString() {
        return "spool " + dir + " (" + segments.size() + " segments, " + totalBytes + " bytes, " + unread + " unread)";
    }
}

package io.logbeam.core.spool;

import io.logbeam.core.util.ConfigException;
import io.logbeam.core.util.HostInfo;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Exclusive use of one spool directory for the life of a shipper: an operating-system lock on
 * {@code <dir>/.lock} against other processes, and a JVM-wide registry against other shippers of this JVM.
 * The registry also matters because the file lock is per process: a second channel on the same file in the
 * same JVM would not be refused, and closing it would release the first one's lock.
 *
 * <p>A shipper that finds the directory held by another shipper of this JVM (Log4j2 starts a reconfigured
 * appender before it stops the one it replaces) may wait for it: {@link #acquire(Path, Runnable)} registers a
 * callback that the holder's {@link #release()} runs.
 */
final class SpoolLock {

    static final String FILE_NAME = ".lock";

    /** Guards {@link #HELD}. */
    private static final Object REGISTRY = new Object();
    /** The directories held by this JVM (real paths), each with the callbacks waiting for its release. */
    private static final Map<Path, List<Runnable>> HELD = new HashMap<>();

    private final Path key;
    private final FileChannel channel;
    private final FileLock lock;

    private SpoolLock(Path key, FileChannel channel, FileLock lock) {
        this.key = key;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Creates {@code dir} if missing and locks it.
     *
     * @throws ConfigException naming {@code spoolDirectory} when the directory can not be created or written,
     *                         or is in use by another shipper of this or another process
     */
    static SpoolLock acquire(Path dir) {
        return acquire(dir, null);
    }

    /**
     * Like {@link #acquire(Path)}, except when another spool of this JVM holds {@code dir}: then, if
     * {@code whenReleased} is not null, registers it and returns null. {@code whenReleased} runs once, on the
     * thread that releases the directory (it must not block: hand the work over to a thread of your own, and
     * acquire again there, as someone else may have been quicker), unless {@link #cancel cancelled} first.
     *
     * @throws ConfigException as {@link #acquire(Path)}, except for the case above
     */
    static SpoolLock acquire(Path dir, Runnable whenReleased) {
        try {
            Files.createDirectories(dir);
        } catch (IOException | SecurityException e) {
            throw new ConfigException("spoolDirectory", "could not create the directory '" + dir + "': " + e);
        }
        if (!Files.isWritable(dir)) {
            throw new ConfigException("spoolDirectory", "the directory '" + dir + "' is not writable by this process");
        }
        Path key;
        try {
            key = dir.toRealPath();
        } catch (IOException e) {
            throw new ConfigException("spoolDirectory", "could not resolve '" + dir + "': " + e);
        }
        synchronized (REGISTRY) {
            List<Runnable> waiters = HELD.get(key);
            if (waiters != null) {
                if (whenReleased == null) {
                    throw new ConfigException("spoolDirectory", "'" + dir + "' is already used by another running "
                            + "appender of this JVM with the same name (or one that maps to the same directory); two "
                            + "appenders must never share a spool");
                }
                waiters.add(whenReleased);
                return null;
            }
            HELD.put(key, new ArrayList<>());
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(key.resolve(FILE_NAME), StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                String owner = owner(channel);
                throw new ConfigException("spoolDirectory", "'" + dir + "' is locked by another process"
                        + (owner.isEmpty() ? "" : " (" + owner + ")") + "; several JVMs must not share one spool "
                        + "directory: give each JVM its own");
            }
            channel.truncate(0);
            byte[] me = ("pid " + HostInfo.pid() + " on " + HostInfo.hostname() + " since " + Instant.now() + "\n")
                    .getBytes(StandardCharsets.UTF_8);
            channel.write(ByteBuffer.wrap(me), 0);
            return new SpoolLock(key, channel, lock);
        } catch (IOException | OverlappingFileLockException e) {
            closeQuietly(channel);
            unregister(key);
            throw new ConfigException("spoolDirectory", "could not lock '" + dir + "': " + e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            unregister(key);
            throw e;
        }
    }

    private static String owner(FileChannel channel) {
        try {
            ByteBuffer buf = ByteBuffer.allocate(256);
            channel.read(buf, 0);
            return new String(buf.array(), 0, buf.position(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            return "";
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing to do
            }
        }
    }

    /** Releases the lock; the file stays (deleting it would let two processes lock different files). */
    void release() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel releases it too
        }
        closeQuietly(channel);
        unregister(key);
    }

    /** Forgets {@code whenReleased} if it waits for a directory; it will not run. */
    static void cancel(Runnable whenReleased) {
        synchronized (REGISTRY) {
            for (List<Runnable> waiters : HELD.values()) {
                waiters.removeIf(w -> w == whenReleased);
            }
        }
    }

    /** Frees {@code key} for the next spool and runs the callbacks that waited for it, on this thread. */
    private static void unregister(Path key) {
        List<Runnable> waiters;
        synchronized (REGISTRY) {
            waiters = HELD.remove(key);
        }
        if (waiters == null) {
            return;
        }
        for (Runnable w : waiters) {
            try {
                w.run();
            } catch (RuntimeException e) {
                // a waiter's problem must not break the release (it reports its own problems)
            }
        }
    }
}

package io.logbeam.core.spool;

import io.logbeam.core.ConfigException;
import io.logbeam.core.HostInfo;

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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Exclusive use of one spool directory for the life of a shipper: an operating-system lock on
 * {@code <dir>/.lock} against other processes, and a JVM-wide registry against other shippers of this JVM.
 * The registry also matters because the file lock is per process: a second channel on the same file in the
 * same JVM would not be refused, and closing it would release the first one's lock.
 */
final class SpoolLock {

    static final String FILE_NAME = ".lock";

    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

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
        if (!HELD.add(key)) {
            throw new ConfigException("spoolDirectory", "'" + dir + "' is already used by another running appender of "
                    + "this JVM with the same name (or one that maps to the same directory); two appenders must never "
                    + "share a spool");
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
            HELD.remove(key);
            throw new ConfigException("spoolDirectory", "could not lock '" + dir + "': " + e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            HELD.remove(key);
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
        HELD.remove(key);
    }
}

package io.logbeam.consumer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * The events of one group (one log type, or the unknown prefix), written as gzip'd NDJSON while they come, so a
 * batch is held compressed, not as objects. Knows the first and last event time, the first {@code log_id}, and
 * which source records contributed (to report them when storing the group fails).
 */
public final class EventGroup {

    private final String name;
    private final ByteArrayOutputStream compressed = new ByteArrayOutputStream(16 * 1024);
    private final GZIPOutputStream gzip;
    private final Set<String> sources = new LinkedHashSet<>();
    private int events;
    private long uncompressedBytes;
    private Instant firstTime;
    private Instant lastTime;
    private String firstLogId;
    private String firstSource;
    private Instant firstArrival;

    EventGroup(String name) {
        this.name = name;
        try {
            gzip = new GZIPOutputStream(compressed, 64 * 1024) {
                {
                    def.setLevel(Deflater.DEFAULT_COMPRESSION);
                }
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Appends {@code event} as one line; {@code source} is the record it came from. */
    void add(LogEvent event, SourceRecord source) {
        write(event.json(), source);
        Instant time = event.instant();
        if (events == 1) {
            firstLogId = event.logId();
        }
        if (time != null) {
            if (firstTime == null) {
                firstTime = time;
            }
            lastTime = time;
        }
    }

    /** Appends one line that is not an event (e.g. a failure's description). */
    void addLine(byte[] line, SourceRecord source) {
        write(line, source);
    }

    private void write(byte[] line, SourceRecord source) {
        try {
            gzip.write(line);
            gzip.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
        }
        events++;
        uncompressedBytes += line.length + 1;
        if (sources.add(source.id()) && firstSource == null) {
            firstSource = source.id();
            firstArrival = source.arrival();
        }
    }

    /** Ends the gzip stream and returns the object's bytes; nothing may be added afterwards. */
    byte[] finish() {
        try {
            gzip.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return compressed.toByteArray();
    }

    /** The log type, or the unknown prefix. */
    public String name() {
        return name;
    }

    /** Lines written. */
    public int events() {
        return events;
    }

    /** Bytes of NDJSON before compression. */
    public long uncompressedBytes() {
        return uncompressedBytes;
    }

    /**
     * Time of the first event that has a readable time, else the first record's arrival (else the epoch: a key
     * must not depend on when it is computed).
     */
    public Instant firstTime() {
        return firstTime != null ? firstTime : firstArrival != null ? firstArrival : Instant.EPOCH;
    }

    /** Time of the last event that has a readable time, else as {@link #firstTime()}. */
    public Instant lastTime() {
        return lastTime != null ? lastTime : firstTime();
    }

    /** The first event's {@code log_id}, or null. */
    public String firstLogId() {
        return firstLogId;
    }

    /** Id of the first contributing record. */
    public String firstSource() {
        return firstSource;
    }

    /** Ids of every contributing record, in order. */
    public Set<String> sources() {
        return sources;
    }
}

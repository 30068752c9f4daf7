package io.logbeam.core.spool;

import io.logbeam.core.event.EncodedEvent;

import java.util.List;

/**
 * Consecutive records of one segment handed to the replayer. Once every event of the chunk has been delivered,
 * given to the fallback or stored again, the replayer calls {@link Spool#settle}: the segment's replay checkpoint
 * moves past the chunk, and the segment file is deleted when nothing in it is left.
 */
public final class SpoolChunk {

    final SpoolSegment segment;
    final long start;
    final long end;
    private final List<EncodedEvent> events;
    boolean settled;

    SpoolChunk(SpoolSegment segment, long start, long end, List<EncodedEvent> events) {
        this.segment = segment;
        this.start = start;
        this.end = end;
        this.events = events;
    }

    /** The events, oldest first. */
    public List<EncodedEvent> events() {
        return events;
    }

    @Override
    public String toString() {
        return "chunk of " + events.size() + " events from " + segment.path.getFileName() + " [" + start + ", " + end
                + ")";
    }
}

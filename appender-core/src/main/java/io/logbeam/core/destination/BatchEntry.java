package io.logbeam.core.destination;

import io.logbeam.core.event.EncodedEvent;
import java.util.List;

/**
 * One entry of a request in a destination's wire form (a Kinesis record, a Firehose record, a CloudWatch
 * log event) with the events it carries: one, or many when records are aggregated or packed. The sender
 * accounts, retries and falls back per entry, and reports per event.
 */
public final class BatchEntry {

    private final Object wire;
    private final List<EncodedEvent> events;
    private final int bytes;

    /**
     * @param wire   the destination's request entry (e.g. {@code PutRecordsRequestEntry})
     * @param events the events inside it, in order
     * @param bytes  what the entry counts against the request size limit
     */
    public BatchEntry(Object wire, List<EncodedEvent> events, int bytes) {
        this.wire = wire;
        this.events = events;
        this.bytes = bytes;
    }

    /** The destination's request entry; cast by the destination that built it. */
    @SuppressWarnings("unchecked")
    public <T> T wire() {
        return (T) wire;
    }

    /** The events inside. */
    public List<EncodedEvent> events() {
        return events;
    }

    /** Bytes counted against the request limit. */
    public int bytes() {
        return bytes;
    }
}

package io.logbeam.core.destination;

import io.logbeam.core.event.EncodedEvent;
import java.util.List;

/** Where a {@link Batcher} hands its output. */
public interface BatchSink {

    /** A complete request's entries, within every limit of the destination. */
    void emit(List<BatchEntry> entries);

    /** An event that must not be sent at all (e.g. too old for CloudWatch Logs), with the reason. */
    void reject(EncodedEvent event, String reason);
}

package io.logbeam.core.destination;

import io.logbeam.core.event.EncodedEvent;
import java.util.function.Function;

/**
 * The plain batcher: one event per entry, entries collected into requests by a {@link RequestAccumulator}.
 */
public final class SingleEventBatcher implements Batcher {

    private final RequestAccumulator request;
    private final Function<EncodedEvent, BatchEntry> toEntry;

    /**
     * @param maxEntries entries per request
     * @param maxBytes   bytes per request
     * @param toEntry    builds the destination's entry for one event (the event already fits one entry)
     */
    public SingleEventBatcher(int maxEntries, long maxBytes, Function<EncodedEvent, BatchEntry> toEntry) {
        this.request = new RequestAccumulator(maxEntries, maxBytes);
        this.toEntry = toEntry;
    }

    @Override
    public void add(EncodedEvent event, BatchSink sink) {
        request.add(toEntry.apply(event), sink);
    }

    @Override
    public void drain(BatchSink sink) {
        request.emit(sink);
    }

    @Override
    public boolean isEmpty() {
        return request.isEmpty();
    }
}

package io.logbeam.core.testing;

import io.logbeam.core.event.EncodedEvent;
import io.logbeam.core.fallback.Fallback;

import java.util.ArrayList;
import java.util.List;

/** Records what reached the fallback, with reasons. */
public final class CapturingFallback implements Fallback {

    public record Entry(EncodedEvent event, String reason) {
    }

    private final List<Entry> entries = new ArrayList<>();

    @Override
    public synchronized void undelivered(String name, List<EncodedEvent> events, String reason) {
        for (EncodedEvent e : events) {
            entries.add(new Entry(e, reason));
        }
    }

    public synchronized List<Entry> entries() {
        return new ArrayList<>(entries);
    }

    public synchronized int size() {
        return entries.size();
    }
}

package io.logbeam.core.destination;

import java.util.ArrayList;
import java.util.List;

/**
 * Collects entries into one request until the next entry would break the request's entry-count or byte
 * limit, then emits it. The part of batching every destination shares; what an entry is (one event, an
 * aggregate, a packed record, a log event) is up to the destination's batcher.
 */
public final class RequestAccumulator {

    private final int maxEntries;
    private final long maxBytes;
    private List<BatchEntry> entries = new ArrayList<>();
    private long bytes;

    /**
     * @param maxEntries entries per request
     * @param maxBytes   bytes per request, as the service counts them
     */
    public RequestAccumulator(int maxEntries, long maxBytes) {
        if (maxEntries < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
    }

    /**
     * Adds {@code entry}, first emitting the open request if the entry would not fit in it.
     *
     * @throws IllegalArgumentException if the entry alone exceeds the request byte limit (a batcher bug)
     */
    public void add(BatchEntry entry, BatchSink sink) {
        if (entry.bytes() > maxBytes) {
            throw new IllegalArgumentException("entry of " + entry.bytes() + " bytes exceeds the request limit of "
                    + maxBytes);
        }
        if (!entries.isEmpty() && (entries.size() >= maxEntries || bytes + entry.bytes() > maxBytes)) {
            emit(sink);
        }
        entries.add(entry);
        bytes += entry.bytes();
        if (entries.size() >= maxEntries || bytes >= maxBytes) {
            emit(sink);
        }
    }

    /** Emits the open request, if any. */
    public void emit(BatchSink sink) {
        if (entries.isEmpty()) {
            return;
        }
        List<BatchEntry> full = entries;
        entries = new ArrayList<>(Math.min(full.size() * 2, maxEntries));
        bytes = 0;
        sink.emit(full);
    }

    /** Whether no entry is held. */
    public boolean isEmpty() {
        return entries.isEmpty();
    }

    /** Entries held. */
    public int size() {
        return entries.size();
    }

    /** Bytes held. */
    public long bytes() {
        return bytes;
    }
}

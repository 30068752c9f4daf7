package io.logbeam.logback.testing;

import io.logbeam.core.destination.BatchEntry;
import io.logbeam.core.destination.Batcher;
import io.logbeam.core.destination.Destination;
import io.logbeam.core.destination.Failure;
import io.logbeam.core.destination.SendOutcome;
import io.logbeam.core.destination.SingleEventBatcher;
import io.logbeam.core.event.EncodedEvent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An in-memory destination for testing the Logback glue without AWS: records every request. Instances are
 * looked up by id, so a {@code logback.xml} can name the one a test inspects.
 */
public final class MemoryDestination implements Destination {

    private static final Map<String, MemoryDestination> BY_ID = new ConcurrentHashMap<>();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String id;
    private final List<List<EncodedEvent>> requests = new ArrayList<>();
    private volatile boolean closed;
    private volatile boolean rejectAll;

    private MemoryDestination(String id) {
        this.id = id;
    }

    /** The destination with {@code id}, created on first use. */
    public static MemoryDestination get(String id) {
        return BY_ID.computeIfAbsent(id, MemoryDestination::new);
    }

    /** Forgets the destination with {@code id}, so the next test starts empty. */
    public static void reset(String id) {
        BY_ID.remove(id);
    }

    @Override
    public String describe() {
        return "memory destination '" + id + "'";
    }

    @Override
    public int maxEventBytes() {
        return 256 * 1024;
    }

    @Override
    public Batcher newBatcher() {
        return new SingleEventBatcher(500, 5 * 1024 * 1024, e -> new BatchEntry(e, List.of(e), e.size()));
    }

    @Override
    public void open() {
    }

    /** From now on every request is refused for good (as a service's validation error would). */
    public MemoryDestination rejectAll() {
        rejectAll = true;
        return this;
    }

    @Override
    public synchronized SendOutcome send(List<BatchEntry> entries) {
        if (rejectAll) {
            return SendOutcome.failed(Failure.rejected("ValidationException", "memory destination refuses everything"));
        }
        List<EncodedEvent> request = new ArrayList<>();
        for (BatchEntry entry : entries) {
            request.add(entry.<EncodedEvent>wire());
        }
        requests.add(request);
        return SendOutcome.delivered();
    }

    /** Every delivered event, in order. */
    public synchronized List<EncodedEvent> events() {
        List<EncodedEvent> all = new ArrayList<>();
        requests.forEach(all::addAll);
        return all;
    }

    /** Every delivered event, parsed. */
    public List<JsonNode> json() {
        List<JsonNode> out = new ArrayList<>();
        for (EncodedEvent e : events()) {
            try {
                out.add(JSON.readTree(e.json()));
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
        return out;
    }

    /** The requests made so far. */
    public synchronized int requestCount() {
        return requests.size();
    }

    public boolean closed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
    }
}

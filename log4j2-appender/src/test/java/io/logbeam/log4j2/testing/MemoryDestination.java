package io.logbeam.log4j2.testing;

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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory destination, found by sink name, for tests of the Log4j2 glue that need no AWS wire: records
 * every delivered event and every request; can hold requests behind a gate.
 */
public final class MemoryDestination implements Destination {

    private static final Map<String, MemoryDestination> SINKS = new ConcurrentHashMap<>();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String sink;
    private final List<EncodedEvent> delivered = new ArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger opened = new AtomicInteger();
    private final AtomicInteger closed = new AtomicInteger();
    private volatile CountDownLatch gate = new CountDownLatch(0);
    private volatile Runnable onSend = () -> { };

    private MemoryDestination(String sink) {
        this.sink = sink;
    }

    /** The destination of sink {@code name}, created on first use and shared by every shipper naming it. */
    public static MemoryDestination named(String name) {
        return SINKS.computeIfAbsent(name, MemoryDestination::new);
    }

    /** Holds every request until {@link #openGate()}. */
    public MemoryDestination closeGate() {
        gate = new CountDownLatch(1);
        return this;
    }

    public void openGate() {
        gate.countDown();
    }

    /** Runs {@code action} on the sending thread at each request (e.g. to log from Logbeam's own thread). */
    public MemoryDestination onSend(Runnable action) {
        this.onSend = action;
        return this;
    }

    @Override
    public String describe() {
        return "memory sink '" + sink + "'";
    }

    @Override
    public int maxEventBytes() {
        return 256 * 1024;
    }

    @Override
    public Batcher newBatcher() {
        return new SingleEventBatcher(500, 4 * 1024 * 1024, e -> new BatchEntry(e, List.of(e), e.size()));
    }

    @Override
    public void open() {
        opened.incrementAndGet();
    }

    @Override
    public SendOutcome send(List<BatchEntry> entries) {
        requests.incrementAndGet();
        onSend.run();
        try {
            gate.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return SendOutcome.failed(Failure.retryable("Interrupted", "interrupted while held", true));
        }
        synchronized (this) {
            for (BatchEntry entry : entries) {
                delivered.add(entry.<EncodedEvent>wire());
            }
        }
        return SendOutcome.delivered();
    }

    @Override
    public void close() {
        closed.incrementAndGet();
    }

    public synchronized List<EncodedEvent> delivered() {
        return new ArrayList<>(delivered);
    }

    /** The delivered events, parsed. */
    public List<JsonNode> json() {
        List<JsonNode> out = new ArrayList<>();
        for (EncodedEvent e : delivered()) {
            try {
                out.add(JSON.readTree(e.json()));
            } catch (IOException ex) {
                throw new UncheckedIOException(ex);
            }
        }
        return out;
    }

    /** The {@code message} field of every delivered event, in delivery order. */
    public List<String> messages() {
        List<String> out = new ArrayList<>();
        for (JsonNode node : json()) {
            out.add(node.path("message").asText());
        }
        return out;
    }

    public int requests() {
        return requests.get();
    }

    /** How many shippers opened this sink (one per started shipper). */
    public int opened() {
        return opened.get();
    }

    /** How many shippers closed it (one per stopped shipper). */
    public int closed() {
        return closed.get();
    }
}

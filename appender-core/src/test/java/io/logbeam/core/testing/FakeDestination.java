package io.logbeam.core.testing;

import io.logbeam.core.destination.BatchEntry;
import io.logbeam.core.destination.Batcher;
import io.logbeam.core.destination.Destination;
import io.logbeam.core.destination.Failure;
import io.logbeam.core.destination.SendOutcome;
import io.logbeam.core.destination.SingleEventBatcher;
import io.logbeam.core.event.EncodedEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * An in-memory destination: one event per entry, programmable outcomes per request, optional gate that
 * holds every request until opened (to fill the ring deterministically).
 */
public final class FakeDestination implements Destination {

    private final int maxEntries;
    private final long maxBytes;
    private final int maxEventBytes;
    private final List<EncodedEvent> delivered = new ArrayList<>();
    private final List<List<EncodedEvent>> requests = new ArrayList<>();
    private final AtomicInteger calls = new AtomicInteger();
    private volatile Function<List<BatchEntry>, SendOutcome> behaviour = entries -> SendOutcome.delivered();
    private volatile CountDownLatch gate = new CountDownLatch(0);
    private volatile CountDownLatch firstCallSeen = new CountDownLatch(1);
    private volatile RuntimeException openFailure;
    private volatile CountDownLatch openGate = new CountDownLatch(0);
    private final CountDownLatch opening = new CountDownLatch(1);
    private volatile boolean closed;

    public FakeDestination() {
        this(500, 5 * 1024 * 1024, 1024 * 1024);
    }

    public FakeDestination(int maxEntries, long maxBytes, int maxEventBytes) {
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
        this.maxEventBytes = maxEventBytes;
    }

    /** Decides each request's outcome; the default delivers everything. */
    public FakeDestination behaviour(Function<List<BatchEntry>, SendOutcome> b) {
        this.behaviour = b;
        return this;
    }

    /** Holds every request until {@link #open()} of the gate. */
    public FakeDestination closeGate() {
        gate = new CountDownLatch(1);
        return this;
    }

    public void openGate() {
        gate.countDown();
    }

    /** Makes {@link #open()} wait until {@link #finishOpening()}: an AWS client that takes long to build. */
    public FakeDestination slowOpen() {
        this.openGate = new CountDownLatch(1);
        return this;
    }

    public void finishOpening() {
        openGate.countDown();
    }

    /** Waits until {@link #open()} was entered. */
    public boolean awaitOpening(long millis) throws InterruptedException {
        return opening.await(millis, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    public FakeDestination failOpen(RuntimeException e) {
        this.openFailure = e;
        return this;
    }

    public boolean awaitFirstCall(long millis) throws InterruptedException {
        return firstCallSeen.await(millis, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    @Override
    public String describe() {
        return "fake destination";
    }

    @Override
    public int maxEventBytes() {
        return maxEventBytes;
    }

    @Override
    public Batcher newBatcher() {
        return new SingleEventBatcher(maxEntries, maxBytes, e -> new BatchEntry(e, List.of(e), e.size()));
    }

    @Override
    public void open() throws InterruptedException {
        opening.countDown();
        openGate.await();
        if (openFailure != null) {
            throw openFailure;
        }
    }

    @Override
    public SendOutcome send(List<BatchEntry> entries) {
        calls.incrementAndGet();
        firstCallSeen.countDown();
        try {
            gate.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return SendOutcome.failed(Failure.retryable("Interrupted", "", true));
        }
        SendOutcome outcome = behaviour.apply(entries);
        synchronized (this) {
            List<EncodedEvent> request = new ArrayList<>();
            for (int i = 0; i < entries.size(); i++) {
                EncodedEvent e = entries.get(i).<EncodedEvent>wire();
                request.add(e);
                if (outcome.requestFailure() == null && outcome.entryFailure(i) == null) {
                    delivered.add(e);
                }
            }
            requests.add(request);
        }
        return outcome;
    }

    public synchronized List<EncodedEvent> delivered() {
        return new ArrayList<>(delivered);
    }

    public synchronized List<List<EncodedEvent>> requests() {
        return new ArrayList<>(requests);
    }

    public int calls() {
        return calls.get();
    }

    public boolean closed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
    }
}

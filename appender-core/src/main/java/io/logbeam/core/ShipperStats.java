package io.logbeam.core;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * Live counters of one shipper. Striped counters so application threads incrementing {@code published}
 * never contend with each other or with the consumer.
 */
public final class ShipperStats implements ShipperStatsMBean {

    final LongAdder published = new LongAdder();
    final LongAdder delivered = new LongAdder();
    final LongAdder dropped = new LongAdder();
    final LongAdder fallback = new LongAdder();
    final LongAdder filtered = new LongAdder();
    final LongAdder truncated = new LongAdder();
    final LongAdder retried = new LongAdder();
    final LongAdder possibleDuplicates = new LongAdder();
    final LongAdder batches = new LongAdder();
    final LongAdder requests = new LongAdder();
    final LongAdder bytesSent = new LongAdder();
    final AtomicInteger inFlight = new AtomicInteger();
    private volatile String lastError = "";
    private volatile Instant lastErrorTime;
    private volatile LongSupplier ringRemaining = () -> 0;

    void ringRemaining(LongSupplier supplier) {
        this.ringRemaining = supplier;
    }

    void error(String description) {
        lastError = description;
        lastErrorTime = Instant.now();
    }

    @Override
    public long getPublished() {
        return published.sum();
    }

    @Override
    public long getDelivered() {
        return delivered.sum();
    }

    @Override
    public long getDropped() {
        return dropped.sum();
    }

    @Override
    public long getFallback() {
        return fallback.sum();
    }

    @Override
    public long getFiltered() {
        return filtered.sum();
    }

    @Override
    public long getTruncated() {
        return truncated.sum();
    }

    @Override
    public long getRetried() {
        return retried.sum();
    }

    @Override
    public long getPossibleDuplicates() {
        return possibleDuplicates.sum();
    }

    @Override
    public long getBatches() {
        return batches.sum();
    }

    @Override
    public long getRequests() {
        return requests.sum();
    }

    @Override
    public long getBytesSent() {
        return bytesSent.sum();
    }

    @Override
    public int getInFlight() {
        return inFlight.get();
    }

    @Override
    public long getRingRemainingCapacity() {
        return ringRemaining.getAsLong();
    }

    @Override
    public String getLastError() {
        return lastError;
    }

    @Override
    public String getLastErrorTime() {
        Instant t = lastErrorTime;
        return t == null ? "" : t.toString();
    }

    /**
     * Events that reached a final state: delivered, fallback or dropped. Equals {@link #getPublished()}
     * once everything published is flushed.
     */
    public long getSettled() {
        return getDelivered() + getFallback() + getDropped();
    }

    @Override
    public String toString() {
        return "published=" + getPublished() + " delivered=" + getDelivered() + " fallback=" + getFallback()
                + " dropped=" + getDropped() + " filtered=" + getFiltered() + " truncated=" + getTruncated()
                + " retried=" + getRetried() + " possibleDuplicates=" + getPossibleDuplicates()
                + " batches=" + getBatches() + " requests=" + getRequests() + " bytesSent=" + getBytesSent()
                + " inFlight=" + getInFlight();
    }
}

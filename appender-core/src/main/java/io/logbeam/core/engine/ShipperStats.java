package io.logbeam.core.engine;

import io.logbeam.core.spool.SpoolStats;

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
    final LongAdder late = new LongAdder();
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
    private volatile LongSupplier ringBytes = () -> 0;
    private volatile SpoolStats spool;

    void ringRemaining(LongSupplier supplier) {
        this.ringRemaining = supplier;
    }

    void ringBytes(LongSupplier supplier) {
        this.ringBytes = supplier;
    }

    void spool(SpoolStats spoolStats) {
        this.spool = spoolStats;
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
    public long getLate() {
        return late.sum();
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
    public long getRingBytes() {
        return ringBytes.getAsLong();
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

    @Override
    public long getSpooled() {
        SpoolStats s = spool;
        return s == null ? 0 : s.spooled();
    }

    @Override
    public long getReplayed() {
        SpoolStats s = spool;
        return s == null ? 0 : s.replayed();
    }

    @Override
    public long getSpoolDropped() {
        SpoolStats s = spool;
        return s == null ? 0 : s.dropped();
    }

    @Override
    public long getSpoolCorrupt() {
        SpoolStats s = spool;
        return s == null ? 0 : s.corrupt();
    }

    @Override
    public long getSpoolRecovered() {
        SpoolStats s = spool;
        return s == null ? 0 : s.recovered();
    }

    @Override
    public long getSpoolEvents() {
        SpoolStats s = spool;
        return s == null ? 0 : s.events();
    }

    @Override
    public long getSpoolBytes() {
        SpoolStats s = spool;
        return s == null ? 0 : s.bytes();
    }

    /**
     * Events accounted for: delivered, fallback, dropped, and with a spool also lost to a full spool or resting in
     * it, less those an earlier run left in the spool. Equals {@link #getPublished()} once everything published
     * is flushed and no replayed batch is in flight: published + spoolRecovered = delivered + fallback + dropped
     * + spoolDropped + spoolEvents.
     */
    public long getSettled() {
        return getDelivered() + getFallback() + getDropped() + getSpoolDropped() + getSpoolEvents()
                - getSpoolRecovered();
    }

    @Override
    public String toString() {
        String text = "published=" + getPublished() + " delivered=" + getDelivered() + " fallback=" + getFallback()
                + " dropped=" + getDropped() + " filtered=" + getFiltered() + " truncated=" + getTruncated()
                + " retried=" + getRetried() + " possibleDuplicates=" + getPossibleDuplicates()
                + " batches=" + getBatches() + " requests=" + getRequests() + " bytesSent=" + getBytesSent()
                + " inFlight=" + getInFlight();
        if (spool != null) {
            text += " spooled=" + getSpooled() + " replayed=" + getReplayed() + " spoolDropped=" + getSpoolDropped()
                    + " spoolCorrupt=" + getSpoolCorrupt() + " spoolRecovered=" + getSpoolRecovered()
                    + " spoolEvents=" + getSpoolEvents() + " spoolBytes=" + getSpoolBytes();
        }
        return text;
    }
}

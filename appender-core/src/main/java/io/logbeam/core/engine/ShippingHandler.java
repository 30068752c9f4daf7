package io.logbeam.core.engine;

import io.logbeam.core.destination.BatchEntry;
import io.logbeam.core.destination.BatchSink;
import io.logbeam.core.destination.Batcher;
import io.logbeam.core.destination.EventLookup;
import io.logbeam.core.destination.PartitionKeyStrategy;
import io.logbeam.core.event.EncodedEvent;
import io.logbeam.core.event.EventAdapter;
import io.logbeam.core.event.EventSerializer;
import io.logbeam.core.event.LambdaContext;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.Sequence;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The consumer side of the ring, run by the shipper's one consumer thread: encodes each event, packs it
 * with the destination's batcher, and hands full batches to the sender. Closes a batch when it is full,
 * when {@code maxBatchDelay} has passed since its first event, for an urgent event, or at a flush marker.
 */
final class ShippingHandler<E> implements EventHandler<Slot<E>>, BatchSink, EventLookup {

    private final EventAdapter<E> encoder;
    private final EventSerializer<E> serializer;
    private final Batcher batcher;
    private final PartitionKeyStrategy partitionKeys;
    private final Sender sender;
    private final FallbackSink fallback;
    private final ShipperStats stats;
    private final long lingerNanos;
    private final RingByteBudget budget;
    private Sequence sequence;
    private long firstEventNanos;
    private boolean emittedDuringAdd;
    private E current;
    private volatile boolean fallbackOnly;

    ShippingHandler(EventAdapter<E> encoder, EventSerializer<E> serializer, Batcher batcher,
            PartitionKeyStrategy partitionKeys, Sender sender, FallbackSink fallback, ShipperStats stats,
            long lingerNanos, RingByteBudget budget) {
        this.encoder = encoder;
        this.serializer = serializer;
        this.batcher = batcher;
        this.partitionKeys = partitionKeys;
        this.sender = sender;
        this.fallback = fallback;
        this.stats = stats;
        this.lingerNanos = lingerNanos;
        this.budget = budget;
    }

    @Override
    public void setSequenceCallback(Sequence sequenceCallback) {
        this.sequence = sequenceCallback;
    }

    @Override
    public void onEvent(Slot<E> slot, long seq, boolean endOfBatch) {
        try {
            if (slot.flush != null) {
                batcher.drain(this);
                sender.whenSettled(slot.flush);
            } else if (slot.event != null) {
                ship(slot.event, slot.logType, slot.lambdaInvocation, slot.lambdaColdStart, slot.urgent);
            }
        } finally {
            budget.release(slot.bytes);
            slot.clear();
            // Free the slot now rather than at the end of the Disruptor batch: producers get room sooner.
            sequence.set(seq);
        }
        if (endOfBatch) {
            closeIfLingered();
        }
    }

    @Override
    public void onTimeout(long seq) {
        closeIfLingered();
    }

    /** Encodes and packs one event; also used by the stopping thread to drain leftovers. */
    void ship(E event, String logType, LambdaContext.Invocation invocation, boolean coldStart, boolean urgent) {
        EncodedEvent encoded = encode(event, logType, invocation, coldStart);
        if (encoded == null) {
            return;
        }
        boolean wasEmpty = batcher.isEmpty();
        emittedDuringAdd = false;
        batcher.add(encoded, this);
        if (wasEmpty || emittedDuringAdd) {
            // After a full request left, what remains is a new batch: its linger starts now, not with the old one.
            firstEventNanos = System.nanoTime();
        }
        if (urgent) {
            batcher.drain(this);
        }
    }

    private EncodedEvent encode(E event, String logType, LambdaContext.Invocation invocation, boolean coldStart) {
        current = event;
        try {
            String key = partitionKeys.keyFor(logType, this);
            EncodedEvent encoded = serializer.serialize(event, logType, key, invocation, coldStart);
            if (encoded.truncated()) {
                stats.truncated.increment();
            }
            return encoded;
        } catch (RuntimeException | StackOverflowError e) {
            // The serializer already degrades to a minimal event; reaching here means even that failed.
            stats.error("event could not be encoded: " + e);
            fallback.events(List.of(new EncodedEvent(("{\"encoding_error\":\"" + e.getClass().getName() + "\"}")
                    .getBytes(StandardCharsets.UTF_8), System.currentTimeMillis(), logType, null,
                    true)), "event could not be encoded: " + e);
            return null;
        } finally {
            current = null;
        }
    }

    /** Sends the open batch once it is old enough. */
    private void closeIfLingered() {
        if (!batcher.isEmpty() && System.nanoTime() - firstEventNanos >= lingerNanos) {
            batcher.drain(this);
        }
    }

    /** Emits whatever the batcher holds; at a stop, once the ring's processor has ended. */
    void drainAll() {
        batcher.drain(this);
    }

    /** From now on batches go to the spool or the fallback instead of the sender (stop deadline passed). */
    void fallbackOnly() {
        fallbackOnly = true;
    }

    @Override
    public void emit(List<BatchEntry> entries) {
        emittedDuringAdd = true;
        if (fallbackOnly) {
            sender.defer(entries, "not sent before the shutdown deadline");
        } else {
            sender.submit(entries);
        }
    }

    @Override
    public void reject(EncodedEvent event, String reason) {
        fallback.events(List.of(event), reason);
    }

    @Override
    public String mdc(String key) {
        return encoder.mdcValue(current, key);
    }

    @Override
    public Object keyValue(String key) {
        return encoder.keyValue(current, key);
    }
}

package io.logbeam.core.kinesis;

import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;

import java.util.ArrayList;
import java.util.List;

/**
 * One record of a PutRecords call as the batcher built it (the wire form of a Kinesis {@code BatchEntry}): the SDK
 * entry and, for an aggregate made for a predicted shard, that shard. Should such an aggregate land on another
 * shard (the stream was resharded since the shard map was read), its events are sent again as one aggregate per
 * key; this entry then remembers which of those records are still to be delivered, so that a retry sends only
 * those. Used by one sender thread at a time.
 */
public final class KinesisEntry {

    private final PutRecordsRequestEntry request;
    private final String expectedShardId;
    private List<PutRecordsRequestEntry> pending;

    KinesisEntry(PutRecordsRequestEntry request, String expectedShardId) {
        this.request = request;
        this.expectedShardId = expectedShardId;
        this.pending = List.of(request);
    }

    /** The record as the batcher built it. */
    public PutRecordsRequestEntry request() {
        return request;
    }

    /** The shard the record was aggregated for, or null when its partition key alone routes it. */
    String expectedShardId() {
        return expectedShardId;
    }

    /** The records still to be delivered: the one built, or what is left of its replacement. */
    List<PutRecordsRequestEntry> pending() {
        return pending;
    }

    /** {@code record}, one of {@link #pending()}, was stored where it belongs. */
    void delivered(PutRecordsRequestEntry record) {
        if (pending.size() == 1 && pending.get(0) == record) {
            pending = List.of(); // the usual case: the one record built
            return;
        }
        List<PutRecordsRequestEntry> left = new ArrayList<>(pending.size());
        for (PutRecordsRequestEntry r : pending) {
            if (r != record) {
                left.add(r);
            }
        }
        pending = left;
    }

    /** From now on these records, which carry the same events, are sent instead of the one built. */
    void replaceWith(List<PutRecordsRequestEntry> records) {
        pending = List.copyOf(records);
    }

    /** Whether everything was delivered. */
    boolean done() {
        return pending.isEmpty();
    }
}

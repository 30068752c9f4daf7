package io.logbeam.core.kinesis;

import io.logbeam.core.destination.BatchEntry;
import io.logbeam.core.destination.BatchSink;
import io.logbeam.core.destination.Batcher;
import io.logbeam.core.destination.RequestAccumulator;
import io.logbeam.core.event.EncodedEvent;
import io.logbeam.core.json.Utf8Text;

import java.util.List;

/**
 * One event per Kinesis record (optionally gzipped), records collected into PutRecords calls of at most
 * 500 records and {@code maxRequestBytes} (data plus partition keys). Consumer thread only.
 */
final class RecordBatcher implements Batcher {

    private final RequestAccumulator request;
    private final RecordFactory records;
    private final RandomPartitionKeys randomKeys;

    RecordBatcher(int maxRequestBytes, RecordFactory records, RandomPartitionKeys randomKeys) {
        this.request = new RequestAccumulator(KinesisLimits.MAX_RECORDS_PER_REQUEST, maxRequestBytes);
        this.records = records;
        this.randomKeys = randomKeys;
    }

    @Override
    public void add(EncodedEvent event, BatchSink sink) {
        String key = PartitionKeys.usable(event.partitionKey());
        if (key == null) {
            key = randomKeys.next();
        }
        int keyBytes = (int) Utf8Text.utf8Length(key);
        BatchEntry entry = records.make(event.json(), event.size(), false, key, keyBytes, null, List.of(event), sink);
        if (entry != null) {
            request.add(entry, sink);
        }
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

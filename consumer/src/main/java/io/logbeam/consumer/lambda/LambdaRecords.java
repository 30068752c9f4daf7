package io.logbeam.consumer.lambda;

import io.logbeam.consumer.SourceRecord;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Between the Lambda event types and the library's own. */
final class LambdaRecords {

    private LambdaRecords() {
    }

    /** The records of a Kinesis event, identified by their sequence numbers (what batchItemFailures names). */
    static List<SourceRecord> of(KinesisEvent event) {
        List<SourceRecord> records = new ArrayList<>();
        if (event == null || event.getRecords() == null) {
            return records;
        }
        for (KinesisEvent.KinesisEventRecord r : event.getRecords()) {
            KinesisEvent.Record k = r.getKinesis();
            if (k == null) {
                continue;
            }
            Instant arrival = k.getApproximateArrivalTimestamp() == null ? null
                    : k.getApproximateArrivalTimestamp().toInstant();
            records.add(new SourceRecord(k.getSequenceNumber(), k.getPartitionKey(), bytes(k.getData()), arrival));
        }
        return records;
    }

    static byte[] bytes(ByteBuffer data) {
        if (data == null) {
            return new byte[0];
        }
        ByteBuffer view = data.duplicate();
        byte[] bytes = new byte[view.remaining()];
        view.get(bytes);
        return bytes;
    }

    /** The response that makes Lambda retry from the first failed record. */
    static StreamsEventResponse response(List<String> failedSequenceNumbers) {
        List<StreamsEventResponse.BatchItemFailure> failures = new ArrayList<>();
        for (String id : failedSequenceNumbers) {
            failures.add(new StreamsEventResponse.BatchItemFailure(id));
        }
        return new StreamsEventResponse(failures);
    }
}

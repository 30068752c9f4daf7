package io.logbeam.consumer.testing;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.KinesisFirehoseEvent;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

/** Builds Lambda events from records read back from a stream, as the event source mapping would. */
public final class LambdaEvents {

    private LambdaEvents() {
    }

    /** One record as read back. */
    public record Raw(String sequenceNumber, String partitionKey, byte[] data, Instant arrival) {
    }

    public static KinesisEvent kinesis(List<Raw> records) {
        List<KinesisEvent.KinesisEventRecord> out = new ArrayList<>();
        for (Raw raw : records) {
            KinesisEvent.Record record = new KinesisEvent.Record();
            record.setSequenceNumber(raw.sequenceNumber());
            record.setPartitionKey(raw.partitionKey());
            record.setData(ByteBuffer.wrap(raw.data()));
            record.setApproximateArrivalTimestamp(Date.from(raw.arrival()));
            record.setKinesisSchemaVersion("1.0");
            KinesisEvent.KinesisEventRecord eventRecord = new KinesisEvent.KinesisEventRecord();
            eventRecord.setKinesis(record);
            eventRecord.setEventSource("aws:kinesis");
            eventRecord.setEventID("shardId-000000000000:" + raw.sequenceNumber());
            out.add(eventRecord);
        }
        KinesisEvent event = new KinesisEvent();
        event.setRecords(out);
        return event;
    }

    public static KinesisFirehoseEvent firehose(List<byte[]> records) {
        List<KinesisFirehoseEvent.Record> out = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
            KinesisFirehoseEvent.Record record = new KinesisFirehoseEvent.Record();
            record.setRecordId("record-" + i);
            record.setData(ByteBuffer.wrap(records.get(i)));
            record.setApproximateArrivalTimestamp(1_795_358_364_000L);
            out.add(record);
        }
        KinesisFirehoseEvent event = new KinesisFirehoseEvent();
        event.setRecords(out);
        event.setDeliveryStreamArn("arn:aws:firehose:us-east-1:000000000000:deliverystream/logs");
        event.setRegion("us-east-1");
        return event;
    }
}

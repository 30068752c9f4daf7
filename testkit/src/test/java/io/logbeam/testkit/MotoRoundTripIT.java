package io.logbeam.testkit;

import static io.logbeam.testkit.CloudWatchLogsEndpointTest.event;
import static io.logbeam.testkit.FirehoseEndpointTest.record;
import static io.logbeam.testkit.KinesisEndpointTest.entry;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponse;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Round trips through moto_server with the real SDK clients; one moto per class. */
@RequiresEmulator(Emulator.MOTO)
class MotoRoundTripIT {

    @Test
    void kinesisPutRecordsThenGetRecords(MotoServer moto) {
        // moto speaks JSON only: this client is built with aws.cborEnabled=false.
        try (KinesisClient kinesis = SdkClients.kinesisJson(moto.uri())) {
            kinesis.createStream(r -> r.streamName("moto-stream").shardCount(1));
            kinesis.waiter().waitUntilStreamExists(r -> r.streamName("moto-stream"));

            PutRecordsResponse put = kinesis.putRecords(r -> r.streamName("moto-stream").records(
                    IntStream.range(0, 10).mapToObj(i -> entry("pk-" + i, "{\"n\":" + i + "}")).toList()));
            assertThat(put.failedRecordCount()).isZero();

            Shard shard = kinesis.listShards(r -> r.streamName("moto-stream")).shards().get(0);
            String iterator = kinesis.getShardIterator(r -> r.streamName("moto-stream").shardId(shard.shardId())
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            List<Record> records = kinesis.getRecords(r -> r.shardIterator(iterator)).records();

            assertThat(records).extracting(record -> record.data().asUtf8String())
                    .containsExactlyElementsOf(IntStream.range(0, 10).mapToObj(i -> "{\"n\":" + i + "}").toList());
            assertThat(records).allSatisfy(record -> assertThat(record.approximateArrivalTimestamp()).isNotNull());
        }
    }

    @Test
    void firehoseDeliversToS3(MotoServer moto) {
        try (S3Client s3 = SdkClients.s3(moto.uri()); FirehoseClient firehose = SdkClients.firehose(moto.uri())) {
            s3.createBucket(r -> r.bucket("logbeam-firehose"));
            firehose.createDeliveryStream(r -> r.deliveryStreamName("to-s3")
                    .extendedS3DestinationConfiguration(d -> d
                            .bucketARN("arn:aws:s3:::logbeam-firehose")
                            .roleARN("arn:aws:iam::123456789012:role/firehose-delivery")
                            .prefix("logs/")));

            List<String> lines = IntStream.range(0, 5).mapToObj(i -> "{\"event\":" + i + "}\n").toList();
            PutRecordBatchResponse put = firehose.putRecordBatch(r -> r.deliveryStreamName("to-s3")
                    .records(lines.stream().map(FirehoseEndpointTest::record).toList()));
            assertThat(put.failedPutCount()).isZero();
            firehose.putRecord(r -> r.deliveryStreamName("to-s3").record(record("{\"event\":5}\n")));

            List<S3Object> objects = s3.listObjectsV2(r -> r.bucket("logbeam-firehose").prefix("logs/")).contents();
            String delivered = objects.stream()
                    .map(object -> s3.getObjectAsBytes(r -> r.bucket("logbeam-firehose").key(object.key()))
                            .asUtf8String())
                    .collect(Collectors.joining());
            assertThat(delivered.lines()).containsExactlyInAnyOrder(
                    "{\"event\":0}", "{\"event\":1}", "{\"event\":2}", "{\"event\":3}", "{\"event\":4}",
                    "{\"event\":5}");
        }
    }

    @Test
    void logsPutThenGet(MotoServer moto) {
        try (CloudWatchLogsClient logs = SdkClients.logs(moto.uri())) {
            logs.createLogGroup(r -> r.logGroupName("/logbeam/it"));
            logs.createLogStream(r -> r.logGroupName("/logbeam/it").logStreamName("main"));
            long now = System.currentTimeMillis();
            logs.putLogEvents(r -> r.logGroupName("/logbeam/it").logStreamName("main").logEvents(
                    IntStream.range(0, 3).mapToObj(i -> event(Instant.ofEpochMilli(now + i), "line " + i)).toList()));

            List<OutputLogEvent> events = logs.getLogEvents(r -> r.logGroupName("/logbeam/it")
                    .logStreamName("main").startFromHead(true)).events();

            assertThat(events).extracting(OutputLogEvent::message).containsExactly("line 0", "line 1", "line 2");
            assertThat(events).extracting(OutputLogEvent::timestamp).containsExactly(now, now + 1, now + 2);
        }
    }
}

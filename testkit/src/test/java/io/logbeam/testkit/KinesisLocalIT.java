package io.logbeam.testkit;

import static io.logbeam.testkit.KinesisEndpointTest.entry;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/** A round trip through kinesis-local (kinesis-mock) with the SDK's default CBOR protocol. */
@RequiresEmulator(Emulator.KINESIS_LOCAL)
class KinesisLocalIT {

    @Test
    void putRecordsThenGetRecordsOverCbor(KinesisLocal kinesisLocal) {
        try (KinesisClient kinesis = SdkClients.kinesis(kinesisLocal.uri())) {
            kinesis.createStream(r -> r.streamName("local-stream").shardCount(2));
            kinesis.waiter().waitUntilStreamExists(r -> r.streamName("local-stream"));

            PutRecordsResponse put = kinesis.putRecords(r -> r.streamName("local-stream").records(
                    IntStream.range(0, 20).mapToObj(i -> entry("pk-" + i, "record " + i)).toList()));
            assertThat(put.failedRecordCount()).isZero();

            List<String> read = new ArrayList<>();
            for (Shard shard : kinesis.listShards(r -> r.streamName("local-stream")).shards()) {
                String iterator = kinesis.getShardIterator(r -> r.streamName("local-stream")
                        .shardId(shard.shardId()).shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
                kinesis.getRecords(r -> r.shardIterator(iterator)).records()
                        .forEach(record -> read.add(record.data().asUtf8String()));
            }

            assertThat(read).containsExactlyInAnyOrderElementsOf(
                    IntStream.range(0, 20).mapToObj(i -> "record " + i).toList());
            // Same partition key to shard mapping as the testkit endpoint: both follow the MD5 hash key ranges.
            try (LocalAwsEndpoint endpoint = LocalAwsEndpoint.start()) {
                endpoint.kinesis().createStream("local-stream", 2);
                for (int i = 0; i < 20; i++) {
                    assertThat(put.records().get(i).shardId())
                            .isEqualTo(endpoint.kinesis().shardFor("local-stream", "pk-" + i));
                }
            }
        }
    }
}

package io.logbeam.log4j2.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.logbeam.log4j2.testing.Emulators;
import io.logbeam.log4j2.testing.Target;
import io.logbeam.testkit.Emulator;
import io.logbeam.testkit.KinesisLocal;
import io.logbeam.testkit.RequiresEmulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code <Kinesis>} against kinesis-local (the SDK's default CBOR protocol): every event is one record. */
@RequiresEmulator(Emulator.KINESIS_LOCAL)
@Timeout(180)
class KinesisAppenderIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyEventArrivesAsARecord(KinesisLocal kinesisLocal) throws IOException {
        String stream = "logbeam-log4j2-it";
        try (KinesisClient kinesis = Emulators.kinesis(kinesisLocal.uri())) {
            kinesis.createStream(r -> r.streamName(stream).shardCount(2));
            kinesis.waiter().waitUntilStreamExists(r -> r.streamName(stream));
            String element = "    <Kinesis name=\"kinesis-it\" " + Target.connection(kinesisLocal.uri())
                    + " streamName=\"" + stream + "\" partitionKey=\"{mdc:run}\" maxBatchDelay=\"200ms\" jmx=\"false\"/>";

            assertThat(EmulatorRun.logAndStop("kinesis-it", element)).isEqualTo(EmulatorRun.EVENTS);

            List<JsonNode> events = new ArrayList<>();
            for (Shard shard : kinesis.listShards(r -> r.streamName(stream)).shards()) {
                String iterator = kinesis.getShardIterator(r -> r.streamName(stream).shardId(shard.shardId())
                        .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
                while (iterator != null) {
                    String current = iterator;
                    GetRecordsResponse page = kinesis.getRecords(r -> r.shardIterator(current).limit(10_000));
                    for (Record record : page.records()) {
                        events.add(JSON.readTree(record.data().asByteArray()));
                    }
                    iterator = page.records().isEmpty() ? null : page.nextShardIterator();
                }
            }
            assertThat(events).hasSize(EmulatorRun.EVENTS);
            HashSet<String> messages = new HashSet<>();
            events.forEach(e -> messages.add(e.get("message").asText()));
            assertThat(messages).hasSize(EmulatorRun.EVENTS);
        }
    }
}

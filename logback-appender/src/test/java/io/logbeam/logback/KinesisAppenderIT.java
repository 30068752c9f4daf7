package io.logbeam.logback;

import io.logbeam.logback.testing.Contexts;
import io.logbeam.logback.testing.EmulatorClients;
import io.logbeam.logback.testing.KinesisData;
import io.logbeam.testkit.Emulator;
import io.logbeam.testkit.KinesisLocal;
import io.logbeam.testkit.RequiresEmulator;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A logback.xml with a {@link KinesisAppender} shipping to kinesis-local over the SDK's default CBOR
 * protocol: the appender creates its two-shard stream, aggregates and gzips records keyed by log type, and
 * every event is read back once by a consumer that de-aggregates.
 */
@RequiresEmulator(Emulator.KINESIS_LOCAL)
@Timeout(300)
class KinesisAppenderIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int EVENTS = 1_000;
    private static final String STREAM = "logbeam-logback-it";

    @Test
    void everyLoggedEventIsReadBackOnce(KinesisLocal kinesisLocal) throws Exception {
        LoggerContext context = Contexts.configure("kinesis-it", "<configuration>\n"
                + "  <appender name=\"KINESIS\" class=\"io.logbeam.logback.KinesisAppender\">\n"
                + "    <streamName>" + STREAM + "</streamName>\n"
                + "    <autoCreate>true</autoCreate>\n"
                + "    <shardCount>2</shardCount>\n"
                + "    <partitionKey>{log_type}</partitionKey>\n"
                + "    <aggregation>true</aggregation>\n"
                + "    <compression>gzip</compression>\n"
                + EmulatorClients.appenderProperties(kinesisLocal.uri())
                + "    <maxBatchDelay>200 millis</maxBatchDelay>\n"
                + "    <shutdownTimeout>60 seconds</shutdownTimeout>\n"
                + "    <jmx>false</jmx>\n"
                + "  </appender>\n"
                + "  <root level=\"INFO\"><appender-ref ref=\"KINESIS\"/></root>\n"
                + "</configuration>\n", Map.of());
        KinesisAppender appender = (KinesisAppender) context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("KINESIS");
        assertThat(appender.isStarted()).as(Contexts.statusText(context)).isTrue();
        Logger logger = context.getLogger("com.acme.Orders");
        for (int i = 0; i < EVENTS; i++) {
            logger.atInfo().addKeyValue("log_type", i % 3 == 0 ? "audit" : "app").addKeyValue("seq", i)
                    .log("event {}", i);
        }
        context.stop();
        assertThat(appender.isStarted()).isFalse();

        Set<Integer> seqs = new HashSet<>();
        try (KinesisClient kinesis = EmulatorClients.build(KinesisClient.builder()
                .httpClient(UrlConnectionHttpClient.create()), kinesisLocal.uri())) {
            for (Shard shard : kinesis.listShards(r -> r.streamName(STREAM)).shards()) {
                String iterator = kinesis.getShardIterator(r -> r.streamName(STREAM).shardId(shard.shardId())
                        .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
                int emptyReads = 0;
                while (iterator != null && emptyReads < 3) {
                    String current = iterator;
                    GetRecordsResponse page = kinesis.getRecords(r -> r.shardIterator(current).limit(10_000));
                    emptyReads = page.records().isEmpty() ? emptyReads + 1 : 0;
                    for (Record record : page.records()) {
                        for (byte[] event : KinesisData.events(record.data().asByteArrayUnsafe())) {
                            JsonNode json = JSON.readTree(event);
                            assertThat(json.get("log_type").asText()).isEqualTo(record.partitionKey());
                            assertThat(seqs.add(json.get("kv").get("seq").asInt())).as("read once").isTrue();
                        }
                    }
                    iterator = page.nextShardIterator();
                }
            }
        }
        assertThat(seqs).hasSize(EVENTS);
    }
}

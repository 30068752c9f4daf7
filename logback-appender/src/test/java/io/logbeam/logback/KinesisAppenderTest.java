package io.logbeam.logback;

import io.logbeam.logback.testing.Contexts;
import io.logbeam.logback.testing.KinesisData;
import io.logbeam.testkit.KinesisRecord;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link KinesisAppender} against the testkit's Kinesis. The every-property configuration aggregates
 * (KPL) and gzips, keys records by log type and lets the appender create its stream; the others write
 * one plain record per event into a stream the test creates.
 */
class KinesisAppenderTest extends DestinationAppenderContract {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    protected String appenderName() {
        return "KINESIS";
    }

    @Override
    protected String everyPropertyResource() {
        return "/kinesis-logback.xml";
    }

    @Override
    protected Class<? extends LogbeamAppenderBase> appenderClass() {
        return KinesisAppender.class;
    }

    @Override
    protected String destinationProperties(String target) {
        return "<streamName>" + target + "</streamName>\n";
    }

    @Override
    protected void createTarget(String target) {
        // The every-property configuration creates its own stream (autoCreate); the others need one.
        if (!target.endsWith("-auto")) {
            endpoint.kinesis().createStream(target, 2);
        }
    }

    @Override
    protected List<JsonNode> shipped(String target) {
        if (!endpoint.kinesis().streamExists(target)) {
            return List.of();
        }
        List<KinesisRecord> records = new ArrayList<>(endpoint.kinesis().records(target));
        // Arrival order across shards: records carry increasing sequence numbers per shard only.
        records.sort((a, b) -> new java.math.BigInteger(a.sequenceNumber()).compareTo(new java.math.BigInteger(b.sequenceNumber())));
        List<JsonNode> events = new ArrayList<>();
        for (KinesisRecord record : records) {
            for (byte[] event : KinesisData.events(record.data())) {
                try {
                    events.add(JSON.readTree(event));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return events;
    }

    @Override
    protected Map<String, String> invalidDestinationProperties() {
        return Map.of("compression", "<compression>zip</compression>\n",
                "maxRequestBytes", "<maxRequestBytes>99999999</maxRequestBytes>\n",
                "shardCount", "<shardCount>-1</shardCount>\n");
    }

    @Override
    protected String requiredProperty() {
        return "streamName";
    }

    @Test
    void autoCreatedStreamReceivesAggregatedGzippedRecordsKeyedByLogType() {
        String stream = target + "-auto";
        LoggerContext context = Contexts.configureResource("kinesis-auto", everyPropertyResource(),
                Map.of("endpoint", endpoint.uri().toString(), "target", stream));
        try {
            Logger logger = context.getLogger("com.acme.Orders");
            for (int i = 0; i < 50; i++) {
                logger.atInfo().addKeyValue("stream", i % 2 == 0 ? "audit" : "orders").log("event {}", i);
            }
            KinesisAppender appender = (KinesisAppender) context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("KINESIS");
            assertThat(appender.flush(Duration.ofSeconds(20))).isTrue();

            assertThat(endpoint.kinesis().streamExists(stream)).isTrue();
            List<KinesisRecord> records = endpoint.kinesis().records(stream);
            assertThat(records).as("aggregated: far fewer records than events").hasSizeLessThanOrEqualTo(4);
            assertThat(records).extracting(KinesisRecord::partitionKey).containsOnly("audit", "orders");
            assertThat(records).allSatisfy(r -> assertThat(r.data()[0]).as("gzip").isEqualTo((byte) 0x1f));
            List<JsonNode> events = shipped(stream);
            assertThat(events).hasSize(50);
            for (KinesisRecord record : records) {
                for (byte[] event : KinesisData.events(record.data())) {
                    assertThat(readTree(event).get("type").asText()).isEqualTo(record.partitionKey());
                }
            }
        } finally {
            context.stop();
        }
    }

    @Test
    void logbackSpringExampleShipsThroughJoran() {
        endpoint.kinesis().createStream("app-logs", 1);
        LoggerContext context = Contexts.configureResource("spring-example", "/logback-spring.xml",
                Map.of("LOGBEAM_ENDPOINT", endpoint.uri().toString(), "AWS_REGION", "us-east-1",
                        "LOGBEAM_ACCESS_KEY_ID", "test", "LOGBEAM_SECRET_ACCESS_KEY", "test"));
        try {
            KinesisAppender appender = (KinesisAppender) context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("LOGBEAM");
            assertThat(appender.isStarted()).as(Contexts.statusText(context)).isTrue();
            context.getLogger("com.acme.OrdersController").atInfo().addKeyValue("log_type", "audit").log("order placed");
            assertThat(appender.flush(Duration.ofSeconds(20))).isTrue();

            List<JsonNode> events = shipped("app-logs");
            assertThat(events).hasSize(1);
            assertThat(events.get(0).get("log_type").asText()).isEqualTo("audit");
            assertThat(events.get(0).get("service").asText()).isNotBlank();
            assertThat(endpoint.kinesis().records("app-logs").get(0).partitionKey()).isEqualTo("audit");
        } finally {
            context.stop();
            endpoint.kinesis().deleteStream("app-logs");
        }
    }

    private static JsonNode readTree(byte[] bytes) {
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

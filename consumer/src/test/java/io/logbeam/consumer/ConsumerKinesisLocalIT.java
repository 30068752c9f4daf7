package io.logbeam.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import io.logbeam.consumer.cli.LogbeamCli;
import io.logbeam.consumer.lambda.ConsumerSettings;
import io.logbeam.consumer.lambda.KinesisForwardHandler;
import io.logbeam.consumer.lambda.KinesisToS3Handler;
import io.logbeam.consumer.testing.LambdaEvents;
import io.logbeam.consumer.testing.LocalClients;
import io.logbeam.consumer.testing.Log4j2Producer;
import io.logbeam.consumer.testing.LogbackProducer;
import io.logbeam.consumer.testing.StoredEvents;
import io.logbeam.testkit.Emulator;
import io.logbeam.testkit.KinesisLocal;
import io.logbeam.testkit.RequiresEmulator;
import io.logbeam.testkit.TestCredentials;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;

import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Log4j2's Kinesis element, aggregated and gzip'd, into kinesis-local (the SDK's default CBOR protocol); the raw
 * records read back with GetRecords go through the S3 handler, the forwarder (into another kinesis-local stream,
 * read back again) and {@code logbeam tail}.
 */
@RequiresEmulator(Emulator.KINESIS_LOCAL)
@Timeout(300)
class ConsumerKinesisLocalIT {

    private static final int EVENTS = 2_000;

    private static LogbackProducer.Logged logged;
    private static List<LambdaEvents.Raw> raw;

    @BeforeAll
    static void produce(KinesisLocal kinesisLocal) {
        System.setProperty("aws.accessKeyId", TestCredentials.ACCESS_KEY_ID);
        System.setProperty("aws.secretAccessKey", TestCredentials.SECRET_ACCESS_KEY);
        try (KinesisClient kinesis = LocalClients.kinesis(kinesisLocal.uri())) {
            for (String stream : List.of("logs", "copy", "audit-only")) {
                kinesis.createStream(r -> r.streamName(stream).shardCount(2));
                Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> kinesis.describeStreamSummary(
                        r -> r.streamName(stream)).streamDescriptionSummary().streamStatus() == StreamStatus.ACTIVE);
            }
            logged = Log4j2Producer.log("Kinesis", Map.of("streamName", "logs", "aggregation", "true",
                    "compression", "gzip"), kinesisLocal.uri(), EVENTS);
            raw = LocalClients.readAll(kinesis, "logs");
        }
    }

    @AfterAll
    static void clearCredentials() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    @Test
    void kinesisToS3StoresEveryEventOnce() {
        assertThat(raw.size()).as("aggregated: far fewer records than events").isLessThan(20);
        FakeS3 s3 = new FakeS3();
        StreamsEventResponse response = new KinesisToS3Handler(s3, new ConsumerSettings(Map.of(
                "LOGBEAM_S3_BUCKET", "lake", "LOGBEAM_S3_PREFIX", "logs"))).handleRequest(LambdaEvents.kinesis(raw), null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        List<String> lines = new ArrayList<>();
        s3.objects().values().forEach(gz -> lines.addAll(FakeS3.gunzip(gz).lines().toList()));
        StoredEvents.assertSameEvents(lines, logged);
    }

    @Test
    void theForwarderCopiesRecordsAsTheyAreOrOnlyTheAllowedTypes(KinesisLocal kinesisLocal) {
        try (KinesisClient kinesis = LocalClients.kinesis(kinesisLocal.uri())) {
            StreamsEventResponse copy = new KinesisForwardHandler(kinesis, new ConsumerSettings(Map.of(
                    "LOGBEAM_TARGET_STREAM", "copy")), Duration.ofMillis(50)).handleRequest(LambdaEvents.kinesis(raw),
                    null);
            StreamsEventResponse audit = new KinesisForwardHandler(kinesis, new ConsumerSettings(Map.of(
                    "LOGBEAM_TARGET_STREAM", "audit-only", "LOGBEAM_LOG_TYPES", "audit")), Duration.ofMillis(50))
                    .handleRequest(LambdaEvents.kinesis(raw), null);
            assertThat(copy.getBatchItemFailures()).isEmpty();
            assertThat(audit.getBatchItemFailures()).isEmpty();

            List<LambdaEvents.Raw> copied = LocalClients.readAll(kinesis, "copy");
            assertThat(copied).extracting(r -> new String(r.data(), StandardCharsets.ISO_8859_1))
                    .containsExactlyInAnyOrderElementsOf(raw.stream()
                            .map(r -> new String(r.data(), StandardCharsets.ISO_8859_1)).toList());
            StoredEvents.assertSameEvents(decodeAll(copied), logged);

            List<String> auditEvents = decodeAll(LocalClients.readAll(kinesis, "audit-only"));
            assertThat(auditEvents).hasSize((int) logged.logTypes().stream().filter("audit"::equals).count())
                    .allSatisfy(e -> assertThat(StoredEvents.parse(e).get("log_type").asText()).isEqualTo("audit"));
        }
    }

    @Test
    void tailPrintsTheStream(KinesisLocal kinesisLocal) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = LogbeamCli.run(List.of("tail", "--stream", "logs", "--no-follow", "--endpoint",
                kinesisLocal.uri().toString(), "--region", TestCredentials.REGION),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        StoredEvents.assertSameEvents(out.toString(StandardCharsets.UTF_8).lines().toList(), logged);
    }

    private static List<String> decodeAll(List<LambdaEvents.Raw> records) {
        RecordDecoder decoder = new RecordDecoder();
        List<String> events = new ArrayList<>();
        for (LambdaEvents.Raw record : records) {
            DecodedRecord decoded = decoder.decode(record.data());
            assertThat(decoded.failures()).isEmpty();
            decoded.events().forEach(e -> events.add(e.jsonText()));
        }
        return events;
    }
}

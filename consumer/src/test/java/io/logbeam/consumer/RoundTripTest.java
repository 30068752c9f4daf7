package io.logbeam.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import io.logbeam.consumer.lambda.ConsumerSettings;
import io.logbeam.consumer.lambda.KinesisToS3Handler;
import io.logbeam.consumer.testing.LambdaEvents;
import io.logbeam.consumer.testing.LogbackProducer;
import io.logbeam.consumer.testing.StoredEvents;
import io.logbeam.testkit.KinesisRecord;
import io.logbeam.testkit.LocalAwsEndpoint;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What the Logback appender really writes, through the testkit's in-process Kinesis, read back raw, turned into
 * a Lambda event and stored by the S3 handler: every event comes out once, as it was logged.
 */
class RoundTripTest {

    @ParameterizedTest(name = "aggregation={0} compression={1}")
    @CsvSource({"false, none", "false, gzip", "true, none", "true, gzip"})
    void kinesisToS3KeepsEveryEvent(boolean aggregation, String compression) {
        try (LocalAwsEndpoint endpoint = LocalAwsEndpoint.start()) {
            endpoint.kinesis().createStream("logs", 2);
            LogbackProducer.Logged logged = LogbackProducer.log(LogbackProducer.kinesis("logs", aggregation,
                    compression), endpoint.uri(), 3_000);

            List<LambdaEvents.Raw> raw = new ArrayList<>();
            for (KinesisRecord r : endpoint.kinesis().records("logs")) {
                raw.add(new LambdaEvents.Raw(r.sequenceNumber(), r.partitionKey(), r.data(), r.arrival()));
            }
            if (aggregation) {
                assertThat(raw.size()).isLessThan(10);
            }
            FakeS3 s3 = new FakeS3();
            StreamsEventResponse response = new KinesisToS3Handler(s3, new ConsumerSettings(Map.of(
                    "LOGBEAM_S3_BUCKET", "lake"))).handleRequest(LambdaEvents.kinesis(raw), null);

            assertThat(response.getBatchItemFailures()).isEmpty();
            assertThat(s3.objects().keySet()).allMatch(k -> k.matches("(app|audit|access)/\\d{4}/\\d\\d/\\d\\d/\\d\\d/"
                    + "\\d{8}T\\d{6}\\.\\d{3}Z_[0-9a-f-]{36}\\.json\\.gz"));
            List<String> lines = new ArrayList<>();
            s3.objects().forEach((key, gz) -> {
                String type = key.substring(0, key.indexOf('/'));
                FakeS3.gunzip(gz).lines().forEach(line -> {
                    assertThat(StoredEvents.parse(line).get("log_type").asText()).isEqualTo(type);
                    lines.add(line);
                });
            });
            StoredEvents.assertSameEvents(lines, logged);
        }
    }

    @Test
    void theDecoderReadsEveryRecordTheAppenderWrote() {
        try (LocalAwsEndpoint endpoint = LocalAwsEndpoint.start()) {
            endpoint.kinesis().createStream("logs", 1);
            LogbackProducer.Logged logged = LogbackProducer.log(LogbackProducer.kinesis("logs", true, "gzip"),
                    endpoint.uri(), 500);
            RecordDecoder decoder = new RecordDecoder();
            List<String> lines = new ArrayList<>();
            for (KinesisRecord r : endpoint.kinesis().records("logs")) {
                DecodedRecord decoded = decoder.decode(r.data());
                assertThat(decoded.failures()).isEmpty();
                decoded.events().forEach(e -> lines.add(e.jsonText()));
            }
            StoredEvents.assertSameEvents(lines, logged);
        }
    }
}

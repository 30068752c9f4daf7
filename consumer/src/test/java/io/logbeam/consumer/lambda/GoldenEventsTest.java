package io.logbeam.consumer.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import io.logbeam.consumer.FakeS3;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.KinesisFirehoseEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Golden inputs in the shapes of the AWS documentation's example events (Lambda's Kinesis event, Firehose's
 * transformation request, CloudWatch Logs' subscription message), read by the Lambda runtime's own serializer,
 * through the handlers.
 */
class GoldenEventsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static List<String> goldenEvents() throws IOException {
        try (InputStream in = GoldenEventsTest.class.getResourceAsStream("/golden/events.ndjson")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    @Test
    void kinesisEventToS3() throws IOException {
        KinesisEvent event = LambdaJson.event(KinesisEvent.class, "/golden/kinesis-event.json");
        FakeS3 s3 = new FakeS3();
        KinesisToS3Handler handler = new KinesisToS3Handler(s3, new ConsumerSettings(Map.of("LOGBEAM_S3_BUCKET", "b",
                "LOGBEAM_S3_PREFIX", "logs")));

        StreamsEventResponse response = handler.handleRequest(event, null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        List<String> events = goldenEvents();
        // Record 2 (a subscription message) and record 4 (NDJSON) hold the same three events; record 3 is a control
        // message; record 1 is the documentation's "Hello, this is a test." and is stored aside.
        assertThat(s3.objects().keySet()).containsExactlyInAnyOrder(
                "logs/app/2026/11/22/14/20261122T143924.123Z_8c1f5e2a-0000-4000-8000-000000000001.json.gz",
                "logs/audit/2026/11/22/14/20261122T143925.001Z_8c1f5e2a-0000-4000-8000-000000000002.json.gz",
                "logs/failed/2018/12/17/22/20181217T221050.987Z_49590338271490256608559692538361571095921575989136588898"
                        + ".json.gz");
        assertThat(s3.text("logs/app/2026/11/22/14/20261122T143924.123Z_8c1f5e2a-0000-4000-8000-000000000001.json.gz")
                .lines()).containsExactly(events.get(0), events.get(2), events.get(0), events.get(2));
        JsonNode failure = JSON.readTree(s3.text("logs/failed/2018/12/17/22/20181217T221050.987Z_"
                + "49590338271490256608559692538361571095921575989136588898.json.gz"));
        assertThat(failure.get("reason").asText()).isEqualTo("not a JSON object (starts with byte 0x48)");
        assertThat(new String(Base64.getDecoder().decode(failure.get("data_base64").asText()), StandardCharsets.UTF_8))
                .isEqualTo("Hello, this is a test.");
        assertThat(LambdaJson.response(response, StreamsEventResponse.class)).isEqualTo("{\"batchItemFailures\":[]}");
    }

    @Test
    void firehoseTransformationRequest() throws IOException {
        KinesisFirehoseEvent event = LambdaJson.event(KinesisFirehoseEvent.class,
                "/golden/firehose-transformation-event.json");
        FirehoseTransformationHandler handler = new FirehoseTransformationHandler(new ConsumerSettings(Map.of()),
                io.logbeam.consumer.FirehoseTransformation.LAMBDA_RESPONSE_LIMIT);

        JsonNode response = JSON.readTree(LambdaJson.response(handler.handleRequest(event, null),
                FirehoseTransformationResponse.class));

        JsonNode records = response.get("records");
        assertThat(records).hasSize(4);
        String ndjson = String.join("\n", goldenEvents()) + "\n";
        JsonNode envelope = records.get(0);
        assertThat(envelope.get("recordId").asText()).isEqualTo("49546986683135544286507457936321625675700192471156785154");
        assertThat(envelope.get("result").asText()).isEqualTo("Ok");
        assertThat(new String(Base64.getDecoder().decode(envelope.get("data").asText()), StandardCharsets.UTF_8))
                .isEqualTo(ndjson);
        assertThat(envelope.at("/metadata/partitionKeys").toString())
                .isEqualTo("{\"log_type\":\"app\",\"year\":\"2026\",\"month\":\"11\",\"day\":\"22\",\"hour\":\"14\"}");
        assertThat(records.get(1).get("result").asText()).isEqualTo("Dropped");
        assertThat(records.get(1).has("data")).isFalse();
        assertThat(records.get(2).get("result").asText()).isEqualTo("Ok");
        assertThat(new String(Base64.getDecoder().decode(records.get(2).get("data").asText()), StandardCharsets.UTF_8))
                .isEqualTo(ndjson);
        assertThat(records.get(3).get("result").asText()).isEqualTo("ProcessingFailed");
        assertThat(records.get(3).has("metadata")).isFalse();
    }
}

package io.logbeam.logback;

import io.logbeam.logback.testing.Contexts;
import io.logbeam.logback.testing.EmulatorClients;
import io.logbeam.testkit.Emulator;
import io.logbeam.testkit.MotoServer;
import io.logbeam.testkit.RequiresEmulator;
import io.logbeam.testkit.TestCredentials;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.MDC;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamType;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A logback.xml with a {@link FirehoseAppender} shipping to moto's Firehose, which writes every
 * PutRecordBatch to moto's S3: the objects must hold every event once, as NDJSON lines.
 */
@RequiresEmulator(Emulator.MOTO)
@Timeout(180)
class FirehoseAppenderIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int EVENTS = 1_000;

    @Test
    void everyLoggedEventLandsInS3AsOneLine(MotoServer moto) throws Exception {
        String bucket = "logbeam-logback-it";
        String stream = "logbeam-logback";
        try (S3Client s3 = EmulatorClients.build(S3Client.builder().forcePathStyle(true)
                     .httpClient(UrlConnectionHttpClient.create()), moto.uri());
             FirehoseClient firehose = EmulatorClients.build(FirehoseClient.builder()
                     .httpClient(UrlConnectionHttpClient.create()), moto.uri())) {
            s3.createBucket(b -> b.bucket(bucket));
            firehose.createDeliveryStream(r -> r.deliveryStreamName(stream)
                    .deliveryStreamType(DeliveryStreamType.DIRECT_PUT)
                    .extendedS3DestinationConfiguration(d -> d.bucketARN("arn:aws:s3:::" + bucket)
                            .roleARN("arn:aws:iam::" + TestCredentials.ACCOUNT_ID + ":role/firehose-delivery")
                            .prefix("logs/")));

            LoggerContext context = Contexts.configure("firehose-it", "<configuration>\n"
                    + "  <appender name=\"FIREHOSE\" class=\"io.logbeam.logback.FirehoseAppender\">\n"
                    + "    <deliveryStreamName>" + stream + "</deliveryStreamName>\n"
                    + "    <packRecords>true</packRecords>\n"
                    + EmulatorClients.appenderProperties(moto.uri())
                    + "    <maxBatchDelay>200 millis</maxBatchDelay>\n"
                    + "    <jmx>false</jmx>\n"
                    + "  </appender>\n"
                    + "  <root level=\"INFO\"><appender-ref ref=\"FIREHOSE\"/></root>\n"
                    + "</configuration>\n", Map.of());
            FirehoseAppender appender = (FirehoseAppender) context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("FIREHOSE");
            assertThat(appender.isStarted()).as(Contexts.statusText(context)).isTrue();
            Logger logger = context.getLogger("com.acme.Orders");
            for (int i = 0; i < EVENTS; i++) {
                MDC.put("log_type", i % 2 == 0 ? "audit" : "app");
                logger.atInfo().addKeyValue("seq", i).log("event {} \"quoted\" \u00e9\u4e2d", i);
            }
            MDC.clear();
            context.stop();
            assertThat(appender.isStarted()).isFalse();

            Set<Integer> seqs = new HashSet<>();
            for (String line : readLines(s3, bucket)) {
                JsonNode event = JSON.readTree(line);
                seqs.add(event.get("kv").get("seq").asInt());
                assertThat(event.get("log_type").asText()).isIn("audit", "app");
                assertThat(event.get("message").asText()).endsWith("\"quoted\" \u00e9\u4e2d");
            }
            assertThat(seqs).hasSize(EVENTS);
        }
    }

    private static List<String> readLines(S3Client s3, String bucket) {
        List<String> lines = new ArrayList<>();
        List<S3Object> objects = new ArrayList<>();
        s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix("logs/")).contents().forEach(objects::add);
        for (S3Object object : objects) {
            String text = s3.getObjectAsBytes(r -> r.bucket(bucket).key(object.key())).asString(StandardCharsets.UTF_8);
            assertThat(text).as(object.key()).endsWith("\n");
            for (String line : text.split("\n")) {
                lines.add(line);
            }
        }
        return lines;
    }
}

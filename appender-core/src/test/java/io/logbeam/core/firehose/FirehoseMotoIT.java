package io.logbeam.core.firehose;

import static org.assertj.core.api.Assertions.assertThat;

import io.logbeam.core.config.AppenderProperties;
import io.logbeam.core.config.DestinationTypes;
import io.logbeam.core.engine.Shipper;
import io.logbeam.core.testing.CapturingDiagnostics;
import io.logbeam.core.testing.TestAdapter;
import io.logbeam.core.testing.TestEvent;
import io.logbeam.testkit.Emulator;
import io.logbeam.testkit.MotoServer;
import io.logbeam.testkit.RequiresEmulator;
import io.logbeam.testkit.TestCredentials;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamType;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Ships events through the Firehose destination into moto's Firehose, which delivers every PutRecordBatch
 * to an S3 object in moto's S3, and reads the objects back as a data lake reader would: line by line.
 */
@RequiresEmulator(Emulator.MOTO)
@Timeout(180)
class FirehoseMotoIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int EVENTS = 3_000;

    private static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(TestCredentials.ACCESS_KEY_ID,
                TestCredentials.SECRET_ACCESS_KEY));
    }

    private static S3Client s3(MotoServer moto) {
        return S3Client.builder().endpointOverride(moto.uri()).region(Region.of(TestCredentials.REGION))
                .credentialsProvider(credentials()).forcePathStyle(true)
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    private static FirehoseClient firehose(MotoServer moto) {
        return FirehoseClient.builder().endpointOverride(moto.uri()).region(Region.of(TestCredentials.REGION))
                .credentialsProvider(credentials()).httpClient(UrlConnectionHttpClient.create()).build();
    }

    @ParameterizedTest(name = "packRecords={0}")
    @ValueSource(booleans = {false, true})
    void everyEventLandsInS3AsOneParsableLine(boolean pack, MotoServer moto) throws IOException {
        String bucket = "logbeam-it-" + (pack ? "packed" : "plain");
        String stream = "logbeam-" + (pack ? "packed" : "plain");
        try (S3Client s3 = s3(moto); FirehoseClient firehose = firehose(moto)) {
            s3.createBucket(b -> b.bucket(bucket));
            firehose.createDeliveryStream(r -> r.deliveryStreamName(stream)
                    .deliveryStreamType(DeliveryStreamType.DIRECT_PUT)
                    .extendedS3DestinationConfiguration(d -> d.bucketARN("arn:aws:s3:::" + bucket)
                            .roleARN("arn:aws:iam::" + TestCredentials.ACCOUNT_ID + ":role/firehose-delivery")
                            .prefix("logs/")));

            Shipper<TestEvent> shipper = start(moto, stream, pack);
            try {
                for (int i = 0; i < EVENTS; i++) {
                    TestEvent event = TestEvent.of("event " + i + " \"quoted\" \u00e9\u4e2d\n second line");
                    event.mdc("log_type", i % 3 == 0 ? "audit" : "app");
                    shipper.publish(event, false);
                }
                assertThat(shipper.flush(Duration.ofSeconds(60))).isTrue();
            } finally {
                shipper.stop(Duration.ofSeconds(10));
            }
            assertThat(shipper.stats().getDelivered()).isEqualTo(EVENTS);
            assertThat(shipper.stats().getFallback()).isZero();

            List<String> lines = readLines(s3, bucket, "logs/");
            assertThat(lines).hasSize(EVENTS);
            Set<String> ids = new HashSet<>();
            Set<String> messages = new HashSet<>();
            for (String line : lines) {
                JsonNode event = JSON.readTree(line);
                assertThat(event.isObject()).isTrue();
                ids.add(event.get("log_id").asText());
                messages.add(event.get("message").asText());
                Instant time = Instant.parse(event.get("time").asText());
                assertThat(event.get("time_ms").asLong()).isEqualTo(time.toEpochMilli());
                assertThat(event.get("log_type").asText()).isIn("app", "audit");
            }
            assertThat(ids).hasSize(EVENTS);
            assertThat(messages).hasSize(EVENTS);
        }
    }

    private static Shipper<TestEvent> start(MotoServer moto, String stream, boolean pack) {
        AppenderProperties settings = new AppenderProperties(DestinationTypes.FIREHOSE);
        settings.set("deliveryStreamName", stream);
        settings.set("packRecords", pack);
        settings.set("region", TestCredentials.REGION);
        settings.set("endpoint", moto.uri().toString());
        settings.set("accessKeyId", TestCredentials.ACCESS_KEY_ID);
        settings.set("secretAccessKey", TestCredentials.SECRET_ACCESS_KEY);
        settings.set("timeMillisKey", "time_ms");
        settings.set("maxBatchDelay", "100ms");
        settings.set("jmx", false);
        return settings.start("firehose-moto-" + stream, new TestAdapter(), new CapturingDiagnostics());
    }

    /** Every line of every object under {@code prefix}; each object must be whole NDJSON lines. */
    private static List<String> readLines(S3Client s3, String bucket, String prefix) {
        List<String> lines = new ArrayList<>();
        List<S3Object> objects = new ArrayList<>();
        s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(prefix)).contents().forEach(objects::add);
        assertThat(objects).isNotEmpty();
        for (S3Object object : objects) {
            String text = s3.getObjectAsBytes(r -> r.bucket(bucket).key(object.key())).asString(StandardCharsets.UTF_8);
            assertThat(text).as(object.key()).endsWith("\n").doesNotContain("\n\n");
            for (String line : text.substring(0, text.length() - 1).split("\n", -1)) {
                lines.add(line);
            }
        }
        return lines;
    }
}

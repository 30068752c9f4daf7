package io.logbeam.log4j2.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.logbeam.log4j2.testing.Emulators;
import io.logbeam.log4j2.testing.Target;
import io.logbeam.testkit.Emulator;
import io.logbeam.testkit.MotoServer;
import io.logbeam.testkit.RequiresEmulator;
import io.logbeam.testkit.TestCredentials;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamType;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code <Firehose>} against moto, whose delivery stream writes S3 objects: every event is one NDJSON line. */
@RequiresEmulator(Emulator.MOTO)
@Timeout(180)
class FirehoseAppenderIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyEventLandsInS3AsOneLine(MotoServer moto) throws IOException {
        String bucket = "logbeam-log4j2-it";
        String stream = "logbeam-log4j2";
        try (S3Client s3 = Emulators.s3(moto.uri()); FirehoseClient firehose = Emulators.firehose(moto.uri())) {
            s3.createBucket(b -> b.bucket(bucket));
            firehose.createDeliveryStream(r -> r.deliveryStreamName(stream)
                    .deliveryStreamType(DeliveryStreamType.DIRECT_PUT)
                    .extendedS3DestinationConfiguration(d -> d.bucketARN("arn:aws:s3:::" + bucket)
                            .roleARN("arn:aws:iam::" + TestCredentials.ACCOUNT_ID + ":role/firehose-delivery")
                            .prefix("logs/")));
            String element = "    <Firehose name=\"fh-it\" " + Target.connection(moto.uri()) + " deliveryStreamName=\""
                    + stream + "\" packRecords=\"true\" timeMillisKey=\"time_ms\" maxBatchDelay=\"200ms\" jmx=\"false\"/>";

            assertThat(EmulatorRun.logAndStop("fh-it", element)).isEqualTo(EmulatorRun.EVENTS);

            List<JsonNode> events = new ArrayList<>();
            for (S3Object object : s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix("logs/")).contents()) {
                String text = s3.getObjectAsBytes(r -> r.bucket(bucket).key(object.key())).asString(StandardCharsets.UTF_8);
                for (String line : text.split("\n")) {
                    if (!line.isEmpty()) {
                        events.add(JSON.readTree(line));
                    }
                }
            }
            assertThat(events).hasSize(EmulatorRun.EVENTS);
            HashSet<String> messages = new HashSet<>();
            events.forEach(e -> messages.add(e.get("message").asText()));
            assertThat(messages).hasSize(EmulatorRun.EVENTS);
            assertThat(events).allSatisfy(e -> assertThat(e.get("time_ms").isIntegralNumber()).isTrue());
        }
    }
}

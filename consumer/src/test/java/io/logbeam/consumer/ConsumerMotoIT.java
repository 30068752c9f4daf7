package io.logbeam.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import io.logbeam.consumer.cli.LogbeamCli;
import io.logbeam.consumer.lambda.ConsumerSettings;
import io.logbeam.consumer.lambda.FirehoseTransformationHandler;
import io.logbeam.consumer.lambda.FirehoseTransformationResponse;
import io.logbeam.consumer.lambda.KinesisToMetricsHandler;
import io.logbeam.consumer.lambda.KinesisToS3Handler;
import io.logbeam.consumer.testing.LambdaEvents;
import io.logbeam.consumer.testing.LocalClients;
import io.logbeam.consumer.testing.LogbackProducer;
import io.logbeam.consumer.testing.StoredEvents;
import io.logbeam.testkit.Emulator;
import io.logbeam.testkit.MotoServer;
import io.logbeam.testkit.RequiresEmulator;
import io.logbeam.testkit.TestCredentials;

import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;

import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Datapoint;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamType;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Round trips through moto_server, from what the Logback appenders write to what the handlers store:
 * Kinesis (aggregated + gzip) to moto's S3 and to moto's CloudWatch metrics; CloudWatch Logs, whose subscription
 * filters deliver gzip'd envelopes to a Kinesis stream and to a Firehose delivery stream (S3); Firehose with packed
 * records. Everything read back is compared event by event with what was logged. moto speaks JSON only, so CBOR
 * is off in this JVM (failsafe runs each IT class in its own).
 */
@RequiresEmulator(Emulator.MOTO)
@Timeout(300)
class ConsumerMotoIT {

    @BeforeAll
    static void jsonInsteadOfCbor() {
        System.setProperty("aws.cborEnabled", "false");
        System.setProperty("aws.accessKeyId", TestCredentials.ACCESS_KEY_ID);
        System.setProperty("aws.secretAccessKey", TestCredentials.SECRET_ACCESS_KEY);
    }

    @AfterAll
    static void clear() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    @Test
    void kinesisToS3AndToMetrics(MotoServer moto) {
        try (KinesisClient kinesis = LocalClients.kinesis(moto.uri()); S3Client s3 = LocalClients.s3(moto.uri());
                CloudWatchClient cloudWatch = LocalClients.cloudWatchForMoto(moto.uri())) {
            kinesis.createStream(r -> r.streamName("app-logs").shardCount(2));
            s3.createBucket(r -> r.bucket("lake"));
            LogbackProducer.Logged logged = LogbackProducer.log(LogbackProducer.kinesis("app-logs", true, "gzip"),
                    moto.uri(), 1_500);
            List<LambdaEvents.Raw> raw = LocalClients.readAll(kinesis, "app-logs");

            StreamsEventResponse stored = new KinesisToS3Handler(s3, new ConsumerSettings(Map.of("LOGBEAM_S3_BUCKET",
                    "lake", "LOGBEAM_S3_PREFIX", "logs"))).handleRequest(LambdaEvents.kinesis(raw), null);
            assertThat(stored.getBatchItemFailures()).isEmpty();
            List<String> lines = new ArrayList<>();
            for (S3Object object : objects(s3, "lake", "logs/")) {
                assertThat(object.key()).matches("logs/(app|audit|access)/\\d{4}/\\d\\d/\\d\\d/\\d\\d/.*\\.json\\.gz");
                lines.addAll(FakeS3.gunzip(s3.getObjectAsBytes(r -> r.bucket("lake").key(object.key())).asByteArray())
                        .lines().toList());
            }
            StoredEvents.assertSameEvents(lines, logged);

            StreamsEventResponse counted = new KinesisToMetricsHandler(cloudWatch, new ConsumerSettings(Map.of(
                    "LOGBEAM_METRICS_NAMESPACE", "Logbeam/IT"))).handleRequest(LambdaEvents.kinesis(raw), null);
            assertThat(counted.getBatchItemFailures()).isEmpty();
            Map<String, Long> expected = new LinkedHashMap<>();
            for (int i = 0; i < logged.messages().size(); i++) {
                expected.merge(logged.logTypes().get(i) + "/" + logged.levels().get(i), 1L, Long::sum);
            }
            Instant now = Instant.now();
            expected.forEach((cell, count) -> {
                String[] parts = cell.split("/");
                double sum = cloudWatch.getMetricStatistics(r -> r.namespace("Logbeam/IT").metricName("Events")
                        .dimensions(Dimension.builder().name("log_type").value(parts[0]).build(),
                                Dimension.builder().name("level").value(parts[1]).build())
                        .startTime(now.minus(1, ChronoUnit.HOURS)).endTime(now.plus(1, ChronoUnit.HOURS))
                        .period(60).statistics(Statistic.SUM)).datapoints().stream().mapToDouble(Datapoint::sum).sum();
                assertThat(sum).as(cell).isEqualTo((double) count);
            });
        }
    }

    @Test
    void cloudWatchLogsSubscriptionsToKinesisAndFirehose(MotoServer moto) {
        try (KinesisClient kinesis = LocalClients.kinesis(moto.uri()); S3Client s3 = LocalClients.s3(moto.uri());
                FirehoseClient firehose = firehose(moto); CloudWatchLogsClient logs = LocalClients.logs(moto.uri())) {
            kinesis.createStream(r -> r.streamName("subscribed").shardCount(1));
            s3.createBucket(r -> r.bucket("raw-cwl"));
            s3.createBucket(r -> r.bucket("lake-cwl"));
            createDeliveryStream(firehose, "cwl-to-s3", "raw-cwl");
            logs.createLogGroup(r -> r.logGroupName("/acme/orders"));
            String streamArn = kinesis.describeStreamSummary(r -> r.streamName("subscribed")).streamDescriptionSummary()
                    .streamARN();
            String deliveryArn = firehose.describeDeliveryStream(r -> r.deliveryStreamName("cwl-to-s3"))
                    .deliveryStreamDescription().deliveryStreamARN();
            logs.putSubscriptionFilter(r -> r.logGroupName("/acme/orders").filterName("to-kinesis").filterPattern("")
                    .destinationArn(streamArn).roleArn("arn:aws:iam::123456789012:role/cwl"));
            logs.putSubscriptionFilter(r -> r.logGroupName("/acme/orders").filterName("to-firehose").filterPattern("")
                    .destinationArn(deliveryArn).roleArn("arn:aws:iam::123456789012:role/cwl"));

            LogbackProducer.Logged logged = LogbackProducer.log(LogbackProducer.cloudWatchLogs("/acme/orders",
                    "orders-app"), moto.uri(), 1_200);

            // CloudWatch Logs -> Kinesis (gzip'd envelopes) -> Kinesis-to-S3 handler
            List<LambdaEvents.Raw> raw = LocalClients.readAll(kinesis, "subscribed");
            assertThat(raw).isNotEmpty();
            StreamsEventResponse stored = new KinesisToS3Handler(s3, new ConsumerSettings(Map.of("LOGBEAM_S3_BUCKET",
                    "lake-cwl"))).handleRequest(LambdaEvents.kinesis(raw), null);
            assertThat(stored.getBatchItemFailures()).isEmpty();
            List<String> lines = new ArrayList<>();
            for (S3Object object : objects(s3, "lake-cwl", "")) {
                lines.addAll(FakeS3.gunzip(s3.getObjectAsBytes(r -> r.bucket("lake-cwl").key(object.key()))
                        .asByteArray()).lines().toList());
            }
            StoredEvents.assertSameEvents(lines, logged);

            // CloudWatch Logs -> Firehose: each delivered object is one record as a transformation Lambda gets it
            List<byte[]> records = new ArrayList<>();
            for (S3Object object : objects(s3, "raw-cwl", "")) {
                records.add(s3.getObjectAsBytes(r -> r.bucket("raw-cwl").key(object.key())).asByteArray());
            }
            assertThat(records).isNotEmpty();
            StoredEvents.assertSameEvents(transformed(records), logged);

            // ... and logbeam tail reads the group itself
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int code = LogbeamCli.run(List.of("tail", "--log-group", "/acme/orders", "--since", "1h", "--no-follow",
                    "--endpoint", moto.uri().toString(), "--region", TestCredentials.REGION),
                    new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
            assertThat(code).isZero();
            StoredEvents.assertSameEvents(out.toString(StandardCharsets.UTF_8).lines().toList(), logged);
        }
    }

    @Test
    void firehosePackedRecordsThroughTheTransformation(MotoServer moto) {
        try (S3Client s3 = LocalClients.s3(moto.uri()); FirehoseClient firehose = firehose(moto)) {
            s3.createBucket(r -> r.bucket("packed"));
            createDeliveryStream(firehose, "packed-logs", "packed");
            LogbackProducer.Logged logged = LogbackProducer.log(LogbackProducer.firehose("packed-logs", true),
                    moto.uri(), 2_000);

            List<byte[]> records = new ArrayList<>();
            for (S3Object object : objects(s3, "packed", "")) {
                records.add(s3.getObjectAsBytes(r -> r.bucket("packed").key(object.key())).asByteArray());
            }
            StoredEvents.assertSameEvents(transformed(records), logged);
        }
    }

    /** Runs {@code records} through the transformation handler; every one must come back Ok. */
    private static List<String> transformed(List<byte[]> records) {
        FirehoseTransformationResponse response = new FirehoseTransformationHandler(new ConsumerSettings(Map.of()),
                Integer.MAX_VALUE).handleRequest(LambdaEvents.firehose(records), null);
        List<String> lines = new ArrayList<>();
        for (FirehoseTransformationResponse.Record record : response.getRecords()) {
            assertThat(record.getResult()).isEqualTo("Ok");
            String data = new String(Base64.getDecoder().decode(record.getData()), StandardCharsets.UTF_8);
            List<String> events = data.lines().toList();
            String firstType = StoredEvents.parse(events.get(0)).get("log_type").asText();
            assertThat(record.getMetadata().getPartitionKeys()).containsEntry("log_type", firstType)
                    .containsKeys("year", "month", "day", "hour");
            lines.addAll(events);
        }
        return lines;
    }

    private static FirehoseClient firehose(MotoServer moto) {
        return FirehoseClient.builder().endpointOverride(moto.uri())
                .region(software.amazon.awssdk.regions.Region.of(TestCredentials.REGION))
                .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(
                                TestCredentials.ACCESS_KEY_ID, TestCredentials.SECRET_ACCESS_KEY)))
                .httpClient(software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient.create()).build();
    }

    private static void createDeliveryStream(FirehoseClient firehose, String name, String bucket) {
        firehose.createDeliveryStream(r -> r.deliveryStreamName(name).deliveryStreamType(DeliveryStreamType.DIRECT_PUT)
                .extendedS3DestinationConfiguration(d -> d.bucketARN("arn:aws:s3:::" + bucket)
                        .roleARN("arn:aws:iam::123456789012:role/firehose")));
    }

    private static List<S3Object> objects(S3Client s3, String bucket, String prefix) {
        List<S3Object> objects = new ArrayList<>();
        s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(prefix)).contents().forEach(objects::add);
        return objects;
    }
}

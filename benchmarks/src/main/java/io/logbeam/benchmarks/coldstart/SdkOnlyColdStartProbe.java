package io.logbeam.benchmarks.coldstart;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The {@code sdk-kinesis} destination of {@link ColdStartHarness}: no Logbeam at all, the floor any appender built on
 * the AWS SDK stands on. Builds a {@code KinesisClient} as Logbeam configures it (region, endpoint, static
 * credentials, URLConnection client) and sends one record, on {@code main}. {@code start_ms} is the client's build,
 * {@code first_delivered_ms} the build and the first {@code PutRecords}, {@code warm_flush_ms} a second one;
 * {@code accept_us} and {@code empty_flush_us} are 0 (there is no ring).
 */
final class SdkOnlyColdStartProbe {

    private SdkOnlyColdStartProbe() {
    }

    static void run(String endpoint) {
        long wallAtMain = System.currentTimeMillis();
        long t0 = System.nanoTime();
        KinesisClient client = KinesisClient.builder().endpointOverride(URI.create(endpoint)).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(UrlConnectionHttpClient.builder()).build();
        long built = System.nanoTime();
        PutRecordsResponse first = put(client, "first event of the invocation");
        long deliveredAt = System.nanoTime();
        PutRecordsResponse second = put(client, "second invocation");
        long warmNanos = System.nanoTime() - deliveredAt;
        client.close();
        long jvmToMain = wallAtMain - ManagementFactory.getRuntimeMXBean().getStartTime();
        if (first.failedRecordCount() != 0 || second.failedRecordCount() != 0) {
            System.out.println("PROBE-FAILED " + first + " " + second);
            System.exit(1);
        }
        System.out.printf(Locale.ROOT, "PROBE jvm_to_main_ms=%d start_ms=%.1f accept_us=0 first_delivered_ms=%.1f"
                + " empty_flush_us=0 warm_flush_ms=%.2f%n", jvmToMain, (built - t0) / 1e6, (deliveredAt - t0) / 1e6,
                warmNanos / 1e6);
    }

    private static PutRecordsResponse put(KinesisClient client, String message) {
        byte[] json = ("{\"log_type\":\"app\",\"message\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8);
        return client.putRecords(b -> b.streamName(ColdStartHarness.STREAM).records(PutRecordsRequestEntry.builder()
                .partitionKey("cold-start").data(SdkBytes.fromByteArray(json)).build()));
    }
}

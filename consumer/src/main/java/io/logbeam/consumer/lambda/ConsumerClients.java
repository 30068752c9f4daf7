package io.logbeam.consumer.lambda;

import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.URI;

/**
 * AWS clients for the handlers and the tail command: the JDK's HTTP client (fast to start: Lambda cold starts),
 * credentials from the default chain, the region from the chain unless given, and the endpoint override when
 * one is set.
 */
public final class ConsumerClients {

    private ConsumerClients() {
    }

    /** An S3 client; path-style addressing with an endpoint override (what emulators serve). */
    public static S3Client s3(String endpoint, String region) {
        return configure(S3Client.builder().forcePathStyle(endpoint != null), endpoint, region).build();
    }

    /** A Kinesis client. */
    public static KinesisClient kinesis(String endpoint, String region) {
        return configure(KinesisClient.builder(), endpoint, region).build();
    }

    /** A CloudWatch (metrics) client. */
    public static CloudWatchClient cloudWatch(String endpoint, String region) {
        return configure(CloudWatchClient.builder(), endpoint, region).build();
    }

    /** A CloudWatch Logs client. */
    public static CloudWatchLogsClient logs(String endpoint, String region) {
        return configure(CloudWatchLogsClient.builder(), endpoint, region).build();
    }

    private static <B extends AwsClientBuilder<B, ?> & SdkSyncClientBuilder<B, ?>> B configure(B builder,
            String endpoint, String region) {
        builder.httpClient(UrlConnectionHttpClient.create());
        if (endpoint != null) {
            builder.endpointOverride(URI.create(endpoint));
        }
        if (region != null) {
            builder.region(Region.of(region));
        }
        return builder;
    }
}

package io.logbeam.consumer.lambda;

import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.URI;

/**
 * AWS clients for the handlers: the JDK's HTTP client (fast to start: Lambda cold starts), region and credentials
 * from the default chain, and the endpoint override when one is set.
 */
public final class ConsumerClients {

    private ConsumerClients() {
    }

    /** An S3 client; path-style addressing with an endpoint override (what emulators serve). */
    public static S3Client s3(String endpoint) {
        return configure(S3Client.builder().forcePathStyle(endpoint != null)
                .httpClient(UrlConnectionHttpClient.create()), endpoint).build();
    }

    /** A Kinesis client. */
    public static KinesisClient kinesis(String endpoint) {
        return configure(KinesisClient.builder().httpClient(UrlConnectionHttpClient.create()), endpoint).build();
    }

    /** A CloudWatch (metrics) client. */
    public static CloudWatchClient cloudWatch(String endpoint) {
        return configure(CloudWatchClient.builder().httpClient(UrlConnectionHttpClient.create()), endpoint).build();
    }

    private static <B extends AwsClientBuilder<B, ?>> B configure(B builder, String endpoint) {
        return endpoint == null ? builder : builder.endpointOverride(URI.create(endpoint));
    }
}

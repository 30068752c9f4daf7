package io.logbeam.testkit;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Real AWS SDK v2 sync clients pointed at a local endpoint, without retries so that every injected fault is seen.
 */
final class SdkClients {

    static final StaticCredentialsProvider CREDENTIALS = StaticCredentialsProvider.create(
            AwsBasicCredentials.create(TestCredentials.ACCESS_KEY_ID, TestCredentials.SECRET_ACCESS_KEY));
    static final Region REGION = Region.of(TestCredentials.REGION);
    private static final String CBOR_PROPERTY = "aws.cborEnabled";

    private SdkClients() {
    }

    /** Kinesis speaking CBOR, the SDK default. */
    static KinesisClient kinesis(URI endpoint) {
        return kinesis(endpoint, Duration.ofSeconds(60));
    }

    static KinesisClient kinesis(URI endpoint, Duration apiCallTimeout) {
        return local(KinesisClient.builder(), endpoint, apiCallTimeout);
    }

    /**
     * Kinesis speaking JSON. The SDK reads {@code aws.cborEnabled} once, while the client is built (in the protocol
     * factory's builder), so switching the property around the build isolates this client from all others.
     */
    static KinesisClient kinesisJson(URI endpoint) {
        String previous = System.getProperty(CBOR_PROPERTY);
        System.setProperty(CBOR_PROPERTY, "false");
        try {
            return kinesis(endpoint);
        } finally {
            if (previous == null) {
                System.clearProperty(CBOR_PROPERTY);
            } else {
                System.setProperty(CBOR_PROPERTY, previous);
            }
        }
    }

    static FirehoseClient firehose(URI endpoint) {
        return local(FirehoseClient.builder(), endpoint, Duration.ofSeconds(60));
    }

    static CloudWatchLogsClient logs(URI endpoint) {
        return logs(endpoint, Duration.ofSeconds(60));
    }

    static CloudWatchLogsClient logs(URI endpoint, Duration apiCallTimeout) {
        return local(CloudWatchLogsClient.builder(), endpoint, apiCallTimeout);
    }

    static S3Client s3(URI endpoint) {
        return local(S3Client.builder().forcePathStyle(true), endpoint, Duration.ofSeconds(60));
    }

    /** Any service's client: the endpoint, the test region and credentials, short HTTP timeouts, no retries. */
    private static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C local(B builder, URI endpoint,
            Duration apiCallTimeout) {
        return builder
                .endpointOverride(endpoint)
                .region(REGION)
                .credentialsProvider(CREDENTIALS)
                .httpClient(UrlConnectionHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(5))
                        .socketTimeout(Duration.ofSeconds(30))
                        .build())
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .retryStrategy(AwsRetryStrategy.doNotRetry())
                        .apiCallTimeout(apiCallTimeout)
                        .build())
                .build();
    }
}

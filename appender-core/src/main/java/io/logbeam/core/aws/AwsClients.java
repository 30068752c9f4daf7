package io.logbeam.core.aws;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * Builds SDK v2 sync clients the same way for every destination.
 *
 * <p>The SDK's own retries are off: Logbeam retries only the entries that failed, with its own backoff,
 * deadline and accounting; SDK retries on top would multiply attempts and hide them from the statistics.
 * Building a client does not touch the network; it runs on a sender thread, never on an application
 * thread.
 */
public final class AwsClients {

    private AwsClients() {
    }

    /**
     * Configures {@code builder} from {@code settings} and builds the client.
     *
     * @param <B> the service's client builder type
     * @param <C> the service's client type
     */
    public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(B builder,
            AwsSettings settings) {
        if (settings.region() != null) {
            builder.region(Region.of(settings.region()));
        }
        if (settings.endpoint() != null) {
            builder.endpointOverride(settings.endpoint());
        }
        if (settings.accessKeyId() != null) {
            builder.credentialsProvider(StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(settings.accessKeyId(), settings.secretAccessKey())));
        } else {
            builder.credentialsProvider(DefaultCredentialsProvider.builder().build());
        }
        builder.overrideConfiguration(ClientOverrideConfiguration.builder()
                .retryStrategy(AwsRetryStrategy.doNotRetry())
                .apiCallAttemptTimeout(settings.requestTimeout())
                .apiCallTimeout(settings.requestTimeout())
                .build());
        builder.httpClient(httpClient(settings));
        return builder.build();
    }

    private static SdkHttpClient httpClient(AwsSettings settings) {
        if (settings.httpClient() == AwsSettings.HttpClientKind.APACHE) {
            return ApacheClientFactory.create(settings);
        }
        return UrlConnectionHttpClient.builder()
                .connectionTimeout(settings.connectTimeout())
                .socketTimeout(settings.requestTimeout())
                .build();
    }

    /** Separate class so that apache-client is only loaded when chosen (it is an optional dependency). */
    private static final class ApacheClientFactory {
        static SdkHttpClient create(AwsSettings settings) {
            try {
                return software.amazon.awssdk.http.apache.ApacheHttpClient.builder()
                        .connectionTimeout(settings.connectTimeout())
                        .socketTimeout(settings.requestTimeout())
                        .build();
            } catch (NoClassDefFoundError e) {
                throw new IllegalStateException("httpClient=apache needs software.amazon.awssdk:apache-client on the "
                        + "classpath", e);
            }
        }
    }
}

package io.logbeam.core.aws;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpConfigurationOption;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.utils.AttributeMap;

import java.net.URI;
import java.util.function.Consumer;

/**
 * Builds SDK v2 sync clients the same way for every destination.
 *
 * <p>The SDK's own retries are off: Logbeam retries only the entries that failed, with its own backoff,
 * deadline and accounting; SDK retries on top would multiply attempts and hide them from the statistics. They stay
 * off after an {@link AwsClientCustomizer} has had its say. Building a client does not touch the network (with
 * {@code roleArn}, the first credentials are fetched from STS by the client's first request); it runs on a sender
 * thread, never on an application thread.
 */
public final class AwsClients {

    private AwsClients() {
    }

    /**
     * Configures {@code builder} from {@code settings} and builds the client. Closing the client also closes what
     * was built for it (the HTTP client, an assumed role's STS client and credential refresh).
     *
     * @param <B> the service's client builder type
     * @param <C> the service's client type
     */
    public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(B builder,
            AwsSettings settings) {
        configure(builder, settings, settings.endpoint(), credentials(settings));
        return builder.build();
    }

    /**
     * Everything but the credentials: region, endpoint, retries off, timeouts, HTTP client, customizer. Also used for
     * the STS client of an assumed role, which has its own endpoint and the base credentials.
     */
    static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> void configure(B builder,
            AwsSettings settings, URI endpoint, AwsCredentialsProvider credentials) {
        if (settings.region() != null) {
            builder.region(Region.of(settings.region()));
        }
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        builder.credentialsProvider(credentials);
        builder.httpClientBuilder(httpClient(settings));
        customize(settings, "customizeClient", customizer -> customizer.customizeClient(builder));
        // Whatever the customizer set: the SDK's retries stay off, and Logbeam's timeouts apply unless it set its own.
        ClientOverrideConfiguration current = builder.overrideConfiguration();
        ClientOverrideConfiguration.Builder override = current == null ? ClientOverrideConfiguration.builder()
                : current.toBuilder();
        if (override.apiCallAttemptTimeout() == null) {
            override.apiCallAttemptTimeout(settings.requestTimeout());
        }
        if (override.apiCallTimeout() == null) {
            override.apiCallTimeout(settings.requestTimeout());
        }
        builder.overrideConfiguration(override.retryStrategy(AwsRetryStrategy.doNotRetry()).build());
    }

    /** The base credentials: static keys, else the default chain; with {@code roleArn}, that role assumed with them. */
    private static AwsCredentialsProvider credentials(AwsSettings settings) {
        AwsCredentialsProvider base = baseCredentials(settings);
        return settings.roleArn() == null ? base : Sts.assumedRole(settings, base);
    }

    /** Static keys when set, else the SDK's default chain. */
    static AwsCredentialsProvider baseCredentials(AwsSettings settings) {
        if (settings.accessKeyId() != null) {
            return StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(settings.accessKeyId(), settings.secretAccessKey()));
        }
        return DefaultCredentialsProvider.builder().build();
    }

    /** The chosen HTTP client's builder with Logbeam's timeouts, then the customizer's changes. */
    private static SdkHttpClient.Builder<?> httpClient(AwsSettings settings) {
        SdkHttpClient.Builder<?> builder;
        switch (settings.httpClient()) {
            case APACHE:
                builder = ApacheClient.builder(settings);
                break;
            case CRT:
                builder = CrtClient.builder(settings);
                break;
            default:
                builder = UrlConnectionHttpClient.builder().connectionTimeout(settings.connectTimeout())
                        .socketTimeout(settings.requestTimeout());
                break;
        }
        SdkHttpClient.Builder<?> chosen = builder;
        customize(settings, "customizeHttpClient", customizer -> customizer.customizeHttpClient(chosen));
        return settings.httpClient() == AwsSettings.HttpClientKind.CRT ? new Http1(builder) : builder;
    }

    /**
     * Asks for HTTP/1.1 whatever the service's defaults say. Kinesis defaults to HTTP/2 (for SubscribeToShard, which
     * Logbeam does not call); the URLConnection and Apache clients ignore that, the CRT client refuses to build.
     */
    private static final class Http1 implements SdkHttpClient.Builder<Http1> {
        private final SdkHttpClient.Builder<?> delegate;

        Http1(SdkHttpClient.Builder<?> delegate) {
            this.delegate = delegate;
        }

        @Override
        public SdkHttpClient buildWithDefaults(AttributeMap serviceDefaults) {
            return delegate.buildWithDefaults(serviceDefaults.toBuilder()
                    .put(SdkHttpConfigurationOption.PROTOCOL, Protocol.HTTP1_1).build());
        }
    }

    /** Calls the {@code clientCustomizer}, if any; what it throws is reported naming the property. */
    private static void customize(AwsSettings settings, String method, Consumer<AwsClientCustomizer> call) {
        AwsClientCustomizer customizer = settings.customizer();
        if (customizer == null) {
            return;
        }
        try {
            call.accept(customizer);
        } catch (RuntimeException | LinkageError e) {
            throw new IllegalStateException("property 'clientCustomizer': " + customizer.getClass().getName() + "."
                    + method + " failed: " + e, e);
        }
    }

    /** Separate class so that apache-client is only loaded when chosen (it is an optional dependency). */
    private static final class ApacheClient {
        static SdkHttpClient.Builder<?> builder(AwsSettings settings) {
            return software.amazon.awssdk.http.apache.ApacheHttpClient.builder()
                    .connectionTimeout(settings.connectTimeout())
                    .socketTimeout(settings.requestTimeout());
        }
    }

    /**
     * Separate class so that aws-crt-client is only loaded when chosen (an optional dependency). The CRT client has
     * no socket timeout; {@code requestTimeout} bounds each attempt through the SDK's attempt timeout.
     */
    private static final class CrtClient {
        static SdkHttpClient.Builder<?> builder(AwsSettings settings) {
            return software.amazon.awssdk.http.crt.AwsCrtHttpClient.builder()
                    .connectionTimeout(settings.connectTimeout());
        }
    }
}

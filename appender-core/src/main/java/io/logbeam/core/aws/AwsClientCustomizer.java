package io.logbeam.core.aws;

import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;

/**
 * Changes the AWS SDK clients of one appender before they are built: a proxy, a custom credentials provider, a
 * metric publisher, request headers. Named by the {@code clientCustomizer} property: a public class with a public
 * no-argument constructor, created once when the appender starts and called on a shipper thread each time the
 * appender builds a client (the destination's client, and the STS client of {@code roleArn} or
 * {@code {aws:accountId}}), never on an application thread.
 *
 * <p>Logbeam has configured both builders when they are handed over (region, endpoint, credentials, timeouts, the
 * HTTP client's settings). Whatever the customizer sets wins, with one exception: the SDK's retries stay off
 * whatever {@code overrideConfiguration} says, because Logbeam retries only the entries that failed, with its own
 * backoff and accounting; SDK retries on top would multiply the attempts and hide them. An exception thrown here
 * makes the destination unusable until the next attempt (after a cooldown), reported naming
 * {@code clientCustomizer}.
 *
 * <pre>{@code
 * public final class CorporateProxy implements AwsClientCustomizer {
 *     public void customizeHttpClient(SdkHttpClient.Builder<?> builder) {
 *         if (builder instanceof UrlConnectionHttpClient.Builder) {
 *             ((UrlConnectionHttpClient.Builder) builder).proxyConfiguration(ProxyConfiguration.builder()
 *                     .endpoint(URI.create("http://proxy.internal:3128")).build());
 *         }
 *     }
 * }
 * }</pre>
 */
public interface AwsClientCustomizer {

    /**
     * Changes a service client's builder ({@code KinesisClientBuilder}, {@code FirehoseClientBuilder},
     * {@code CloudWatchLogsClientBuilder}, or {@code StsClientBuilder} for the STS client Logbeam uses itself)
     * just before it is built. Does nothing by default.
     */
    default void customizeClient(AwsClientBuilder<?, ?> builder) {
    }

    /**
     * Changes the HTTP client's builder, of the type {@code httpClient} chose ({@code UrlConnectionHttpClient.Builder},
     * {@code ApacheHttpClient.Builder} or {@code AwsCrtHttpClient.Builder}), after Logbeam set its timeouts. Does
     * nothing by default.
     */
    default void customizeHttpClient(SdkHttpClient.Builder<?> builder) {
    }
}

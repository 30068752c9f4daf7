package io.logbeam.core.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.logbeam.core.config.AppenderProperties;
import io.logbeam.core.config.DestinationTypes;
import io.logbeam.core.engine.Shipper;
import io.logbeam.core.testing.CapturingDiagnostics;
import io.logbeam.core.testing.TestAdapter;
import io.logbeam.core.testing.TestEvent;
import io.logbeam.testkit.LocalAwsEndpoint;
import io.logbeam.testkit.LoopbackProxy;

import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.ProxyConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Against the testkit endpoint: a {@code clientCustomizer} that routes through a proxy is seen to be used, one that
 * fails is reported naming the property, and {@code httpClient=crt} delivers.
 */
class ClientSetupTest {

    /** Where {@link ViaProxy} sends requests; set by each test (the customizer is created by name). */
    static volatile URI proxy;

    private LocalAwsEndpoint endpoint;
    private final CapturingDiagnostics diagnostics = new CapturingDiagnostics();
    private Shipper<TestEvent> shipper;

    @BeforeEach
    void start() {
        endpoint = LocalAwsEndpoint.start();
        endpoint.kinesis().createStream("clients", 1);
    }

    @AfterEach
    void stop() {
        if (shipper != null) {
            shipper.stop(Duration.ofSeconds(5));
        }
        endpoint.close();
    }

    private Shipper<TestEvent> kinesis(String... properties) {
        AppenderProperties settings = new AppenderProperties(DestinationTypes.KINESIS);
        settings.set("streamName", "clients");
        settings.set("region", "us-east-1");
        settings.set("endpoint", endpoint.uri().toString());
        settings.set("accessKeyId", "test");
        settings.set("secretAccessKey", "test");
        settings.set("jmx", "false");
        for (int i = 0; i < properties.length; i += 2) {
            settings.set(properties[i], properties[i + 1]);
        }
        shipper = settings.start("clients", new TestAdapter(), diagnostics);
        return shipper;
    }

    @Test
    void aCustomizerThatSetsAProxyIsUsedForEveryRequest() throws Exception {
        try (LoopbackProxy forward = LoopbackProxy.forwarding()) {
            proxy = forward.uri();
            Shipper<TestEvent> s = kinesis("clientCustomizer", ViaProxy.class.getName());
            for (int i = 0; i < 10; i++) {
                s.publish(TestEvent.of("through the proxy " + i), false);
            }
            assertThat(s.flush(Duration.ofSeconds(30))).isTrue();
            assertThat(endpoint.kinesis().records("clients")).hasSize(10);
            assertThat(forward.requests()).isEqualTo(endpoint.requests().count()).isPositive();
            assertThat(forward.targets()).allMatch(t -> t.startsWith(endpoint.uri().toString()));
        }
    }

    @Test
    void aFailingCustomizerIsReportedNamingThePropertyAndTheEventsFallBack() {
        Shipper<TestEvent> s = kinesis("clientCustomizer", Failing.class.getName());
        s.publish(TestEvent.of("never sent"), false);
        assertThat(s.flush(Duration.ofSeconds(30))).isTrue();
        assertThat(s.stats().getFallback()).isEqualTo(1);
        assertThat(endpoint.requests().count()).isZero();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(diagnostics.lines())
                .anyMatch(line -> line.contains("property 'clientCustomizer': " + Failing.class.getName()
                        + ".customizeClient failed: java.lang.IllegalStateException: no client for you")));
    }

    @Test
    void theCrtClientShipsToTheEndpoint() {
        Shipper<TestEvent> s = kinesis("httpClient", "crt");
        for (int i = 0; i < 20; i++) {
            s.publish(TestEvent.of("over CRT " + i), false);
        }
        assertThat(s.flush(Duration.ofSeconds(30))).isTrue();
        assertThat(s.stats().getDelivered()).as("%s", s.stats()).isEqualTo(20);
        assertThat(endpoint.kinesis().records("clients")).hasSize(20);
        assertThat(endpoint.violations()).isEmpty();
    }

    /** Routes the URLConnection client through {@link #proxy}. */
    public static final class ViaProxy implements AwsClientCustomizer {
        @Override
        public void customizeHttpClient(SdkHttpClient.Builder<?> builder) {
            ((UrlConnectionHttpClient.Builder) builder).proxyConfiguration(ProxyConfiguration.builder()
                    .endpoint(proxy).useSystemPropertyValues(false).useEnvironmentVariablesValues(false).build());
        }
    }

    /** Throws where a broken customizer would. */
    public static final class Failing implements AwsClientCustomizer {
        @Override
        public void customizeClient(AwsClientBuilder<?, ?> builder) {
            throw new IllegalStateException("no client for you");
        }
    }
}

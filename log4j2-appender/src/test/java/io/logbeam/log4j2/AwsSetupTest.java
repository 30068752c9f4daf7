package io.logbeam.log4j2;

import static org.assertj.core.api.Assertions.assertThat;

import io.logbeam.core.aws.AwsClientCustomizer;
import io.logbeam.core.event.LambdaContext;
import io.logbeam.log4j2.testing.Contexts;
import io.logbeam.log4j2.testing.StatusCapture;
import io.logbeam.testkit.LocalAwsEndpoint;
import io.logbeam.testkit.LoopbackProxy;
import io.logbeam.testkit.TestCredentials;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.core.LoggerContext;

import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.ProxyConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The AWS-setup attributes through log4j2.xml, against the testkit endpoint: {@code clientCustomizer} (a proxy seen
 * to be used), {@code httpClient="crt"}, and {@code samplingRate} ({@code DEBUG} events of sampled invocations only).
 */
class AwsSetupTest {

    /** Where {@link ViaProxy} sends requests (the customizer is created by name, so it reads it from here). */
    static volatile URI proxy;

    private LocalAwsEndpoint endpoint;
    private LoggerContext context;

    @BeforeEach
    void start() {
        LambdaContext.reset();
        endpoint = LocalAwsEndpoint.start();
        endpoint.kinesis().createStream("setup", 1);
    }

    @AfterEach
    void stop() {
        if (context != null) {
            context.stop();
        }
        endpoint.close();
        LambdaContext.reset();
    }

    private KinesisAppender configure(String attributes) {
        context = Contexts.start("<Configuration>\n  <Appenders>\n"
                + "    <Kinesis name=\"KINESIS\" streamName=\"setup\" region=\"" + TestCredentials.REGION
                + "\" endpoint=\"" + endpoint.uri() + "\" accessKeyId=\"" + TestCredentials.ACCESS_KEY_ID
                + "\" secretAccessKey=\"" + TestCredentials.SECRET_ACCESS_KEY + "\" maxBatchDelay=\"1 hour\" jmx=\"false\" "
                + attributes + "/>\n"
                + "  </Appenders>\n  <Loggers>\n"
                + "    <Logger name=\"com.acme.Quiet\" level=\"warn\"/>\n"
                + "    <Root level=\"info\"><AppenderRef ref=\"KINESIS\"/></Root>\n"
                + "  </Loggers>\n</Configuration>\n");
        return context.getConfiguration().getAppender("KINESIS");
    }

    private List<String> shippedMessages() {
        return endpoint.kinesis().records("setup").stream()
                .map(r -> new String(r.data(), StandardCharsets.UTF_8).replaceAll(".*\"message\":\"([^\"]*)\".*", "$1"))
                .toList();
    }

    @Test
    void aCustomizerThatSetsAProxyIsUsed() throws Exception {
        try (LoopbackProxy forward = LoopbackProxy.forwarding()) {
            proxy = forward.uri();
            KinesisAppender appender = configure("clientCustomizer=\"" + ViaProxy.class.getName() + "\"");
            context.getLogger("com.acme.Orders").info("through the proxy");
            assertThat(appender.flush(Duration.ofSeconds(30))).isTrue();
            assertThat(shippedMessages()).containsExactly("through the proxy");
            assertThat(forward.requests()).isPositive().isEqualTo((int) endpoint.requests().count());
        }
    }

    @Test
    void theCrtClientShips() {
        KinesisAppender appender = configure("httpClient=\"crt\"");
        context.getLogger("com.acme.Orders").info("over CRT");
        assertThat(appender.flush(Duration.ofSeconds(30))).isTrue();
        assertThat(shippedMessages()).containsExactly("over CRT");
    }

    @Test
    void debugEventsAreShippedInSampledInvocationsOnly() {
        KinesisAppender appender = configure("samplingRate=\"0.5\"");
        Logger orders = context.getLogger("com.acme.Orders");
        Logger quiet = context.getLogger("com.acme.Quiet");
        Logger sdk = context.getLogger("software.amazon.awssdk.request");

        orders.debug("outside any invocation");
        LambdaContext.invocationStarted(new LambdaContext.Invocation("sampled", null, null, 0.2));
        orders.debug("debug of a sampled invocation");
        orders.debug("debug with {} {}", "two", "parameters");
        orders.trace("trace of a sampled invocation");
        quiet.debug("debug of a logger at WARN");
        sdk.debug("debug of the AWS SDK");
        assertThat(orders.isDebugEnabled()).isTrue();
        LambdaContext.invocationEnded();
        LambdaContext.invocationStarted(new LambdaContext.Invocation("not-sampled", null, null, 0.7));
        orders.debug("debug of an invocation not sampled");
        orders.info("info of an invocation not sampled");
        assertThat(orders.isDebugEnabled()).isFalse();
        LambdaContext.invocationEnded();

        assertThat(appender.flush(Duration.ofSeconds(30))).isTrue();
        assertThat(shippedMessages()).containsExactly("debug of a sampled invocation", "debug with two parameters",
                "info of an invocation not sampled");
    }

    @Test
    void anInvalidSamplingRateIsReportedByName() {
        try (StatusCapture status = StatusCapture.start()) {
            KinesisAppender appender = configure("samplingRate=\"10%\"");
            assertThat(appender).isNull();
            assertThat(status.messages(Level.ERROR)).anyMatch(m -> m.contains(
                    "attribute 'samplingRate': '10%' is not a number from 0 to 1"));
        }
    }

    /** Changes nothing: the every-property configurations name it. */
    public static final class NoChange implements AwsClientCustomizer {
    }

    /** Routes the URLConnection client through {@link #proxy}. */
    public static final class ViaProxy implements AwsClientCustomizer {
        @Override
        public void customizeHttpClient(SdkHttpClient.Builder<?> builder) {
            ((UrlConnectionHttpClient.Builder) builder).proxyConfiguration(ProxyConfiguration.builder()
                    .endpoint(proxy).useSystemPropertyValues(false).useEnvironmentVariablesValues(false).build());
        }
    }
}

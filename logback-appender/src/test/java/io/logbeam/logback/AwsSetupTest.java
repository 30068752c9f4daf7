package io.logbeam.logback;

import static org.assertj.core.api.Assertions.assertThat;

import io.logbeam.core.aws.AwsClientCustomizer;
import io.logbeam.core.event.LambdaContext;
import io.logbeam.logback.testing.Contexts;
import io.logbeam.logback.testing.EmulatorClients;
import io.logbeam.testkit.LocalAwsEndpoint;
import io.logbeam.testkit.LoopbackProxy;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import ch.qos.logback.core.status.Status;

import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.ProxyConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The AWS-setup properties through logback.xml, against the testkit endpoint: {@code clientCustomizer} (a proxy seen
 * to be used), {@code httpClient=crt}, and {@code samplingRate} ({@code DEBUG} events of sampled invocations only).
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

    private KinesisAppender configure(String properties, String rootLevel) {
        context = Contexts.configure("aws-setup", "<configuration>\n"
                + "  <appender name=\"KINESIS\" class=\"io.logbeam.logback.KinesisAppender\">\n"
                + "    <streamName>setup</streamName>\n"
                + EmulatorClients.appenderProperties(endpoint.uri())
                + "    <maxBatchDelay>1 hour</maxBatchDelay>\n"
                + "    <jmx>false</jmx>\n" + properties
                + "  </appender>\n"
                + "  <appender name=\"LIST\" class=\"ch.qos.logback.core.read.ListAppender\"/>\n"
                + "  <logger name=\"com.acme.Quiet\" level=\"WARN\"/>\n"
                + "  <root level=\"" + rootLevel + "\"><appender-ref ref=\"KINESIS\"/><appender-ref ref=\"LIST\"/></root>\n"
                + "</configuration>\n", Map.of());
        return (KinesisAppender) context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("KINESIS");
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
            KinesisAppender appender = configure("<clientCustomizer>" + ViaProxy.class.getName()
                    + "</clientCustomizer>\n", "INFO");
            assertThat(appender.isStarted()).as(Contexts.statusText(context)).isTrue();
            context.getLogger("com.acme.Orders").info("through the proxy");
            assertThat(appender.flush(Duration.ofSeconds(30))).isTrue();
            assertThat(shippedMessages()).containsExactly("through the proxy");
            assertThat(forward.requests()).isPositive().isEqualTo((int) endpoint.requests().count());
        }
    }

    @Test
    void theCrtClientShips() {
        KinesisAppender appender = configure("<httpClient>crt</httpClient>\n", "INFO");
        assertThat(appender.isStarted()).as(Contexts.statusText(context)).isTrue();
        context.getLogger("com.acme.Orders").info("over CRT");
        assertThat(appender.flush(Duration.ofSeconds(30))).isTrue();
        assertThat(shippedMessages()).containsExactly("over CRT");
    }

    @Test
    void debugEventsAreShippedInSampledInvocationsOnly() {
        KinesisAppender appender = configure("<samplingRate>0.5</samplingRate>\n", "INFO");
        assertThat(appender.isStarted()).as(Contexts.statusText(context)).isTrue();
        Logger orders = context.getLogger("com.acme.Orders");
        Logger quiet = context.getLogger("com.acme.Quiet");
        Logger sdk = context.getLogger("software.amazon.awssdk.request");

        orders.debug("outside any invocation");
        LambdaContext.invocationStarted(new LambdaContext.Invocation("sampled", null, null, 0.2));
        orders.debug("debug of a sampled invocation");
        orders.trace("trace of a sampled invocation");
        quiet.debug("debug of a logger at WARN");
        sdk.debug("debug of the AWS SDK");
        LambdaContext.invocationEnded();
        LambdaContext.invocationStarted(new LambdaContext.Invocation("not-sampled", null, null, 0.7));
        orders.debug("debug of an invocation not sampled");
        orders.info("info of an invocation not sampled");
        LambdaContext.invocationEnded();

        assertThat(appender.flush(Duration.ofSeconds(30))).isTrue();
        assertThat(shippedMessages()).containsExactly("debug of a sampled invocation",
                "info of an invocation not sampled");
        assertThat(listAppender().list).extracting(ILoggingEvent::getMessage).as("other appenders see them too")
                .containsExactly("debug of a sampled invocation", "info of an invocation not sampled");

        context.stop();
        assertThat(context.getTurboFilterList()).as("removed with the appender").isEmpty();
    }

    @Test
    void anInvalidSamplingRateIsReportedByName() {
        KinesisAppender appender = configure("<samplingRate>10%</samplingRate>\n", "INFO");
        assertThat(appender.isStarted()).isFalse();
        assertThat(Contexts.statusMessages(context, Status.ERROR)).anyMatch(m -> m.contains(
                "property 'samplingRate': '10%' is not a number from 0 to 1"));
    }

    @SuppressWarnings("unchecked")
    private ListAppender<ILoggingEvent> listAppender() {
        return (ListAppender<ILoggingEvent>) context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("LIST");
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

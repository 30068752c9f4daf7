package io.logbeam.logback;

import io.logbeam.logback.testing.Contexts;
import io.logbeam.testkit.LocalAwsEndpoint;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.read.ListAppender;
import ch.qos.logback.core.status.Status;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

/**
 * What every Logbeam Logback appender must do, checked for one destination against the testkit's
 * in-process AWS endpoint: a real {@code logback.xml} loaded by Joran with every property, the event
 * mapping as it arrives at the service, {@code logTypeAllowList}, {@code flushOnLevel}, invalid
 * configuration, delivery of everything buffered on {@code LoggerContext.stop()}, and no loop through the
 * AWS SDK's own logging. Subclasses say how to create the target and read back what arrived.
 */
@Timeout(60)
abstract class DestinationAppenderContract {

    protected static LocalAwsEndpoint endpoint;

    protected final String target = targetName();
    private LoggerContext context;

    @BeforeAll
    static void startEndpoint() {
        endpoint = LocalAwsEndpoint.start();
    }

    @AfterAll
    static void stopEndpoint() {
        endpoint.close();
    }

    @BeforeEach
    void prepareTarget() {
        MDC.clear();
        createTarget(target);
    }

    @AfterEach
    void stopContext() {
        MDC.clear();
        if (context != null) {
            context.stop();
        }
        assertThat(endpoint.violations()).as("service limits respected").isEmpty();
    }

    // ---- what a destination's test provides ----

    /** A fresh target name (stream, delivery stream, log group). */
    protected String targetName() {
        return "logbeam-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** The appender's name in the resource, e.g. {@code KINESIS}. */
    protected abstract String appenderName();

    /** The classpath resource of the logback.xml that sets every property, e.g. {@code /kinesis-logback.xml}. */
    protected abstract String everyPropertyResource();

    /** The appender class. */
    protected abstract Class<? extends LogbeamAppenderBase> appenderClass();

    /** The destination's own properties (XML elements) that make it ship to {@code target}. */
    protected abstract String destinationProperties(String target);

    /** Creates {@code target} at the endpoint (the CloudWatch Logs appender may create its own). */
    protected abstract void createTarget(String target);

    /** The events that arrived at {@code target}, parsed, in order of arrival. */
    protected abstract List<JsonNode> shipped(String target);

    /** Invalid destination properties (XML elements) and the property names the errors must mention. */
    protected abstract Map<String, String> invalidDestinationProperties();

    // ---- the contract ----

    @Test
    void logbackXmlWithEveryPropertyShipsTheMappedEvents() {
        System.setProperty("logbeam.test.service", "orders-service");
        try {
            context = Contexts.configureResource("every-property", everyPropertyResource(),
                    Map.of("endpoint", endpoint.uri().toString(), "target", target));
        } finally {
            System.clearProperty("logbeam.test.service");
        }
        LogbeamAppenderBase appender = appender();
        assertThat(appender.isStarted()).as(Contexts.statusText(context)).isTrue();
        assertThat(Contexts.statusMessages(context, Status.ERROR)).isEmpty();
        assertThat(Contexts.statusMessages(context, Status.WARN)).as("Joran knows every property").isEmpty();
        Logger logger = context.getLogger("com.acme.Orders");

        Marker audit = MarkerFactory.getDetachedMarker("AUDIT");
        audit.add(MarkerFactory.getDetachedMarker("CONFIDENTIAL"));
        Exception failure = new IllegalStateException("card declined", new java.io.IOException("gateway timeout"));
        failure.addSuppressed(new IllegalArgumentException("rollback failed"));
        MDC.put("stream", "audit");
        MDC.put("request_id", "r-42");
        logger.atWarn().addMarker(audit).addKeyValue("order_id", "A-17").addKeyValue("amount", 12.5)
                .addKeyValue("express", true).setCause(failure).log("payment of order {} refused", "A-17");
        MDC.put("stream", "debugging"); // not in logTypeAllowList: this appender does not ship it
        logger.info("not shipped");
        MDC.clear();
        logger.info("y".repeat(5_000)); // beyond maxMessageBytes
        logger.error("flushOnLevel sends the batch at once"); // maxBatchDelay is an hour

        await().atMost(Duration.ofSeconds(20)).until(() -> shipped(target).size() >= 3);
        List<JsonNode> events = shipped(target);
        assertThat(events).hasSize(3);

        // Found by content: destinations with several shards or keyed aggregates need not keep the order.
        JsonNode warn = only(events, "WARN");
        assertThat(fieldNames(warn)).startsWith("type", "id", "ts", "ts_ms");
        assertThat(warn.get("type").asText()).isEqualTo("audit");
        assertThat(warn.get("id").asText()).isNotBlank();
        assertThat(warn.get("ts").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(warn.get("ts_ms").asLong()).isPositive();
        assertThat(warn.get("severity").asText()).isEqualTo("WARN");
        assertThat(warn.get("logger").asText()).isEqualTo("com.acme.Orders");
        assertThat(warn.get("thread").asText()).isEqualTo(Thread.currentThread().getName());
        assertThat(warn.get("message").asText()).isEqualTo("payment of order A-17 refused");
        assertThat(warn.get("mdc").get("request_id").asText()).isEqualTo("r-42");
        assertThat(warn.get("kv").get("order_id").asText()).isEqualTo("A-17");
        assertThat(warn.get("kv").get("amount").asDouble()).isEqualTo(12.5);
        assertThat(warn.get("kv").get("express").asBoolean()).isTrue();
        assertThat(warn.get("markers")).extracting(JsonNode::asText).containsExactly("AUDIT", "CONFIDENTIAL");
        JsonNode exception = warn.get("exception");
        assertThat(exception.get("class").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(exception.get("message").asText()).isEqualTo("card declined");
        assertThat(exception.get("stack").asText()).contains("Caused by: java.io.IOException: gateway timeout")
                .contains("Suppressed: java.lang.IllegalArgumentException: rollback failed");
        assertThat(exception.get("causes").get(0).get("class").asText()).isEqualTo("java.io.IOException");
        assertThat(warn.get("caller").get("class").asText()).isEqualTo(DestinationAppenderContract.class.getName());
        assertThat(warn.get("caller").get("method").asText()).isEqualTo("logbackXmlWithEveryPropertyShipsTheMappedEvents");
        assertThat(warn.has("host")).isFalse();
        assertThat(warn.get("service").asText()).isEqualTo("orders-service");
        assertThat(warn.get("env").asText()).isEqualTo("test");

        JsonNode longMessage = events.stream().filter(j -> j.get("message").asText().startsWith("yyy")).findFirst()
                .orElseThrow();
        assertThat(longMessage.get("type").asText()).isEqualTo("orders");
        assertThat(longMessage.get("message").asText()).startsWith("yyy").hasSizeLessThanOrEqualTo(2_000);
        assertThat(longMessage.get("truncated").asBoolean()).isTrue();

        assertThat(only(events, "ERROR").get("message").asText()).isEqualTo("flushOnLevel sends the batch at once");
        assertThat(appender.stats().getFiltered()).isEqualTo(1);
        assertThat(listAppender().list).as("the application's other appenders get everything").hasSize(4);
    }

    @Test
    void logTypeAllowListShipsOnlyTheListedTypes() {
        configure("<logType>app</logType>\n<logTypeAllowList>audit,security</logTypeAllowList>\n");
        Logger logger = context.getLogger("com.acme.Orders");

        logger.info("app: not shipped");
        logger.atInfo().addKeyValue("log_type", "audit").log("audit by key-value");
        MDC.put("log_type", "security");
        logger.info("security by MDC");
        MDC.put("log_type", "metrics");
        logger.info("metrics: not shipped");
        MDC.clear();

        assertThat(appender().flush(Duration.ofSeconds(20))).isTrue();
        assertThat(shipped(target)).extracting(j -> j.get("log_type").asText() + ":" + j.get("message").asText())
                .containsExactlyInAnyOrder("audit:audit by key-value", "security:security by MDC");
        assertThat(appender().stats().getFiltered()).isEqualTo(2);
    }

    @Test
    void flushOnLevelSendsAtOnceWhileLowerLevelsWaitForTheBatch() {
        configure("<flushOnLevel>ERROR</flushOnLevel>\n");
        Logger logger = context.getLogger("com.acme.Orders");

        logger.info("waits");
        logger.warn("waits too");
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> shipped(target).isEmpty());

        logger.error("sends all three");
        await().atMost(Duration.ofSeconds(20)).until(() -> shipped(target).size() == 3);
        assertThat(shipped(target)).extracting(j -> j.get("message").asText())
                .containsExactlyInAnyOrder("waits", "waits too", "sends all three");
    }

    @Test
    void invalidConfigurationReportsEveryPropertyAndTheApplicationKeepsRunning() {
        StringBuilder invalid = new StringBuilder("<bufferSize>-8</bufferSize>\n<overflowPolicy>sometimes</overflowPolicy>\n"
                + "<flushOnLevel>LOUD</flushOnLevel>\n<shutdownTimeout>a while</shutdownTimeout>\n"
                + "<endpoint>ftp://127.0.0.1</endpoint>\n");
        invalidDestinationProperties().values().forEach(invalid::append);
        context = Contexts.configure("invalid", appenderXml(invalid.toString(), false), Map.of("endpoint", "unused"));

        assertThat(appender().isStarted()).isFalse();
        List<String> errors = Contexts.statusMessages(context, Status.ERROR);
        List<String> properties = new ArrayList<>(List.of("bufferSize", "overflowPolicy", "flushOnLevel", "shutdownTimeout",
                "endpoint"));
        properties.addAll(invalidDestinationProperties().keySet());
        for (String property : properties) {
            assertThat(errors).as("an error names " + property).anyMatch(e -> e.contains("property '" + property + "'"));
        }
        Logger logger = context.getLogger("com.acme.Orders");
        assertThatCode(() -> logger.error("the application keeps logging", new RuntimeException())).doesNotThrowAnyException();
        assertThat(listAppender().list).hasSize(1);
    }

    @Test
    void requiredTargetMissingIsReportedByName() {
        context = Contexts.configure("missing", appenderXml("<jmx>false</jmx>\n", false),
                Map.of("endpoint", endpoint.uri().toString()));

        assertThat(appender().isStarted()).isFalse();
        assertThat(Contexts.statusMessages(context, Status.ERROR))
                .anyMatch(e -> e.contains("property '" + requiredProperty() + "'") && e.contains("required"));
    }

    /** The name of the property that says where to ship. */
    protected abstract String requiredProperty();

    @Test
    void contextStopDeliversEverythingBuffered() throws InterruptedException {
        configure("<bufferSize>16384</bufferSize>\n<shutdownTimeout>30 seconds</shutdownTimeout>\n");
        Logger logger = context.getLogger("com.acme.Orders");
        int threads = 4;
        // 400 events: fewer than any destination's request holds (Kinesis and Firehose take 500), so no request is
        // full before the stop; with 4,000, full requests of 500 could leave before it and the check below failed.
        int perThread = 100;
        CountDownLatch done = new CountDownLatch(threads);
        for (int t = 0; t < threads; t++) {
            int writer = t;
            Thread thread = new Thread(() -> {
                for (int i = 0; i < perThread; i++) {
                    logger.atInfo().addKeyValue("writer", writer).addKeyValue("seq", i).log("event {}", i);
                }
                done.countDown();
            });
            thread.start();
        }
        done.await();
        LogbeamAppenderBase appender = appender();
        assertThat(shipped(target)).as("maxBatchDelay is an hour: nothing sent before stop").isEmpty();

        context.stop();
        context = null;

        assertThat(appender.isStarted()).isFalse();
        List<JsonNode> events = shipped(target);
        assertThat(events).hasSize(threads * perThread);
        assertThat(events).extracting(j -> j.get("kv").get("writer").asInt() + ":" + j.get("kv").get("seq").asInt())
                .doesNotHaveDuplicates();
    }

    @Test
    void awsSdkLoggersAtDebugOnTheSameAppenderDoNotLoopBack() throws JoranException {
        // The SDK logs through SLF4J into the JVM's global Logback context: configure that one.
        LoggerContext global = (LoggerContext) LoggerFactory.getILoggerFactory();
        global.reset();
        global.putProperty("endpoint", endpoint.uri().toString());
        String xml = appenderXml("<maxBatchDelay>100 millis</maxBatchDelay>\n<jmx>false</jmx>\n", true)
                .replace("<root level=\"DEBUG\">", "<logger name=\"software.amazon.awssdk\" level=\"DEBUG\"/>\n"
                        + "<logger name=\"io.logbeam\" level=\"DEBUG\"/>\n<root level=\"DEBUG\">");
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(global);
        configurator.doConfigure(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        try {
            @SuppressWarnings("unchecked")
            LogbeamAppenderBase appender = (LogbeamAppenderBase) global.getLogger(Logger.ROOT_LOGGER_NAME)
                    .getAppender(appenderName());
            assertThat(appender.isStarted()).as(Contexts.statusText(global)).isTrue();
            org.slf4j.Logger logger = LoggerFactory.getLogger("com.acme.Orders");
            for (int i = 0; i < 20; i++) {
                logger.info("application event {}", i);
                if (i % 5 == 4) {
                    assertThat(appender.flush(Duration.ofSeconds(20))).isTrue(); // several requests, each logged by the SDK
                }
            }

            @SuppressWarnings("unchecked")
            ListAppender<ILoggingEvent> list = (ListAppender<ILoggingEvent>) global.getLogger(Logger.ROOT_LOGGER_NAME)
                    .getAppender("LIST");
            await().atMost(Duration.ofSeconds(20)).until(() -> shipped(target).size() == 20);
            assertThat(list.list).as("the SDK did log at DEBUG into the same appenders")
                    .anyMatch(e -> e.getLoggerName().startsWith("software.amazon.awssdk"));
            long requests = endpoint.requests().count();
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
                    .until(() -> shipped(target).size() == 20 && endpoint.requests().count() == requests);
            assertThat(appender.stats().getPublished()).isEqualTo(20);
            assertThat(shipped(target)).allMatch(j -> j.get("logger").asText().equals("com.acme.Orders"));
        } finally {
            global.reset();
            new ch.qos.logback.classic.util.ContextInitializer(global).autoConfig();
        }
    }

    // ---- helpers ----

    /** Starts a context with this destination's appender (minimal properties plus {@code extra}) and a list appender. */
    protected void configure(String extra) {
        context = Contexts.configure("contract", appenderXml("<maxBatchDelay>1 hour</maxBatchDelay>\n<jmx>false</jmx>\n"
                + extra, true), Map.of("endpoint", endpoint.uri().toString()));
        assertThat(appender().isStarted()).as(Contexts.statusText(context)).isTrue();
    }

    private String appenderXml(String properties, boolean withTarget) {
        String body = (withTarget ? destinationProperties(target) : "")
                + "<region>us-east-1</region>\n<endpoint>${endpoint}</endpoint>\n"
                + "<accessKeyId>test</accessKeyId>\n<secretAccessKey>test</secretAccessKey>\n" + properties;
        // Later elements win in Joran: the extra properties may override the minimal ones above.
        return "<configuration>\n"
                + "  <appender name=\"" + appenderName() + "\" class=\"" + appenderClass().getName() + "\">\n"
                + body
                + "  </appender>\n"
                + "  <appender name=\"LIST\" class=\"ch.qos.logback.core.read.ListAppender\"/>\n"
                + "  <root level=\"DEBUG\"><appender-ref ref=\"" + appenderName() + "\"/><appender-ref ref=\"LIST\"/></root>\n"
                + "</configuration>\n";
    }

    protected LogbeamAppenderBase appender() {
        return (LogbeamAppenderBase) context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender(appenderName());
    }

    @SuppressWarnings("unchecked")
    private ListAppender<ILoggingEvent> listAppender() {
        return (ListAppender<ILoggingEvent>) context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("LIST");
    }

    private static JsonNode only(List<JsonNode> events, String severity) {
        List<JsonNode> matching = events.stream().filter(j -> j.get("severity").asText().equals(severity)).toList();
        assertThat(matching).hasSize(1);
        return matching.get(0);
    }

    private static List<String> fieldNames(JsonNode json) {
        List<String> names = new ArrayList<>();
        json.fieldNames().forEachRemaining(names::add);
        return names;
    }
}

package io.logbeam.log4j2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.logbeam.core.config.AppenderProperties;
import io.logbeam.core.config.Property;
import io.logbeam.log4j2.testing.Contexts;
import io.logbeam.log4j2.testing.ReloadUnderLoad;
import io.logbeam.log4j2.testing.StatusCapture;
import io.logbeam.log4j2.testing.Target;
import io.logbeam.testkit.LocalAwsEndpoint;
import io.logbeam.testkit.ShardRates;
import io.logbeam.testkit.TestCredentials;

import com.fasterxml.jackson.databind.JsonNode;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.MarkerManager;
import org.apache.logging.log4j.ThreadContext;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.async.AsyncLoggerContext;
import org.apache.logging.log4j.message.MapMessage;
import org.slf4j.LoggerFactory;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code <Kinesis>}, {@code <Firehose>} and {@code <CloudWatchLogs>} configured by a real {@code log4j2.xml},
 * shipping through the real AWS SDK to the testkit's in-process endpoint, whose strict limit checks must never
 * fire ({@code violations()} stays empty).
 */
class DestinationsTest {

    private static final AtomicInteger IDS = new AtomicInteger();

    private static LocalAwsEndpoint endpoint;

    private LoggerContext context;

    @BeforeAll
    static void startEndpoint() {
        endpoint = LocalAwsEndpoint.start();
    }

    @AfterAll
    static void stopEndpoint() {
        endpoint.close();
    }

    @AfterEach
    void stopContext() {
        ThreadContext.clearAll();
        if (context != null) {
            context.stop(10, TimeUnit.SECONDS);
        }
        assertThat(endpoint.violations()).isEmpty();
    }

    private static String unique(Target target, String what) {
        return what + "-" + target.name().toLowerCase(Locale.ROOT).replace('_', '-') + "-" + IDS.incrementAndGet();
    }

    private static URI uri() {
        return endpoint.uri();
    }

    /** A logged object, written through the configured mapper (snake case). */
    record Line(String productSku) {
    }

    private static final String EVERY_SHARED_ATTRIBUTE = "logType=\"orders\" logTypeKey=\"type\" logIdKey=\"id\" logIdFormat=\"uuid4\""
            + " timeKey=\"ts\" timeMillisKey=\"ts_ms\" logTypeFrom=\"lt\" logTypeMarkerPrefix=\"lt=\""
            + " logTypeAllowList=\"orders,audit\""
            + " fieldNames=\"level=severity,message=msg\" httpClient=\"urlconnection\" requestTimeout=\"5 seconds\""
            + " connectTimeout=\"2 seconds\" bufferSize=\"1024\" bufferMaxBytes=\"1048576\" overflowPolicy=\"block\""
            + " blockTimeout=\"2 seconds\""
            + " maxBatchDelay=\"1 hour\" maxInFlight=\"2\" maxRetries=\"3\" retryDeadline=\"20 seconds\""
            + " flushOnLevel=\"ERROR\" fallback=\"stderr\" shutdownTimeout=\"5 seconds\" includeMdc=\"true\""
            + " includeKeyValues=\"true\" includeMarkers=\"true\" includeCallerData=\"true\" includeHost=\"false\""
            + " staticFields=\"env=test,service={sysprop:logbeam.test.service:orders}\" maxMessageBytes=\"2000\""
            + " jmx=\"true\" spoolDirectory=\"target/spool-every-attribute\" spoolMaxBytes=\"1048576\""
            + " spoolFsync=\"never\" spoolOverflow=\"dropNewest\" useShutdownHook=\"false\""
            + " stsEndpoint=\"http://127.0.0.1:1\" clientCustomizer=\"io.logbeam.log4j2.AwsSetupTest$NoChange\""
            + " samplingRate=\"0.5\""
            + " objectMapperFactory=\"io.logbeam.log4j2.testing.SnakeCaseMapper\" excludeMdcKeys=\"secret\""
            + " excludeKeyValueKeys=\"debug\" maskKeys=\"password\" maskPattern=\"card-[0-9]+\" maxStackFrames=\"50\""
            + " stackOmitPackages=\"jdk.internal.reflect.\" rootCauseFirst=\"true\" maxCauseDepth=\"8\"";
    /** Need STS, which the testkit endpoint has not: {@code it.AssumedRoleIT} covers them against moto. */
    private static final Set<String> NEED_STS = Set.of("roleArn", "roleSessionName", "externalId");

    /** The alternatives to {@code excludeMdcKeys} / {@code excludeKeyValueKeys}: setting both of a kind is an error. */
    private static final Set<String> ALTERNATIVE_ATTRIBUTES = Set.of("includeMdcKeys", "includeKeyValueKeys");

    @ParameterizedTest
    @EnumSource(Target.class)
    void aLog4j2XmlWithEveryAttributeShipsTheConfiguredSchema(Target target) throws Exception {
        String name = unique(target, "all");
        String resource = unique(target, "every");
        target.prepare(endpoint, resource);
        String element = target.element(name, uri(), target.everyAttribute(resource) + " " + EVERY_SHARED_ATTRIBUTE);
        Set<String> every = new TreeSet<>(AppenderProperties.of(target.type()).stream().map(Property::name).toList());
        every.removeAll(target.leftOutOfEveryAttribute());
        every.removeAll(NEED_STS);
        every.removeAll(ALTERNATIVE_ATTRIBUTES);
        assertThat(attributeNames(element)).containsAll(every);
        try (StatusCapture status = StatusCapture.start()) {
            context = Contexts.start(Contexts.config(element, "info", name));
            assertThat(context.getConfiguration().getAppenders()).as("errors: %s", status.messages(Level.ERROR))
                    .containsKey(name);
        }
        Logger logger = context.getLogger("com.acme.Orders");

        ThreadContext.put("user", "u1");
        ThreadContext.put("secret", "s");
        ThreadContext.push("checkout");
        MapMessage<?, Object> map = new MapMessage<>();
        map.with("message", "order placed").with("orderId", "o-1").with("amount", 42).with("debug", true)
                .with("password", "hunter2").with("note", "paid with card-4111").with("line", new Line("sku-1"));
        ThreadContext.remove("secret");
        logger.info(MarkerManager.getMarker("DEST_AUDIT").addParents(MarkerManager.getMarker("DEST_ALL")), map);
        ThreadContext.put("lt", "audit");
        logger.warn("an audit line");
        ThreadContext.put("lt", "debug");
        logger.warn("not in the allow-list");
        ThreadContext.remove("lt");
        logger.info(MarkerManager.getMarker("lt=audit"), "audit by marker");
        logger.info(MarkerManager.getMarker("lt=debug"), "debug by marker: not in the allow-list");
        logger.info("x".repeat(5_000));
        logger.error("failure", new IllegalStateException("boom")); // flushOnLevel: sent now, not in an hour

        await().atMost(Duration.ofSeconds(20)).until(() -> target.events(endpoint, resource).size() == 5);
        Map<String, JsonNode> byMessage = new java.util.HashMap<>();
        for (JsonNode event : target.events(endpoint, resource)) {
            byMessage.put(event.get("msg").asText().substring(0, Math.min(20, event.get("msg").asText().length())), event);
        }
        JsonNode placed = byMessage.get("order placed");
        assertThat(placed.get("type").asText()).isEqualTo("orders");
        assertThat(UUID.fromString(placed.get("id").asText()).version()).as("logIdFormat uuid4").isEqualTo(4);
        assertThat(Instant.parse(placed.get("ts").asText()).toEpochMilli()).isEqualTo(placed.get("ts_ms").asLong());
        assertThat(placed.get("severity").asText()).isEqualTo("INFO");
        assertThat(placed.get("mdc").get("user").asText()).isEqualTo("u1");
        assertThat(placed.get("ndc").get(0).asText()).isEqualTo("checkout");
        assertThat(placed.get("kv").get("orderId").asText()).isEqualTo("o-1");
        assertThat(placed.get("kv").get("amount").asInt()).isEqualTo(42);
        assertThat(placed.get("mdc").has("secret")).isFalse();
        assertThat(placed.get("kv").has("debug")).isFalse();
        assertThat(placed.get("kv").get("password").asText()).isEqualTo("****");
        assertThat(placed.get("kv").get("note").asText()).isEqualTo("paid with ****");
        assertThat(placed.get("kv").get("line").get("product_sku").asText()).isEqualTo("sku-1");
        assertThat(placed.get("markers")).extracting(JsonNode::asText).containsExactly("DEST_AUDIT", "DEST_ALL");
        assertThat(placed.get("caller").get("method").asText())
                .isEqualTo("aLog4j2XmlWithEveryAttributeShipsTheConfiguredSchema");
        assertThat(placed.get("env").asText()).isEqualTo("test");
        assertThat(placed.get("service").asText()).isEqualTo("orders");
        assertThat(placed.has("host")).isFalse();
        assertThat(byMessage.get("an audit line").get("type").asText()).isEqualTo("audit");
        assertThat(byMessage.get("audit by marker").get("type").asText()).isEqualTo("audit");
        assertThat(byMessage.get("failure").get("exception").get("message").asText()).isEqualTo("boom");
        JsonNode longOne = byMessage.get("x".repeat(20));
        assertThat(longOne.get("msg").asText().length()).isLessThanOrEqualTo(2_000);
        assertThat(longOne.get("truncated").asBoolean()).isTrue();

        assertThat(java.nio.file.Path.of("target", "spool-every-attribute", name, ".lock")).exists(); // spool on
        ObjectName mbean = new ObjectName("io.logbeam:type=Appender,name=" + ObjectName.quote(name));
        await().atMost(Duration.ofSeconds(10)).until(() -> ManagementFactory.getPlatformMBeanServer().isRegistered(mbean));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> ManagementFactory.getPlatformMBeanServer().getAttribute(mbean, "Delivered").equals(5L));
    }

    @org.junit.jupiter.api.Test
    void aKinesisStreamCanBeGivenByArn() {
        String name = unique(Target.KINESIS, "arn");
        String resource = unique(Target.KINESIS, "arn");
        Target.KINESIS.prepare(endpoint, resource);
        context = Contexts.start(Contexts.config(Target.KINESIS.element(name, uri(), "jmx=\"false\" maxBatchDelay=\"50ms\""
                + " streamArn=\"arn:aws:kinesis:" + TestCredentials.REGION + ":" + TestCredentials.ACCOUNT_ID + ":stream/"
                + resource + "\""), "info", name));

        context.getLogger("com.acme.Orders").info("by arn");

        await().atMost(Duration.ofSeconds(20)).until(() -> Target.KINESIS.messages(endpoint, resource).contains("by arn"));
    }

    private static Set<String> attributeNames(String element) {
        Set<String> names = new TreeSet<>();
        Matcher m = Pattern.compile("(\\w+)=\"").matcher(element);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void reloadingFiveTimesUnderLoadDeliversEveryEventExactlyOnce(Target target) throws InterruptedException {
        String name = unique(target, "load");
        String resource = unique(target, "load");
        target.prepare(endpoint, resource);
        if (target == Target.KINESIS) {
            // Some 70,000 events, one per record, as fast as the writers go: minutes of a 2-shard stream's rates.
            // Reloading is tested here, not the stream's capacity.
            endpoint.kinesis().shardRates(resource, ShardRates.UNLIMITED);
        }
        // Odd reloads change the appender (a new shipper, the old one flushed), even ones keep it running.
        String attributes = "jmx=\"false\" overflowPolicy=\"block\" blockTimeout=\"60 seconds\" maxBatchDelay=\"";
        context = Contexts.start(Contexts.config(target.element(name, uri(), resource, attributes + "100ms\""),
                "info", name));

        Set<String> logged = ReloadUnderLoad.run(context, reload -> Contexts.config(target.element(name, uri(), resource,
                attributes + (100 + (reload + 1) / 2) + "ms\""), "info", name), 1_000);
        assertThat(context.stop(60, TimeUnit.SECONDS)).isTrue();
        context = null;

        List<String> delivered = target.messages(endpoint, resource);
        assertThat(logged.size()).isGreaterThan(5_000);
        assertThat(delivered).hasSize(logged.size());
        assertThat(new HashSet<>(delivered)).isEqualTo(logged);
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void asyncLoggersShipWhatTheApplicationThreadLogged(Target target) {
        String name = unique(target, "async");
        String resource = unique(target, "async");
        target.prepare(endpoint, resource);
        String xml = Contexts.config(target.element(name, uri(), resource, "jmx=\"false\" maxBatchDelay=\"100ms\""),
                "info", name);
        context = new AsyncLoggerContext(name, null, Contexts.write(null, xml).toUri());
        context.start();
        Logger logger = context.getLogger("com.acme.Orders");
        StringBuilder value = new StringBuilder();

        for (int i = 0; i < 300; i++) {
            value.setLength(0);
            value.append("v").append(i);
            ThreadContext.put("i", Integer.toString(i));
            logger.info("value={}", value);
        }

        await().atMost(Duration.ofSeconds(20)).until(() -> target.events(endpoint, resource).size() == 300);
        for (JsonNode event : target.events(endpoint, resource)) {
            String i = event.get("mdc").get("i").asText();
            assertThat(event.get("message").asText()).isEqualTo("value=v" + i);
            assertThat(event.get("thread").asText()).isEqualTo(Thread.currentThread().getName());
        }
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void anInvalidDestinationAttributeIsReportedByName(Target target) {
        String name = unique(target, "invalid");
        String element = target.element(name, uri(), unique(target, "invalid"),
                "jmx=\"false\" " + target.invalidAttribute() + "=\"" + target.invalidValue() + "\"");
        try (StatusCapture status = StatusCapture.start()) {
            context = Contexts.start(Contexts.config(element, "info", name));

            assertThat(status.messages(Level.ERROR)).anySatisfy(m -> assertThat(m)
                    .contains("<" + target.element() + " name=\"" + name + "\">", "'" + target.invalidAttribute() + "'"));
            assertThat(context.getConfiguration().getAppenders()).doesNotContainKey(name);
            context.getLogger("com.acme.Orders").info("the application keeps logging");
        }
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void theSdksOwnDebugLoggingIsNotShipped(Target target) {
        String name = unique(target, "sdk");
        String resource = unique(target, "sdk");
        target.prepare(endpoint, resource);
        // The AWS SDK logs through SLF4J into the JVM-wide context: configure that one, then put it back.
        LoggerContext global = (LoggerContext) LogManager.getContext(false);
        URI original = global.getConfiguration().getConfigurationSource().getURI();
        String xml = "<Configuration>\n  <Appenders>\n" + target.element(name, uri(), resource,
                "jmx=\"false\" maxBatchDelay=\"50ms\"") + "\n    <Counting name=\"" + name + "-sdk\"/>\n"
                + "  </Appenders>\n  <Loggers>\n"
                + "    <Logger name=\"software.amazon.awssdk\" level=\"debug\"><AppenderRef ref=\"" + name + "-sdk\"/></Logger>\n"
                + "    <Root level=\"debug\"><AppenderRef ref=\"" + name + "\"/></Root>\n  </Loggers>\n</Configuration>\n";
        global.setConfigLocation(Contexts.write(null, xml).toUri());
        try {
            LogbeamAppender appender = (LogbeamAppender) global.getConfiguration().getAppenders().get(name);
            org.slf4j.Logger app = LoggerFactory.getLogger("com.acme.Orders");
            for (int i = 0; i < 20; i++) {
                app.info("application line {}", i);
                assertThat(appender.flush(Duration.ofSeconds(20))).isTrue(); // one request each: many SDK lines
            }

            assertThat(CountingAppender.count(name + "-sdk").get()).as("SDK lines that reached Log4j2").isPositive();
            assertThat(appender.stats().getPublished()).isEqualTo(20);
            assertThat(target.messages(endpoint, resource)).hasSize(20).allMatch(m -> m.startsWith("application line"));
        } finally {
            global.setConfigLocation(original);
        }
    }
}

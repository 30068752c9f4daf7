package io.logbeam.logback;

import io.logbeam.core.engine.OverflowPolicy;
import io.logbeam.core.engine.ShipperConfig;
import io.logbeam.logback.testing.Contexts;
import io.logbeam.logback.testing.LoggingFallback;
import io.logbeam.logback.testing.MemoryAppender;
import io.logbeam.logback.testing.MemoryDestination;
import io.logbeam.testkit.ToStringProbe;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.read.ListAppender;
import ch.qos.logback.core.status.Status;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;

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
 * The Logback glue shared by the three appenders, configured through Joran like an application's
 * logback.xml, over an in-memory destination.
 */
class LogbeamAppenderTest {

    private final String destinationId = "memory-" + UUID.randomUUID();
    private LoggerContext context;

    @BeforeEach
    void clearMdc() {
        MDC.clear();
    }

    @AfterEach
    void tearDown() {
        MDC.clear();
        if (context != null) {
            context.stop();
        }
        MemoryDestination.reset(destinationId);
    }

    private MemoryDestination destination() {
        return MemoryDestination.get(destinationId);
    }

    private LoggerContext configure(String appenderBody) {
        context = Contexts.configure("glue-test", xml(appenderBody), Map.of("dest", destinationId));
        return context;
    }

    private static String xml(String appenderBody) {
        String xml = "<configuration>\n"
                + "  <appender name='BEAM' class='io.logbeam.logback.testing.MemoryAppender'>\n"
                + "    <destinationId>${dest}</destinationId>\n"
                + appenderBody
                + "  </appender>\n"
                + "  <appender name='LIST' class='ch.qos.logback.core.read.ListAppender'/>\n"
                + "  <root level='DEBUG'><appender-ref ref='BEAM'/><appender-ref ref='LIST'/></root>\n"
                + "</configuration>\n";
        return xml.replace('\'', '"');
    }

    private MemoryAppender beam() {
        return (MemoryAppender) context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("BEAM");
    }

    @Test
    void everySharedPropertyIsBoundFromLogbackXmlAndTakesEffect() {
        System.setProperty("logbeam.test.service", "orders-svc");
        try {
            configure(""
                    + "<logType>orders</logType>\n"
                    + "<logTypeKey>type</logTypeKey>\n"
                    + "<logIdKey>id</logIdKey>\n"
                    + "<logIdFormat>uuid4</logIdFormat>\n"
                    + "<timeKey>ts</timeKey>\n"
                    + "<timeMillisKey>ts_ms</timeMillisKey>\n"
                    + "<logTypeFrom>stream</logTypeFrom>\n"
                    + "<logTypeAllowList>orders, audit</logTypeAllowList>\n"
                    + "<fieldNames>level=severity,message=msg</fieldNames>\n"
                    + "<region>eu-west-1</region>\n"
                    + "<endpoint>http://127.0.0.1:9</endpoint>\n"
                    + "<accessKeyId>test</accessKeyId>\n"
                    + "<secretAccessKey>test</secretAccessKey>\n"
                    + "<httpClient>urlconnection</httpClient>\n"
                    + "<requestTimeout>5 seconds</requestTimeout>\n"
                    + "<connectTimeout>500 millis</connectTimeout>\n"
                    + "<bufferSize>1024</bufferSize>\n"
                    + "<bufferMaxBytes>1048576</bufferMaxBytes>\n"
                    + "<overflowPolicy>block</overflowPolicy>\n"
                    + "<blockTimeout>250 milliseconds</blockTimeout>\n"
                    + "<maxBatchDelay>1 hour</maxBatchDelay>\n"
                    + "<maxInFlight>3</maxInFlight>\n"
                    + "<maxRetries>4</maxRetries>\n"
                    + "<retryDeadline>30 seconds</retryDeadline>\n"
                    + "<flushOnLevel>ERROR</flushOnLevel>\n"
                    + "<fallback>none</fallback>\n"
                    + "<shutdownTimeout>5 seconds</shutdownTimeout>\n"
                    + "<includeMdc>true</includeMdc>\n"
                    + "<includeKeyValues>true</includeKeyValues>\n"
                    + "<includeMarkers>false</includeMarkers>\n"
                    + "<includeCallerData>true</includeCallerData>\n"
                    + "<includeHost>false</includeHost>\n"
                    + "<staticFields>env=test,service={sysprop:logbeam.test.service}</staticFields>\n"
                    + "<maxMessageBytes>100</maxMessageBytes>\n"
                    + "<objectMapperFactory>io.logbeam.logback.testing.SnakeCaseMapper</objectMapperFactory>\n"
                    + "<excludeMdcKeys>secret</excludeMdcKeys>\n"
                    + "<excludeKeyValueKeys>debug</excludeKeyValueKeys>\n"
                    + "<maskKeys>password</maskKeys>\n"
                    + "<maskPattern>card-[0-9]+</maskPattern>\n"
                    + "<maxStackFrames>50</maxStackFrames>\n"
                    + "<stackOmitPackages>jdk.internal.reflect.</stackOmitPackages>\n"
                    + "<rootCauseFirst>true</rootCauseFirst>\n"
                    + "<maxCauseDepth>8</maxCauseDepth>\n"
                    + "<jmx>false</jmx>\n");
        } finally {
            System.clearProperty("logbeam.test.service");
        }
        assertThat(beam().isStarted()).as(Contexts.statusText(context)).isTrue();
        ShipperConfig config = beam().shipper().config();
        assertThat(config.name()).isEqualTo("BEAM");
        assertThat(config.bufferSize()).isEqualTo(1024);
        assertThat(config.bufferMaxBytes()).isEqualTo(1_048_576);
        assertThat(config.overflowPolicy()).isEqualTo(OverflowPolicy.BLOCK);
        assertThat(config.blockTimeout()).isEqualTo(Duration.ofMillis(250));
        assertThat(config.maxBatchDelay()).isEqualTo(Duration.ofHours(1));
        assertThat(config.maxInFlight()).isEqualTo(3);
        assertThat(config.maxRetries()).isEqualTo(4);
        assertThat(config.retryDeadline()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.shutdownTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.maxMessageBytes()).isEqualTo(100);
        assertThat(config.jmx()).isFalse();

        Logger logger = context.getLogger("com.acme.Orders");
        MDC.put("stream", "audit");
        MDC.put("secret", "s");
        logger.atInfo().addMarker(MarkerFactory.getDetachedMarker("AUDIT")).addKeyValue("amount", 12)
                .addKeyValue("debug", true).addKeyValue("password", "hunter2").addKeyValue("note", "card-4111")
                .addKeyValue("line", new Line("sku-1")).log("x".repeat(500));
        MDC.remove("secret");
        MDC.put("stream", "debugging"); // not in the allow-list
        logger.info("not shipped");
        MDC.remove("stream");
        logger.error("closes the batch at once"); // maxBatchDelay is an hour: only flushOnLevel sends now

        await().atMost(Duration.ofSeconds(10)).until(() -> destination().events().size() == 2);
        List<JsonNode> events = destination().json();
        JsonNode audit = events.get(0);
        assertThat(fieldNames(audit)).startsWith("type", "id", "ts", "ts_ms");
        assertThat(audit.get("type").asText()).isEqualTo("audit");
        assertThat(UUID.fromString(audit.get("id").asText()).version()).as("logIdFormat uuid4").isEqualTo(4);
        assertThat(audit.get("severity").asText()).isEqualTo("INFO");
        assertThat(audit.get("msg").asText()).hasSizeLessThanOrEqualTo(100).startsWith("xxxx");
        assertThat(audit.get("truncated").asBoolean()).isTrue();
        assertThat(audit.get("mdc").get("stream").asText()).isEqualTo("audit");
        assertThat(audit.get("kv").get("amount").asInt()).isEqualTo(12);
        assertThat(audit.get("mdc").has("secret")).isFalse();
        assertThat(audit.get("kv").has("debug")).isFalse();
        assertThat(audit.get("kv").get("password").asText()).isEqualTo("****");
        assertThat(audit.get("kv").get("note").asText()).isEqualTo("****");
        assertThat(audit.get("kv").get("line").get("product_sku").asText()).isEqualTo("sku-1");
        assertThat(audit.has("markers")).isFalse();
        assertThat(audit.has("host")).isFalse();
        assertThat(audit.get("caller").get("method").asText()).isEqualTo("everySharedPropertyIsBoundFromLogbackXmlAndTakesEffect");
        assertThat(audit.get("env").asText()).isEqualTo("test");
        assertThat(audit.get("service").asText()).isEqualTo("orders-svc");
        JsonNode error = events.get(1);
        assertThat(error.get("type").asText()).isEqualTo("orders");
        assertThat(error.get("msg").asText()).isEqualTo("closes the batch at once");
        assertThat(beam().stats().getFiltered()).isEqualTo(1);
    }

    /** A logged object, written through the configured mapper (snake case). */
    record Line(String productSku) {
    }

    @Test
    void defaultsShipEveryTypeWithTheDocumentedSchema() {
        configure("<maxBatchDelay>50 millis</maxBatchDelay>\n<jmx>false</jmx>\n");
        Logger logger = context.getLogger("com.acme.Orders");

        logger.atWarn().addKeyValue("log_type", "audit").addMarker(MarkerFactory.getDetachedMarker("SECURITY"))
                .log("user {} locked", "ann");
        logger.info("plain");

        await().atMost(Duration.ofSeconds(10)).until(() -> destination().events().size() == 2);
        JsonNode first = destination().json().get(0);
        assertThat(fieldNames(first)).startsWith("log_type", "log_id", "time", "level", "logger", "thread", "message");
        assertThat(first.get("log_type").asText()).isEqualTo("audit");
        assertThat(first.get("message").asText()).isEqualTo("user ann locked");
        assertThat(first.get("markers").get(0).asText()).isEqualTo("SECURITY");
        assertThat(first.has("host")).isTrue();
        assertThat(first.has("caller")).as("caller data is off by default").isFalse();
        assertThat(destination().json().get(1).get("log_type").asText()).isEqualTo("app");
    }

    @Test
    void logTypeAllowListKeepsOtherTypesOutOfThisAppenderOnly() {
        configure("<logType>app</logType>\n<logTypeAllowList>audit</logTypeAllowList>\n"
                + "<maxBatchDelay>50 millis</maxBatchDelay>\n<jmx>false</jmx>\n");
        Logger logger = context.getLogger("com.acme.Orders");

        logger.info("default type app: not allowed");
        logger.atInfo().addKeyValue("log_type", "audit").log("allowed by key-value");
        MDC.put("log_type", "audit");
        logger.info("allowed by MDC");
        MDC.put("log_type", "metrics");
        logger.info("metrics: not allowed");

        await().atMost(Duration.ofSeconds(10)).until(() -> beam().stats().getSettled() == 2);
        assertThat(destination().json()).extracting(j -> j.get("message").asText())
                .containsExactly("allowed by key-value", "allowed by MDC");
        assertThat(beam().stats().getFiltered()).isEqualTo(2);
        assertThat(listAppender().list).as("other appenders still get every event").hasSize(4);
    }

    @Test
    void aLogTypeMarkerGivesTheTypeAndTheAllowListFiltersOnIt() {
        configure("<logTypeAllowList>audit,billing</logTypeAllowList>\n<maxBatchDelay>50 millis</maxBatchDelay>\n"
                + "<jmx>false</jmx>\n");
        Logger logger = context.getLogger("com.acme.Orders");
        Marker security = MarkerFactory.getDetachedMarker("SECURITY");
        security.add(MarkerFactory.getMarker("log_type:billing"));

        logger.info(MarkerFactory.getMarker("log_type:audit"), "by marker");
        logger.info(security, "by a referenced marker");
        logger.info(MarkerFactory.getMarker("log_type:debug"), "debug by marker: not allowed");
        logger.info("app: not allowed");
        logger.atInfo().addMarker(MarkerFactory.getMarker("log_type:debug")).addKeyValue("log_type", "audit")
                .log("the key-value wins over the marker");

        await().atMost(Duration.ofSeconds(10)).until(() -> beam().stats().getSettled() == 3);
        assertThat(destination().json()).extracting(j -> j.get("message").asText() + "=" + j.get("log_type").asText())
                .containsExactly("by marker=audit", "by a referenced marker=billing",
                        "the key-value wins over the marker=audit");
        assertThat(destination().json().get(0).get("markers").get(0).asText()).as("still written as a marker")
                .isEqualTo("log_type:audit");
        assertThat(beam().stats().getFiltered()).isEqualTo(2);
    }

    @Test
    void logTypeMarkerPrefixCanBeChangedOrTurnedOff() {
        configure("<logTypeMarkerPrefix>type=</logTypeMarkerPrefix>\n<maxBatchDelay>50 millis</maxBatchDelay>\n"
                + "<jmx>false</jmx>\n");
        Logger logger = context.getLogger("com.acme.Orders");
        logger.info(MarkerFactory.getMarker("type=audit"), "own prefix");
        logger.info(MarkerFactory.getMarker("log_type:audit"), "default prefix no longer counts");
        await().atMost(Duration.ofSeconds(10)).until(() -> destination().events().size() == 2);
        assertThat(destination().json()).extracting(j -> j.get("log_type").asText()).containsExactly("audit", "app");
        context.stop();
        MemoryDestination.reset(destinationId);

        configure("<logTypeMarkerPrefix>none</logTypeMarkerPrefix>\n<maxBatchDelay>50 millis</maxBatchDelay>\n"
                + "<jmx>false</jmx>\n");
        context.getLogger("com.acme.Orders").info(MarkerFactory.getMarker("log_type:audit"), "off");
        await().atMost(Duration.ofSeconds(10)).until(() -> destination().events().size() == 1);
        assertThat(destination().json().get(0).get("log_type").asText()).isEqualTo("app");
    }

    @Test
    void flushOnLevelSendsTheBatchAtOnceAndLowerLevelsWait() {
        configure("<flushOnLevel>warn</flushOnLevel>\n<maxBatchDelay>1 hour</maxBatchDelay>\n<jmx>false</jmx>\n");
        Logger logger = context.getLogger("com.acme.Orders");

        logger.info("one");
        logger.debug("two");
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                .until(() -> destination().events().isEmpty());

        logger.warn("three");
        await().atMost(Duration.ofSeconds(10)).until(() -> destination().events().size() == 3);
        assertThat(destination().requestCount()).isEqualTo(1);
        assertThat(destination().json()).extracting(j -> j.get("message").asText()).containsExactly("one", "two", "three");
    }

    @Test
    void invalidConfigurationNamesEveryBadPropertyAndTheApplicationKeepsLogging() {
        String xml = "<configuration>\n"
                + "  <appender name='BEAM' class='io.logbeam.logback.testing.MemoryAppender'>\n"
                + "    <bufferSize>-1</bufferSize>\n"
                + "    <bufferMaxBytes>100</bufferMaxBytes>\n"
                + "    <maxInFlight>0</maxInFlight>\n"
                + "    <overflowPolicy>sometimes</overflowPolicy>\n"
                + "    <flushOnLevel>LOUD</flushOnLevel>\n"
                + "    <maxBatchDelay>soon</maxBatchDelay>\n"
                + "    <fallback>carrier-pigeon</fallback>\n"
                + "    <staticFields>novalue</staticFields>\n"
                + "  </appender>\n"
                + "  <appender name='LIST' class='ch.qos.logback.core.read.ListAppender'/>\n"
                + "  <root level='DEBUG'><appender-ref ref='BEAM'/><appender-ref ref='LIST'/></root>\n"
                + "</configuration>\n";
        context = Contexts.configure("invalid-test", xml.replace('\'', '"'), Map.of());

        assertThat(beam().isStarted()).isFalse();
        assertThat(beam().shipper()).isNull();
        List<String> errors = Contexts.statusMessages(context, Status.ERROR);
        for (String property : List.of("destinationId", "bufferSize", "bufferMaxBytes", "maxInFlight",
                "overflowPolicy", "flushOnLevel", "maxBatchDelay", "fallback", "staticFields")) {
            assertThat(errors).as("errors name " + property).anyMatch(e -> e.contains("property '" + property + "'"));
        }
        assertThat(errors).allMatch(e -> e.contains("[BEAM]"));

        Logger logger = context.getLogger("com.acme.Orders");
        assertThatCode(() -> logger.error("still logging", new IllegalStateException("x"))).doesNotThrowAnyException();
        assertThat(listAppender().list).hasSize(1);
    }

    @Test
    void contextStopDeliversEverythingBuffered() throws InterruptedException {
        configure("<maxBatchDelay>1 hour</maxBatchDelay>\n<bufferSize>8192</bufferSize>\n"
                + "<overflowPolicy>block</overflowPolicy>\n<blockTimeout>10 seconds</blockTimeout>\n"
                + "<shutdownTimeout>20 seconds</shutdownTimeout>\n<jmx>false</jmx>\n");
        MemoryAppender appender = beam();
        Logger logger = context.getLogger("com.acme.Orders");
        int threads = 4;
        int perThread = 1500;
        CountDownLatch done = new CountDownLatch(threads);
        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread writer = new Thread(() -> {
                for (int i = 0; i < perThread; i++) {
                    logger.atInfo().addKeyValue("writer", id).addKeyValue("seq", i).log("event {}", i);
                }
                done.countDown();
            });
            writers.add(writer);
            writer.start();
        }
        done.await();

        context.stop();

        assertThat(appender.isStarted()).isFalse();
        assertThat(destination().events()).hasSize(threads * perThread);
        assertThat(destination().closed()).isTrue();
        assertThat(destination().json()).extracting(j -> j.get("kv").get("writer").asInt() + ":" + j.get("kv").get("seq").asInt())
                .doesNotHaveDuplicates();
        assertThatCode(() -> logger.info("after stop")).doesNotThrowAnyException();
        context = null;
    }

    @Test
    void eventsOfTheAwsSdkAndLogbeamItselfAreNeverShipped() {
        configure("<maxBatchDelay>50 millis</maxBatchDelay>\n<jmx>false</jmx>\n");
        context.getLogger("software.amazon.awssdk.request").debug("Sending Request: PutRecords");
        context.getLogger("org.apache.http.wire").debug("http-outgoing-0 >> ...");
        context.getLogger("io.logbeam.core.engine.Sender").warn("retrying");
        context.getLogger("com.acme.Orders").info("application event");

        await().atMost(Duration.ofSeconds(10)).until(() -> destination().events().size() == 1);
        assertThat(destination().json().get(0).get("message").asText()).isEqualTo("application event");
        assertThat(listAppender().list).hasSize(4);
    }

    @Test
    void eventsLoggedOnLogbeamThreadsAreNeverShipped() {
        destination().rejectAll();
        LoggingFallback.RECEIVED.set(0);
        configure("<maxBatchDelay>50 millis</maxBatchDelay>\n<jmx>false</jmx>\n"
                + "<fallback>io.logbeam.logback.testing.LoggingFallback</fallback>\n");
        LoggingFallback.context = context;
        Logger logger = context.getLogger("com.acme.Orders");

        for (int i = 0; i < 5; i++) {
            logger.info("refused {}", i);
        }

        // Each refused event is logged once more by the fallback, on a Logbeam thread; none of those is shipped.
        await().atMost(Duration.ofSeconds(10)).until(() -> listAppender().list.size() == 10);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5))
                .until(() -> LoggingFallback.RECEIVED.get() == 5 && listAppender().list.size() == 10);
        assertThat(beam().stats().getPublished()).isEqualTo(5);
    }

    @Test
    void logbeamProblemsReachLogbacksStatusAndStandardError() {
        destination().rejectAll();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        java.io.PrintStream originalErr = System.err;
        System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            configure("<maxBatchDelay>50 millis</maxBatchDelay>\n<fallback>none</fallback>\n<jmx>false</jmx>\n");

            context.getLogger("com.acme.Orders").info("refused");

            await().atMost(Duration.ofSeconds(10)).until(() ->
                    Contexts.statusMessages(context, Status.WARN).stream().anyMatch(m -> m.contains("ValidationException")));
            assertThat(Contexts.statusMessages(context, Status.WARN))
                    .anyMatch(m -> m.startsWith("Logbeam appender [BEAM]: ") && m.contains("refuses everything"));
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(
                    err.toString(java.nio.charset.StandardCharsets.UTF_8)).contains("[logbeam]").contains("BEAM: ")
                    .contains("refuses everything"));
        } finally {
            System.setErr(originalErr);
        }
    }

    @Test
    void logbeamProblemsAreNotPrintedTwiceWhenAStatusListenerPrintsThem() {
        destination().rejectAll();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        java.io.PrintStream originalErr = System.err;
        System.setErr(new java.io.PrintStream(err, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            String xml = "<configuration>\n"
                    + "  <statusListener class='io.logbeam.logback.LogbeamAppenderTest$QuietPrintingListener'/>\n"
                    + "  <appender name='BEAM' class='io.logbeam.logback.testing.MemoryAppender'>\n"
                    + "    <destinationId>${dest}</destinationId>\n"
                    + "    <maxBatchDelay>50 millis</maxBatchDelay>\n<fallback>none</fallback>\n<jmx>false</jmx>\n"
                    + "  </appender>\n"
                    + "  <root level='DEBUG'><appender-ref ref='BEAM'/></root>\n"
                    + "</configuration>\n";
            context = Contexts.configure("listener-test", xml.replace('\'', '"'), Map.of("dest", destinationId));

            context.getLogger("com.acme.Orders").info("refused");

            await().atMost(Duration.ofSeconds(10)).until(() ->
                    Contexts.statusMessages(context, Status.WARN).stream().anyMatch(m -> m.contains("ValidationException")));
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5))
                    .until(() -> !err.toString(java.nio.charset.StandardCharsets.UTF_8).contains("[logbeam]"));
        } finally {
            System.setErr(originalErr);
        }
    }

    /** A printing status listener that prints nowhere, so the test output stays clean. */
    public static final class QuietPrintingListener extends ch.qos.logback.core.status.OnPrintStreamStatusListenerBase {
        @Override
        protected java.io.PrintStream getPrintStream() {
            return new java.io.PrintStream(java.io.OutputStream.nullOutputStream());
        }
    }

    @Test
    void flushDeliversWhatIsBufferedWithoutStopping() {
        configure("<maxBatchDelay>1 hour</maxBatchDelay>\n<jmx>false</jmx>\n");
        Logger logger = context.getLogger("com.acme.Orders");
        logger.info("one");
        logger.info("two");

        assertThat(beam().flush(Duration.ofSeconds(10))).isTrue();

        assertThat(destination().events()).hasSize(2);
        assertThat(beam().isStarted()).isTrue();
        assertThat(beam().stats().getDelivered()).isEqualTo(2);
    }

    @Test
    void stopIsIdempotentAndAppendAfterStopIsIgnored() {
        configure("<jmx>false</jmx>\n");
        MemoryAppender appender = beam();
        appender.stop();
        appender.stop();
        assertThat(appender.shipper()).isNull();
        assertThat(appender.stats()).isNull();
        assertThat(appender.flush(Duration.ofSeconds(1))).isTrue();
        assertThatCode(() -> context.getLogger("x").info("ignored")).doesNotThrowAnyException();
    }

    @Test
    void keyValuesArriveAsTheyWereAtTheCallEvenWhenTheApplicationChangesThemAfter() {
        configure("<maxBatchDelay>1 hour</maxBatchDelay>\n<jmx>false</jmx>\n");
        Logger logger = context.getLogger("com.acme.Orders");
        List<String> items = new ArrayList<>(List.of("a"));
        StringBuilder note = new StringBuilder("before");
        ToStringProbe probe = new ToStringProbe("probe");

        logger.atInfo().addKeyValue("items", items).addKeyValue("note", note).addKeyValue("probe", probe)
                .addKeyValue("count", 3).log("order");
        items.add("b");
        note.setLength(0);
        note.append("after");

        assertThat(beam().flush(Duration.ofSeconds(10))).isTrue();
        JsonNode kv = destination().json().get(0).get("kv");
        assertThat(kv.get("items").toString()).as("a list is a JSON array").isEqualTo("[\"a\"]");
        assertThat(kv.get("note").asText()).isEqualTo("before");
        assertThat(kv.get("count").isIntegralNumber()).as("immutable values keep their type").isTrue();
        assertThat(probe.renderedOn()).as("rendered on the logging thread, once")
                .containsExactly(Thread.currentThread().getName());
    }

    /**
     * What {@code scan="true"} does on a change: {@code reset()} stops every appender (this one delivers what it
     * holds), then the file is read again and a new appender starts. Nothing is lost or sent twice across it.
     */
    @Test
    void aResetAndReconfigurationLikeLogbacksScanLosesNothing() throws Exception {
        String body = "<maxBatchDelay>1 hour</maxBatchDelay>\n<jmx>false</jmx>\n";
        configure(body);
        Logger logger = context.getLogger("com.acme.Orders");
        for (int i = 0; i < 300; i++) {
            logger.atInfo().addKeyValue("seq", i).log("before");
        }
        MemoryAppender before = beam();

        context.reset();
        assertThat(before.isStarted()).isFalse();
        assertThat(destination().events()).as("the reset delivered what the old appender held").hasSize(300);
        ch.qos.logback.classic.joran.JoranConfigurator again = new ch.qos.logback.classic.joran.JoranConfigurator();
        again.setContext(context);
        context.putProperty("dest", destinationId);
        again.doConfigure(new java.io.ByteArrayInputStream(xml(body).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        for (int i = 300; i < 600; i++) {
            logger.atInfo().addKeyValue("seq", i).log("after");
        }
        context.stop();
        context = null;

        assertThat(destination().json()).extracting(j -> j.get("kv").get("seq").asInt()).doesNotHaveDuplicates()
                .hasSize(600);
    }

    @SuppressWarnings("unchecked")
    private ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> listAppender() {
        return (ListAppender<ch.qos.logback.classic.spi.ILoggingEvent>) context.getLogger(Logger.ROOT_LOGGER_NAME)
                .getAppender("LIST");
    }

    private static List<String> fieldNames(JsonNode json) {
        List<String> names = new ArrayList<>();
        json.fieldNames().forEachRemaining(names::add);
        return names;
    }
}

package io.logbeam.log4j2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.logbeam.log4j2.testing.Contexts;
import io.logbeam.log4j2.testing.MemoryDestination;
import io.logbeam.log4j2.testing.RecordingFallback;
import io.logbeam.testkit.ToStringProbe;

import com.fasterxml.jackson.databind.JsonNode;

import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.MarkerManager;
import org.apache.logging.log4j.ThreadContext;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.message.MapMessage;
import org.apache.logging.log4j.message.StringMapMessage;
import org.apache.logging.log4j.util.Constants;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The appender glue inside a real Log4j2 context, over an in-memory destination. */
class AppenderTest {

    private static final AtomicInteger IDS = new AtomicInteger();

    private LoggerContext context;

    @AfterEach
    void stop() {
        ThreadContext.clearAll();
        if (context != null) {
            context.stop(10, TimeUnit.SECONDS);
        }
    }

    /** A context whose root logs to one memory appender; returns the sink. */
    private MemoryDestination start(String attributes) {
        return start(attributes, "");
    }

    private MemoryDestination start(String attributes, String nested) {
        String name = "app-" + IDS.incrementAndGet();
        context = Contexts.start(Contexts.config("    <LogbeamMemory name=\"" + name + "\" sink=\"" + name
                + "\" jmx=\"false\" " + attributes + ">" + nested + "</LogbeamMemory>", "debug", name));
        assertThat(context.getConfiguration().getAppenders()).containsKey(name);
        return MemoryDestination.named(name);
    }

    private static JsonNode awaitOne(MemoryDestination sink) {
        await().atMost(Duration.ofSeconds(10)).until(() -> !sink.delivered().isEmpty());
        return sink.json().get(0);
    }

    @Test
    void threadContextMarkersAndMapMessagesAreMapped() {
        MemoryDestination sink = start("maxBatchDelay=\"20ms\"");
        Logger logger = context.getLogger("com.acme.Orders");
        ThreadContext.put("user", "u1");
        ThreadContext.push("checkout");

        logger.info(MarkerManager.getMarker("APP_AUDIT").addParents(MarkerManager.getMarker("APP_ALL")),
                new StringMapMessage().with("message", "order placed").with("orderId", "o-1"));

        JsonNode json = awaitOne(sink);
        assertThat(json.get("log_type").asText()).isEqualTo("app");
        assertThat(json.get("level").asText()).isEqualTo("INFO");
        assertThat(json.get("logger").asText()).isEqualTo("com.acme.Orders");
        assertThat(json.get("thread").asText()).isEqualTo(Thread.currentThread().getName());
        assertThat(json.get("message").asText()).isEqualTo("order placed");
        assertThat(json.get("mdc").get("user").asText()).isEqualTo("u1");
        assertThat(json.get("ndc").get(0).asText()).isEqualTo("checkout");
        assertThat(json.get("kv").get("orderId").asText()).isEqualTo("o-1");
        assertThat(json.get("markers")).extracting(JsonNode::asText).containsExactly("APP_AUDIT", "APP_ALL");
        assertThat(json.has("caller")).isFalse();
    }

    @Test
    void theLogTypeComesFromTheThreadContextOrAMapMessageAndTheAllowListFilters() {
        MemoryDestination sink = start("maxBatchDelay=\"20ms\" logType=\"orders\" logTypeFrom=\"type\" "
                + "logTypeAllowList=\"orders,audit,billing\"");
        Logger logger = context.getLogger("com.acme.Orders");

        logger.info("default type");
        ThreadContext.put("type", "audit");
        logger.info("from the thread context");
        ThreadContext.remove("type");
        logger.info(new StringMapMessage().with("type", "billing").with("message", "from the map message"));
        logger.info(new StringMapMessage().with("type", "debug").with("message", "not allowed"));
        logger.info("last");

        await().atMost(Duration.ofSeconds(10)).until(() -> sink.messages().contains("last"));
        assertThat(sink.json()).extracting(j -> j.get("message").asText() + "=" + j.get("log_type").asText())
                .containsExactly("default type=orders", "from the thread context=audit",
                        "from the map message=billing", "last=orders");
    }

    @Test
    void aLogTypeMarkerOrItsParentGivesTheTypeAndTheAllowListFiltersOnIt() {
        MemoryDestination sink = start("maxBatchDelay=\"20ms\" logTypeAllowList=\"audit,billing\"");
        Logger logger = context.getLogger("com.acme.Orders");
        org.apache.logging.log4j.Marker login = MarkerManager.getMarker("APP_LOGIN")
                .addParents(MarkerManager.getMarker("log_type:billing"));

        logger.info(MarkerManager.getMarker("log_type:audit"), "by marker");
        logger.info(login, "by a parent marker");
        logger.info(MarkerManager.getMarker("log_type:debug"), "debug by marker: not allowed");
        logger.info("app: not allowed");
        logger.info(MarkerManager.getMarker("log_type:debug"),
                new StringMapMessage().with("log_type", "audit").with("message", "the map entry wins"));

        await().atMost(Duration.ofSeconds(10)).until(() -> sink.messages().contains("the map entry wins"));
        assertThat(sink.json()).extracting(j -> j.get("message").asText() + "=" + j.get("log_type").asText())
                .containsExactly("by marker=audit", "by a parent marker=billing", "the map entry wins=audit");
        assertThat(sink.json().get(1).get("markers")).extracting(JsonNode::asText)
                .containsExactly("APP_LOGIN", "log_type:billing");
        LogbeamAppender appender = (LogbeamAppender) context.getConfiguration().getAppenders().values().iterator().next();
        assertThat(appender.stats().getFiltered()).as("counted on the logging thread").isEqualTo(2);
    }

    @Test
    void logTypeMarkerPrefixCanBeChanged() {
        MemoryDestination sink = start("maxBatchDelay=\"20ms\" logTypeMarkerPrefix=\"type=\"");
        Logger logger = context.getLogger("com.acme.Orders");

        logger.info(MarkerManager.getMarker("type=audit"), "own prefix");
        logger.info(MarkerManager.getMarker("log_type:audit"), "default prefix");

        await().atMost(Duration.ofSeconds(10)).until(() -> sink.delivered().size() == 2);
        assertThat(sink.json()).extracting(j -> j.get("log_type").asText()).containsExactly("audit", "app");
    }

    @Test
    void anEmptyOrNoneLogTypeMarkerPrefixTurnsMarkerTypesOff() {
        for (String off : new String[] {"", "none"}) {
            MemoryDestination sink = start("maxBatchDelay=\"20ms\" logTypeMarkerPrefix=\"" + off + "\"");

            context.getLogger("com.acme.Orders").info(MarkerManager.getMarker("log_type:audit"), "off");

            assertThat(awaitOne(sink).get("log_type").asText()).as("logTypeMarkerPrefix='%s'", off).isEqualTo("app");
            context.stop(10, TimeUnit.SECONDS);
            context = null;
        }
    }

    @Test
    void garbageFreeEventsAreCopiedBeforeTheyAreReused() {
        // Log4j2 reuses the event and message objects in garbage-free mode (the default outside web apps).
        assertThat(Constants.ENABLE_THREADLOCALS).isTrue();
        MemoryDestination sink = start("maxBatchDelay=\"50ms\"");
        Logger logger = context.getLogger("com.acme.Orders");
        StringBuilder value = new StringBuilder();

        for (int i = 0; i < 200; i++) {
            value.setLength(0);
            value.append("v").append(i);
            ThreadContext.put("i", Integer.toString(i));
            logger.info("value={}", value);
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> sink.delivered().size() == 200);
        List<JsonNode> events = sink.json();
        for (int i = 0; i < 200; i++) {
            assertThat(events.get(i).get("message").asText()).isEqualTo("value=v" + i);
            assertThat(events.get(i).get("mdc").get("i").asText()).isEqualTo(Integer.toString(i));
        }
    }

    @Test
    void callerDataIsCapturedOnTheLoggingThread() {
        MemoryDestination sink = start("maxBatchDelay=\"20ms\" includeCallerData=\"true\"");

        context.getLogger("com.acme.Orders").info("with caller");

        JsonNode caller = awaitOne(sink).get("caller");
        assertThat(caller.get("class").asText()).isEqualTo(AppenderTest.class.getName());
        assertThat(caller.get("method").asText()).isEqualTo("callerDataIsCapturedOnTheLoggingThread");
        assertThat(caller.get("file").asText()).isEqualTo("AppenderTest.java");
        assertThat(caller.get("line").asInt()).isPositive();
    }

    @Test
    void aNestedPatternLayoutRendersTheMessage() {
        MemoryDestination sink = start("maxBatchDelay=\"20ms\"", "<PatternLayout pattern=\"%level [%X{user}] %msg\"/>");
        ThreadContext.put("user", "u1");

        context.getLogger("com.acme.Orders").warn("low stock");

        JsonNode json = awaitOne(sink);
        assertThat(json.get("message").asText()).isEqualTo("WARN [u1] low stock");
        assertThat(json.get("mdc").get("user").asText()).isEqualTo("u1");
    }

    @Test
    void aLevelAtFlushOnLevelSendsTheBatchAtOnce() {
        MemoryDestination sink = start("maxBatchDelay=\"1 hour\" flushOnLevel=\"error\"");
        Logger logger = context.getLogger("com.acme.Orders");

        logger.info("before");
        logger.error("failure");

        await().atMost(Duration.ofSeconds(10)).until(() -> sink.delivered().size() == 2);
        assertThat(sink.messages()).containsExactly("before", "failure");
    }

    @Test
    void stoppingTheContextDeliversWhatIsBuffered() {
        MemoryDestination sink = start("maxBatchDelay=\"1 hour\"");
        Logger logger = context.getLogger("com.acme.Orders");
        for (int i = 0; i < 100; i++) {
            logger.info("buffered {}", i);
        }
        assertThat(sink.delivered()).isEmpty(); // an hour's linger: nothing sent yet

        assertThat(context.stop(10, TimeUnit.SECONDS)).isTrue();

        assertThat(sink.delivered()).hasSize(100);
        assertThat(sink.closed()).isEqualTo(1);
        context = null;
    }

    /**
     * A stop whose timeout is shorter than the appender's {@code shutdownTimeout} ({@code LogManager.shutdown()}
     * passes 50 ms) still gives delivery the appender's own time, and no more, when the destination hangs.
     */
    @Test
    void stopUsesTheAppendersShutdownTimeoutWhenTheFrameworkGivesLessAndFallsBackWhenTheDestinationHangs() {
        String name = "hang-" + IDS.incrementAndGet();
        MemoryDestination sink = MemoryDestination.named(name).closeGate();
        context = Contexts.start(Contexts.config("    <LogbeamMemory name=\"" + name + "\" sink=\"" + name
                + "\" jmx=\"false\" maxBatchDelay=\"10ms\" shutdownTimeout=\"2 seconds\" fallback=\""
                + RecordingFallback.class.getName() + "\"/>", "info", name));
        Logger logger = context.getLogger("com.acme.Orders");
        for (int i = 0; i < 10; i++) {
            logger.info("held {}", i);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.requests() > 0);

        long start = System.nanoTime();
        context.stop(50, TimeUnit.MILLISECONDS); // what LogManager.shutdown() passes
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        sink.openGate();
        context = null;

        assertThat(tookMillis).as("shutdownTimeout, not 50 ms; and not more than it").isBetween(1_500L, 5_000L);
        assertThat(sink.delivered().size() + RecordingFallback.of(name).size()).isGreaterThanOrEqualTo(10);
        assertThat(RecordingFallback.of(name)).isNotEmpty();
    }

    @Test
    void statisticsAndFlushAreReachableThroughTheAppender() {
        MemoryDestination sink = start("maxBatchDelay=\"1 hour\"");
        LogbeamAppender appender = (LogbeamAppender) context.getConfiguration().getAppenders().values().iterator().next();

        context.getLogger("com.acme.Orders").info("one");

        assertThat(appender.flush(Duration.ofSeconds(10))).isTrue();
        assertThat(sink.messages()).containsExactly("one");
        assertThat(appender.stats().getDelivered()).isEqualTo(1);
    }

    @Test
    void mapMessageEntriesArriveAsTheyWereAtTheCallEvenWhenTheApplicationChangesThemAfter() {
        MemoryDestination sink = start("maxBatchDelay=\"1 hour\"");
        List<String> items = new java.util.ArrayList<>(List.of("a"));
        ToStringProbe probe = new ToStringProbe("probe");
        MapMessage<?, Object> map = new MapMessage<>();
        map.with("message", "order").with("items", items).with("probe", probe).with("count", 3);

        context.getLogger("com.acme.Orders").info(map);
        items.add("b");
        map.with("late", "added after the call");

        assertThat(((LogbeamAppender) context.getConfiguration().getAppenders().values().iterator().next())
                .flush(Duration.ofSeconds(10))).isTrue();
        JsonNode json = sink.json().get(0);
        assertThat(json.get("message").asText()).isEqualTo("order");
        assertThat(json.get("kv").get("items").toString()).as("a list is a JSON array").isEqualTo("[\"a\"]");
        assertThat(json.get("kv").get("count").isIntegralNumber()).as("immutable values keep their type").isTrue();
        assertThat(json.get("kv").has("late")).isFalse();
        assertThat(probe.renderedOn()).as("rendered on the logging thread, once")
                .containsExactly(Thread.currentThread().getName());
    }

    @Test
    void withANestedLayoutAMapMessageIsCopiedAtTheCallToo() {
        MemoryDestination sink = start("maxBatchDelay=\"1 hour\"", "<PatternLayout pattern=\"%K{order} %msg\"/>");
        MapMessage<?, Object> map = new MapMessage<>();
        map.with("order", "o-1").with("items", new java.util.ArrayList<>(List.of("a")));

        context.getLogger("com.acme.Orders").info(map);
        map.with("order", "o-2");

        assertThat(((LogbeamAppender) context.getConfiguration().getAppenders().values().iterator().next())
                .flush(Duration.ofSeconds(10))).isTrue();
        JsonNode json = sink.json().get(0);
        assertThat(json.get("message").asText()).startsWith("o-1 ");
        assertThat(json.get("kv").get("order").asText()).isEqualTo("o-1");
    }
}

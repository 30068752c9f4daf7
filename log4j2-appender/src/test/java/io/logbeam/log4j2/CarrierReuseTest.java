package io.logbeam.log4j2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.logbeam.log4j2.testing.BlockingLayout;
import io.logbeam.log4j2.testing.Contexts;
import io.logbeam.log4j2.testing.MemoryDestination;
import io.logbeam.log4j2.testing.ReusedEvent;

import com.fasterxml.jackson.databind.JsonNode;

import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.ThreadContext;
import org.apache.logging.log4j.core.LoggerContext;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Log4j2 reuses its event and message objects (garbage-free mode, async loggers): the appender copies each event into
 * its ring slot's carrier during the log call, so what ships is what was logged even when Log4j2 has reused the event,
 * its message and its arguments before the consumer thread reads the slot. The consumer is held (by a layout that
 * blocks) while the application reuses them.
 */
class CarrierReuseTest {

    private LoggerContext context;

    @AfterEach
    void stop() {
        BlockingLayout.release();
        ThreadContext.clearAll();
        if (context != null) {
            context.stop(10, TimeUnit.SECONDS);
        }
    }

    private MemoryDestination start(String name) throws InterruptedException {
        BlockingLayout.reset();
        context = Contexts.start(Contexts.config("    <LogbeamMemory name=\"" + name + "\" sink=\"" + name
                + "\" jmx=\"false\" maxBatchDelay=\"20ms\"><BlockingLayout/></LogbeamMemory>", "debug", name));
        context.getLogger("block").info(BlockingLayout.BLOCK);
        assertThat(BlockingLayout.awaitBlocked(10)).as("consumer held").isTrue();
        return MemoryDestination.named(name);
    }

    /** The three events shipped (the one that held the consumer and two more), by logger name. */
    private static List<JsonNode> awaitEvents(MemoryDestination sink) {
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.delivered().size() >= 3);
        List<JsonNode> events = new java.util.ArrayList<>(sink.json());
        assertThat(events).hasSize(3);
        events.sort(java.util.Comparator.comparing(e -> e.get("time").asText() + e.get("level").asText()));
        return events;
    }

    @Test
    void aMutableEventReusedBeforeTheConsumerRunsShipsAsAppended() throws InterruptedException {
        MemoryDestination sink = start("carrier-reuse-direct");
        LogbeamAppender appender = context.getConfiguration().getAppender("carrier-reuse-direct");
        ReusedEvent reused = new ReusedEvent();

        appender.append(reused.event);
        // What Log4j2 does with them for the next log call, while the first waits in the ring.
        reused.reuseForNext();
        appender.append(reused.event);
        BlockingLayout.release();

        List<JsonNode> events = awaitEvents(sink);
        JsonNode first = events.get(0); // time 1000

        assertThat(first.get("message").asText()).isEqualTo("value=before");
        assertThat(first.get("level").asText()).isEqualTo("INFO");
        assertThat(first.get("logger").asText()).isEqualTo("com.acme.Orders");
        assertThat(first.get("thread").asText()).isEqualTo("app-thread");
        assertThat(first.get("time").asText()).isEqualTo("1970-01-01T00:00:01.000Z");
        assertThat(first.get("mdc").get("user").asText()).isEqualTo("u1");
        JsonNode second = events.get(1); // time 2000
        assertThat(second.get("message").asText()).isEqualTo("next event");
        assertThat(second.get("level").asText()).isEqualTo("ERROR");
        assertThat(second.get("mdc").get("user").asText()).isEqualTo("u2");
    }

    @Test
    void theLoggersOwnReusedEventsShipAsLogged() throws InterruptedException {
        MemoryDestination sink = start("carrier-reuse-logger");
        Logger logger = context.getLogger("com.acme.Orders");
        StringBuilder argument = new StringBuilder("before");

        ThreadContext.put("user", "u1");
        ThreadContext.push("checkout");
        logger.info("value={}", argument);
        argument.setLength(0);
        argument.append("after");
        ThreadContext.put("user", "u2");
        ThreadContext.pop();
        ThreadContext.push("refund");
        logger.warn("second {}", "call");
        BlockingLayout.release();

        List<JsonNode> events = awaitEvents(sink);
        events.removeIf(e -> e.get("logger").asText().equals("block"));
        events.sort(java.util.Comparator.comparing(e -> e.get("level").asText())); // INFO, WARN
        assertThat(events.get(0).get("message").asText()).isEqualTo("value=before");
        assertThat(events.get(0).get("level").asText()).isEqualTo("INFO");
        assertThat(events.get(0).get("mdc").get("user").asText()).isEqualTo("u1");
        assertThat(events.get(0).get("ndc").get(0).asText()).isEqualTo("checkout");
        assertThat(events.get(1).get("message").asText()).isEqualTo("second call");
        assertThat(events.get(1).get("mdc").get("user").asText()).isEqualTo("u2");
        assertThat(events.get(1).get("ndc").get(0).asText()).isEqualTo("refund");
    }
}

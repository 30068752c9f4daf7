package io.logbeam.log4j2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.logbeam.log4j2.testing.Contexts;
import io.logbeam.log4j2.testing.MemoryDestination;

import com.fasterxml.jackson.databind.JsonNode;

import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.MarkerManager;
import org.apache.logging.log4j.ThreadContext;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.async.AsyncLogger;
import org.apache.logging.log4j.core.async.AsyncLoggerContext;
import org.apache.logging.log4j.message.StringMapMessage;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Async loggers hand the appender their reused ring-buffer events on a background thread: the snapshot must
 * keep what the application thread logged, and the caller location comes from the application thread.
 */
class AsyncLoggersTest {

    private static final AtomicInteger IDS = new AtomicInteger();

    private LoggerContext context;

    @AfterEach
    void stop() {
        ThreadContext.clearAll();
        if (context != null) {
            context.stop(10, TimeUnit.SECONDS);
        }
    }

    /** What {@code AsyncLoggerContextSelector} creates for an application: every logger asynchronous. */
    private MemoryDestination startAllAsync(String attributes) {
        String name = "async-" + IDS.incrementAndGet();
        String xml = Contexts.config("    <LogbeamMemory name=\"" + name + "\" sink=\"" + name + "\" jmx=\"false\" "
                + attributes + "/>", "info\" includeLocation=\"true", name);
        context = new AsyncLoggerContext(name, null, Contexts.write(null, xml).toUri());
        context.start();
        return MemoryDestination.named(name);
    }

    @Test
    void eventsOfAsyncLoggersKeepWhatTheApplicationThreadLogged() {
        MemoryDestination sink = startAllAsync("maxBatchDelay=\"20ms\" includeCallerData=\"true\"");
        Logger logger = context.getLogger("com.acme.Orders");
        assertThat(logger).isInstanceOf(AsyncLogger.class);
        StringBuilder value = new StringBuilder();

        for (int i = 0; i < 500; i++) {
            value.setLength(0);
            value.append("v").append(i);
            ThreadContext.put("i", Integer.toString(i));
            ThreadContext.push("frame" + i);
            logger.info(MarkerManager.getMarker("ASYNC_MARK"), "value={}", value);
            ThreadContext.pop();
        }
        logger.info(new StringMapMessage().with("message", "map").with("orderId", "o-1"));

        await().atMost(Duration.ofSeconds(10)).until(() -> sink.delivered().size() == 501);
        List<JsonNode> events = sink.json();
        for (int i = 0; i < 500; i++) {
            JsonNode event = events.get(i);
            assertThat(event.get("message").asText()).isEqualTo("value=v" + i);
            assertThat(event.get("mdc").get("i").asText()).isEqualTo(Integer.toString(i));
            assertThat(event.get("ndc").get(0).asText()).isEqualTo("frame" + i);
            assertThat(event.get("markers").get(0).asText()).isEqualTo("ASYNC_MARK");
            assertThat(event.get("thread").asText()).isEqualTo(Thread.currentThread().getName());
        }
        JsonNode caller = events.get(0).get("caller");
        assertThat(caller.get("class").asText()).isEqualTo(AsyncLoggersTest.class.getName());
        assertThat(caller.get("method").asText()).isEqualTo("eventsOfAsyncLoggersKeepWhatTheApplicationThreadLogged");
        assertThat(events.get(500).get("kv").get("orderId").asText()).isEqualTo("o-1");
    }

    @Test
    void stoppingAnAsyncContextDeliversWhatItsRingAndTheShipperHold() {
        MemoryDestination sink = startAllAsync("maxBatchDelay=\"1 hour\"");
        Logger logger = context.getLogger("com.acme.Orders");
        for (int i = 0; i < 1_000; i++) {
            logger.info("event {}", i);
        }

        assertThat(context.stop(10, TimeUnit.SECONDS)).isTrue();
        context = null;

        assertThat(sink.delivered()).hasSize(1_000);
    }

    @Test
    void mixedAsyncLoggerConfigsWork() {
        String name = "async-root-" + IDS.incrementAndGet();
        String xml = "<Configuration>\n  <Appenders>\n    <LogbeamMemory name=\"" + name + "\" sink=\"" + name
                + "\" jmx=\"false\" maxBatchDelay=\"20ms\" includeCallerData=\"true\"/>\n  </Appenders>\n"
                + "  <Loggers>\n    <AsyncRoot level=\"info\" includeLocation=\"true\"><AppenderRef ref=\"" + name
                + "\"/></AsyncRoot>\n  </Loggers>\n</Configuration>\n";
        context = new LoggerContext(name, null, Contexts.write(null, xml).toUri());
        context.start();
        MemoryDestination sink = MemoryDestination.named(name);
        StringBuilder value = new StringBuilder("before");

        context.getLogger("com.acme.Orders").info("value={}", value);
        value.setLength(0);

        await().atMost(Duration.ofSeconds(10)).until(() -> sink.delivered().size() == 1);
        JsonNode event = sink.json().get(0);
        assertThat(event.get("message").asText()).isEqualTo("value=before");
        assertThat(event.get("caller").get("method").asText()).isEqualTo("mixedAsyncLoggerConfigsWork");
    }
}

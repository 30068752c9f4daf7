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

    /**
     * Log4j2's async loggers, all four threads logging faster than the async logger's ring (128 slots) drains:
     * every event reaches the appender and is delivered. With Disruptor 4.0.0 on the classpath, Log4j2 2.25 read
     * the ring's negative remaining capacity (writers waiting for a slot) as "shut down" and discarded 40-55 % of
     * such events; Logbeam then brought 4.0.0 to every user. Logbeam's own ring is now a shaded copy, and this
     * module tests with the version docs/log4j2.md recommends for async loggers.
     */
    @Test
    void asyncLoggersLoseNothingWhenTheirRingIsFull() throws Exception {
        System.setProperty("log4j2.asyncLoggerRingBufferSize", "128");
        MemoryDestination sink;
        try {
            // block + a ring larger than everything logged: Logbeam itself may never drop here.
            sink = startAllAsync("maxBatchDelay=\"20ms\" bufferSize=\"32768\" overflowPolicy=\"block\" "
                    + "blockTimeout=\"30 seconds\"");
        } finally {
            System.clearProperty("log4j2.asyncLoggerRingBufferSize");
        }
        Logger logger = context.getLogger("com.acme.Orders");
        int threads = 4;
        int perThread = 5_000;
        java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
        List<Thread> writers = new java.util.ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            Thread writer = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < perThread; i++) {
                    logger.info("t{} e{}", thread, i);
                }
            }, "async-writer-" + t);
            writer.start();
            writers.add(writer);
        }
        go.countDown();
        for (Thread writer : writers) {
            writer.join(60_000);
        }

        assertThat(context.stop(30, TimeUnit.SECONDS)).isTrue();
        context = null;
        assertThat(new java.util.HashSet<>(sink.messages())).hasSize(threads * perThread);
        assertThat(Class.forName("com.lmax.disruptor.RingBuffer").getProtectionDomain().getCodeSource().getLocation()
                .toString()).as("the Disruptor Log4j2's async loggers use here").contains("disruptor-3.4.4");
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

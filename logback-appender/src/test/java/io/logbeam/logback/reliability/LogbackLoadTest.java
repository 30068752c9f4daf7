package io.logbeam.logback.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.logbeam.core.Logbeam;
import io.logbeam.core.engine.Shipper;
import io.logbeam.core.engine.ShipperStats;
import io.logbeam.logback.LogbeamAppenderBase;
import io.logbeam.logback.testing.Contexts;
import io.logbeam.testkit.LocalAwsEndpoint;
import io.logbeam.testkit.TestThreads;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * 16 application threads log 50,000 events each through SLF4J into one Logbeam Logback appender while another
 * thread flushes it (the appender's flush and the JVM-wide {@link Logbeam#flush}); then the context stops.
 * Exact accounting against the endpoint, no deadlock (every wait is bounded, hard timeout), no thread left.
 */
class LogbackLoadTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int THREADS = 16;
    private static final int PER_THREAD = 50_000;

    @ParameterizedTest(name = "{0}")
    @EnumSource(LogbackDestination.class)
    @Timeout(600)
    void sixteenThreadsWithConcurrentFlushesAreAccountedExactly(LogbackDestination destination) throws Exception {
        int threadsBefore = TestThreads.live();
        ShipperStats stats;
        long flushes;
        List<byte[]> stored;
        try (LocalAwsEndpoint endpoint = LocalAwsEndpoint.start()) {
            destination.create(endpoint);
            LoggerContext context = Contexts.configure("load", "<configuration>\n"
                    + destination.appender("LOGBEAM", endpoint, "<overflowPolicy>block</overflowPolicy>\n"
                    + "<blockTimeout>120 seconds</blockTimeout>\n")
                    + "<root level=\"INFO\"><appender-ref ref=\"LOGBEAM\"/></root>\n</configuration>\n", Map.of());
            @SuppressWarnings("unchecked")
            LogbeamAppenderBase appender = (LogbeamAppenderBase) context.getLogger(Logger.ROOT_LOGGER_NAME)
                    .getAppender("LOGBEAM");
            assertThat(appender.isStarted()).as(Contexts.statusText(context)).isTrue();
            Shipper<ILoggingEvent> shipper = appender.shipper();

            AtomicBoolean logging = new AtomicBoolean(true);
            AtomicLong flushCount = new AtomicLong();
            Thread flusher = new Thread(() -> {
                boolean jvmWide = false;
                while (logging.get()) {
                    if (jvmWide ? Logbeam.flush(Duration.ofSeconds(60)) : appender.flush(Duration.ofSeconds(60))) {
                        flushCount.incrementAndGet();
                    }
                    jvmWide = !jvmWide;
                }
            }, "rel-flusher");
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> loggers = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int id = t;
                Thread thread = new Thread(() -> {
                    org.slf4j.Logger log = context.getLogger("com.acme.Load" + id);
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    for (int i = 0; i < PER_THREAD; i++) {
                        log.info("t{}-e{}", id, i);
                    }
                }, "rel-logger-" + t);
                thread.start();
                loggers.add(thread);
            }
            flusher.start();
            go.countDown();
            TestThreads.join(loggers, Duration.ofMinutes(8));
            logging.set(false);
            TestThreads.join(List.of(flusher), Duration.ofMinutes(2));
            assertThat(appender.flush(Duration.ofMinutes(2))).isTrue();
            context.stop();
            stats = shipper.stats();
            flushes = flushCount.get();
            stored = destination.stored(endpoint);
            assertThat(endpoint.violations()).isEmpty();
            await().atMost(Duration.ofSeconds(30)).until(() -> TestThreads.ofAppender("LOGBEAM") == 0);
        }

        long total = (long) THREADS * PER_THREAD;
        assertThat(stats.getPublished()).isEqualTo(total);
        assertThat(stats.getDelivered()).as(stats.toString()).isEqualTo(total);
        assertThat(stats.getFallback()).isZero();
        assertThat(stats.getDropped()).isZero();
        assertThat(flushes).as("concurrent flushes completed").isPositive();
        Set<String> ids = new HashSet<>();
        Set<String> messages = new HashSet<>();
        for (byte[] event : stored) {
            JsonNode json = parse(event);
            ids.add(json.get("log_id").asText());
            messages.add(json.get("message").asText());
        }
        assertThat(ids).hasSize((int) total);
        assertThat(messages).hasSize((int) total);
        assertThat(stored.size() - ids.size()).as("duplicates").isLessThanOrEqualTo((int) stats.getPossibleDuplicates());
        int[] after = new int[1];
        await().pollInSameThread().atMost(Duration.ofSeconds(20))
                .until(() -> (after[0] = TestThreads.live()) <= threadsBefore);
        System.out.println("[reliability] logback 16 threads / " + destination + ": " + stats + ", " + flushes
                + " concurrent flushes, threads " + threadsBefore + " -> " + after[0]);
    }

    private static JsonNode parse(byte[] json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new AssertionError("stored event is not JSON", e);
        }
    }

}

package io.logbeam.log4j2.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.logbeam.core.Logbeam;
import io.logbeam.core.engine.Shipper;
import io.logbeam.log4j2.LogbeamAppender;
import io.logbeam.log4j2.testing.Contexts;
import io.logbeam.testkit.LocalAwsEndpoint;
import io.logbeam.testkit.TestThreads;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * 16 application threads log 50,000 events each into one Logbeam Log4j2 appender while another thread flushes
 * (the appender and {@link Logbeam#flush}) and the configuration is reloaded six times, alternately unchanged
 * (the running shipper is kept) and changed (a new shipper takes over, the old one delivers what it holds and
 * stops). Exact accounting over every shipper involved, against the endpoint; no deadlock; no thread left.
 */
class Log4j2LoadTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int THREADS = 16;
    private static final int PER_THREAD = 50_000;
    private static final int RELOADS = 6;

    /** Reload n keeps the attributes of reload n-1 when n is odd and changes maxBatchDelay when n is even. */
    private static String config(Log4j2Destination destination, LocalAwsEndpoint endpoint, int reload) {
        return Contexts.config(destination.element("LOGBEAM", endpoint, "overflowPolicy=\"block\" "
                + "blockTimeout=\"120 seconds\" maxBatchDelay=\"" + (100 + reload / 2) + " ms\""), "info", "LOGBEAM");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Log4j2Destination.class)
    @Timeout(600)
    void sixteenThreadsWithFlushesAndReloadsAreAccountedExactly(Log4j2Destination destination) throws Exception {
        int threadsBefore = TestThreads.live();
        Set<Shipper<LogEvent>> shippers = Collections.newSetFromMap(new IdentityHashMap<>());
        long flushes;
        List<String> stored;
        try (LocalAwsEndpoint endpoint = LocalAwsEndpoint.start()) {
            destination.prepare(endpoint);
            LoggerContext context = Contexts.start(config(destination, endpoint, 0));
            shippers.add(appender(context).shipper());

            AtomicBoolean logging = new AtomicBoolean(true);
            AtomicLong logged = new AtomicLong();
            AtomicLong flushCount = new AtomicLong();
            Thread flusher = new Thread(() -> {
                boolean jvmWide = false;
                while (logging.get()) {
                    LogbeamAppender current = appender(context);
                    boolean ok = jvmWide || current == null ? Logbeam.flush(Duration.ofSeconds(60))
                            : current.flush(Duration.ofSeconds(60));
                    if (ok) {
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
                    Logger log = context.getLogger("com.acme.Load" + id);
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    for (int i = 0; i < PER_THREAD; i++) {
                        log.info("t{}-e{}", id, i);
                        logged.incrementAndGet();
                    }
                }, "rel-logger-" + t);
                thread.start();
                loggers.add(thread);
            }
            flusher.start();
            go.countDown();
            long total = (long) THREADS * PER_THREAD;
            for (int reload = 1; reload <= RELOADS; reload++) {
                long due = total * reload / (RELOADS + 1);
                await().atMost(Duration.ofMinutes(5)).until(() -> logged.get() >= due);
                Contexts.reload(context, config(destination, endpoint, reload));
                shippers.add(appender(context).shipper());
            }
            TestThreads.join(loggers, Duration.ofMinutes(8));
            logging.set(false);
            TestThreads.join(List.of(flusher), Duration.ofMinutes(2));
            assertThat(context.stop(60, TimeUnit.SECONDS)).isTrue();
            flushes = flushCount.get();
            stored = destination.stored(endpoint);
            assertThat(endpoint.violations()).isEmpty();
            await().atMost(Duration.ofSeconds(30)).until(() -> TestThreads.ofAppender("LOGBEAM") == 0);
        }

        long total = (long) THREADS * PER_THREAD;
        long published = 0;
        long delivered = 0;
        long fallback = 0;
        long dropped = 0;
        long possibleDuplicates = 0;
        for (Shipper<LogEvent> shipper : shippers) {
            assertThat(shipper.isRunning()).isFalse();
            published += shipper.stats().getPublished();
            delivered += shipper.stats().getDelivered();
            fallback += shipper.stats().getFallback();
            dropped += shipper.stats().getDropped();
            possibleDuplicates += shipper.stats().getPossibleDuplicates();
        }
        String figures = "published=" + published + " delivered=" + delivered + " fallback=" + fallback + " dropped="
                + dropped + " shippers=" + shippers.size();
        assertThat(shippers).as("a changed reload starts a new shipper").hasSize(1 + RELOADS / 2);
        assertThat(published).as(figures).isEqualTo(total);
        assertThat(delivered).as(figures).isEqualTo(total);
        assertThat(fallback).as(figures).isZero();
        assertThat(dropped).as(figures).isZero();
        assertThat(flushes).isPositive();
        Set<String> ids = new HashSet<>();
        Set<String> messages = new HashSet<>();
        for (String text : stored) {
            JsonNode json = JSON.readTree(text);
            ids.add(json.get("log_id").asText());
            messages.add(json.get("message").asText());
        }
        assertThat(ids).hasSize((int) total);
        assertThat(messages).hasSize((int) total);
        assertThat((long) stored.size() - ids.size()).as("duplicates").isLessThanOrEqualTo(possibleDuplicates);
        int[] after = new int[1];
        await().pollInSameThread().atMost(Duration.ofSeconds(20))
                .until(() -> (after[0] = TestThreads.live()) <= threadsBefore);
        System.out.println("[reliability] log4j2 16 threads, " + RELOADS + " reloads / " + destination + ": " + figures
                + ", " + flushes + " concurrent flushes, threads " + threadsBefore + " -> " + after[0]);
    }

    private static LogbeamAppender appender(LoggerContext context) {
        return (LogbeamAppender) context.getConfiguration().getAppenders().get("LOGBEAM");
    }

}

package io.logbeam.log4j2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.logbeam.log4j2.testing.Contexts;
import io.logbeam.log4j2.testing.MemoryDestination;
import io.logbeam.log4j2.testing.ReloadUnderLoad;
import io.logbeam.log4j2.testing.StatusCapture;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.core.LoggerContext;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Log4j2 reloads by starting the new configuration before stopping the old one. An unchanged appender must
 * keep its running shipper (nothing buffered is stopped, lost or sent twice); a changed one gets a new shipper
 * while the old one delivers what it holds.
 */
class ReconfigurationTest {

    private static final AtomicInteger IDS = new AtomicInteger();

    private LoggerContext context;

    @AfterEach
    void stop() {
        if (context != null) {
            context.stop(10, TimeUnit.SECONDS);
        }
    }

    private static String config(String name, String attributes) {
        return config(name, attributes, "");
    }

    private static String config(String name, String attributes, String configurationAttributes) {
        return Contexts.config("    <LogbeamMemory name=\"" + name + "\" sink=\"" + name + "\" jmx=\"false\" "
                + attributes + "/>", "info", name).replace("<Configuration>", "<Configuration " + configurationAttributes + ">");
    }

    private LogbeamAppender appender(String name) {
        return (LogbeamAppender) context.getConfiguration().getAppenders().get(name);
    }

    @Test
    void anUnchangedAppenderKeepsItsRunningShipperAndWhatItBuffers() {
        String name = "same-" + IDS.incrementAndGet();
        String xml = config(name, "maxBatchDelay=\"1 hour\"");
        context = Contexts.start(xml);
        MemoryDestination sink = MemoryDestination.named(name);
        LogbeamAppender first = appender(name);
        Logger logger = context.getLogger("com.acme.Orders");
        for (int i = 0; i < 10; i++) {
            logger.info("before reload {}", i);
        }

        Contexts.reload(context, xml);

        LogbeamAppender second = appender(name);
        assertThat(second).isNotSameAs(first);
        assertThat(first.isStopped()).isTrue();
        assertThat(second.manager()).isSameAs(first.manager());
        assertThat(second.manager().shipper().isRunning()).isTrue();
        // The client is opened in the background at start: once, by the one shipper (checked again at the end).
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.opened() == 1);
        assertThat(sink.delivered()).isEmpty(); // still lingering in the one running batch

        logger.info("after reload");
        context.stop(10, TimeUnit.SECONDS);
        context = null;
        assertThat(sink.messages()).hasSize(11).contains("before reload 0", "before reload 9", "after reload");
        assertThat(sink.opened()).isEqualTo(1);
        assertThat(sink.closed()).isEqualTo(1);
    }

    @Test
    void aChangedAppenderGetsANewShipperAndTheOldOneDeliversWhatItHolds() {
        String name = "changed-" + IDS.incrementAndGet();
        context = Contexts.start(config(name, "maxBatchDelay=\"1 hour\""));
        MemoryDestination sink = MemoryDestination.named(name);
        LogbeamAppender first = appender(name);
        Logger logger = context.getLogger("com.acme.Orders");
        for (int i = 0; i < 10; i++) {
            logger.info("old {}", i);
        }

        Contexts.reload(context, config(name, "maxBatchDelay=\"2 hours\""));

        LogbeamAppender second = appender(name);
        assertThat(second.manager()).isNotSameAs(first.manager());
        assertThat(first.manager().shipper().isRunning()).isFalse();
        assertThat(sink.messages()).hasSize(10); // flushed when the old configuration stopped
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.opened() == 2); // each shipper opens its own
        assertThat(sink.closed()).isEqualTo(1);
    }

    @ParameterizedTest(name = "configuration changed on each reload: {0}")
    @ValueSource(booleans = {false, true})
    void reloadingUnderLoadDeliversEveryEventExactlyOnce(boolean changeEachTime) throws InterruptedException {
        String name = "load-" + changeEachTime + "-" + IDS.incrementAndGet();
        // block: the ring never drops, so every logged event must arrive.
        String attributes = "overflowPolicy=\"block\" blockTimeout=\"30 seconds\" bufferSize=\"1024\" maxBatchDelay=\"";
        context = Contexts.start(config(name, attributes + "20ms\""));
        MemoryDestination sink = MemoryDestination.named(name);

        Set<String> logged = ReloadUnderLoad.run(context,
                reload -> config(name, attributes + (changeEachTime ? 20 + reload : 20) + "ms\""), 1_000);
        assertThat(context.stop(30, TimeUnit.SECONDS)).isTrue();
        context = null;

        List<String> delivered = sink.messages();
        assertThat(logged.size()).isGreaterThan(5_000);
        assertThat(delivered).hasSize(logged.size()); // no duplicates ...
        assertThat(new HashSet<>(delivered)).isEqualTo(logged); // ... and nothing lost
        assertThat(sink.opened()).isEqualTo(changeEachTime ? 1 + ReloadUnderLoad.RELOADS : 1);
        assertThat(sink.closed()).isEqualTo(sink.opened());
    }

    /**
     * With a spool, the new shipper of a changed appender starts while the old one still holds the spool directory:
     * it must start anyway (no ConfigException) and take the spool over once the old configuration stops.
     */
    @Test
    void reloadingUnderLoadAChangedAppenderWithASpoolKeepsItStartedAndDeliversEveryEventExactlyOnce(
            @TempDir Path spoolRoot) throws InterruptedException {
        String name = "spooled-" + IDS.incrementAndGet();
        String attributes = "overflowPolicy=\"block\" blockTimeout=\"30 seconds\" bufferSize=\"1024\" "
                + "maxBatchDelay=\"20ms\" spoolDirectory=\"" + spoolRoot + "\" logType=\"";
        StatusCapture status = StatusCapture.start();
        try {
            context = Contexts.start(config(name, attributes + "orders-0\""));
            MemoryDestination sink = MemoryDestination.named(name);

            // Every reload changes logType: a new manager and shipper each time.
            Set<String> logged = new HashSet<>(ReloadUnderLoad.run(context, reload -> config(name, attributes
                    + "orders-" + reload + "\""), 1_000));

            LogbeamAppender last = appender(name);
            assertThat(last).isNotNull();
            assertThat(last.isStarted()).isTrue();
            assertThat(last.shipper().isRunning()).isTrue();
            await().atMost(Duration.ofSeconds(10)).until(() -> last.stats().toString().contains("spoolEvents="));
            context.getLogger("com.acme.Orders").info("after the reloads");
            logged.add("after the reloads");
            assertThat(context.stop(30, TimeUnit.SECONDS)).isTrue();
            context = null;

            List<String> delivered = sink.messages();
            assertThat(logged.size()).isGreaterThan(5_000);
            assertThat(delivered).hasSize(logged.size()); // no duplicates ...
            assertThat(new HashSet<>(delivered)).isEqualTo(logged); // ... and nothing lost
            assertThat(sink.opened()).isEqualTo(1 + ReloadUnderLoad.RELOADS);
            Set<String> logTypes = new HashSet<>();
            sink.json().forEach(event -> logTypes.add(event.path("log_type").asText()));
            assertThat(logTypes).contains("orders-" + ReloadUnderLoad.RELOADS)
                    .isSubsetOf("orders-0", "orders-1", "orders-2", "orders-3", "orders-4", "orders-5");

            assertThat(status.messages(Level.ERROR)).noneMatch(m -> m.contains(name));
            List<String> warnings = status.messages(Level.WARN);
            long waited = warnings.stream().filter(m -> m.contains(name) && m.contains("is still held by the previous "
                    + "appender of this name in this JVM")).count();
            long tookOver = warnings.stream().filter(m -> m.contains(name) && m.contains("took over the spool "
                    + "directory")).count();
            // Normally every reload waits and takes over; a new shipper started before its predecessor took the
            // spool over opens it directly, and the predecessor then never takes it.
            assertThat(tookOver).isBetween(1L, (long) ReloadUnderLoad.RELOADS);
            assertThat(waited).isBetween(tookOver, (long) ReloadUnderLoad.RELOADS);
        } finally {
            status.close();
        }
    }

    @Test
    void aChangedAppenderWithASpoolReplaysWhatTheOldOneCouldNotDeliverBeforeItStopped(@TempDir Path spoolRoot) {
        String name = "handover-" + IDS.incrementAndGet();
        String attributes = "maxBatchDelay=\"20ms\" shutdownTimeout=\"1 second\" spoolDirectory=\"" + spoolRoot
                + "\" logType=\"";
        context = Contexts.start(config(name, attributes + "before\""));
        MemoryDestination sink = MemoryDestination.named(name).closeGate();
        LogbeamAppender first = appender(name);
        Logger logger = context.getLogger("com.acme.Orders");
        for (int i = 0; i < 10; i++) {
            logger.info("held {}", i);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.requests() >= 1);

        // The old shipper can not deliver within its shutdownTimeout: its events go to the spool.
        Contexts.reload(context, config(name, attributes + "after\""));

        LogbeamAppender second = appender(name);
        assertThat(second.manager()).isNotSameAs(first.manager());
        assertThat(second.isStarted()).isTrue();
        assertThat(first.stats().getSpoolEvents()).isEqualTo(10);
        assertThat(first.stats().getFallback()).isZero();
        await().atMost(Duration.ofSeconds(10)).until(() -> second.stats().toString().contains("spoolEvents="));
        logger.info("live after the reload");
        sink.openGate();

        await().atMost(Duration.ofSeconds(20)).until(() -> sink.messages().size() >= 11
                && second.stats().getSpoolEvents() == 0);
        assertThat(sink.messages()).containsExactlyInAnyOrder("held 0", "held 1", "held 2", "held 3", "held 4",
                "held 5", "held 6", "held 7", "held 8", "held 9", "live after the reload");
        assertThat(second.stats().getSpoolRecovered()).isEqualTo(10);
        assertThat(second.stats().getFallback()).isZero();
        // Spooled events keep the log type they were encoded with.
        assertThat(sink.json()).allSatisfy(event -> assertThat(event.path("log_type").asText())
                .isEqualTo(event.path("message").asText().startsWith("held") ? "before" : "after"));
    }

    @Test
    void aFileChangeSeenByMonitorIntervalReloadsTheAppender() {
        String name = "monitor-" + IDS.incrementAndGet();
        context = Contexts.start(config(name, "maxBatchDelay=\"1 hour\"", "monitorInterval=\"1\""));
        MemoryDestination sink = MemoryDestination.named(name);
        LogbeamAppender first = appender(name);
        context.getLogger("com.acme.Orders").info("buffered before the change");

        Contexts.write(java.nio.file.Path.of(context.getConfigLocation()),
                config(name, "maxBatchDelay=\"20ms\"", "monitorInterval=\"1\""));

        await().atMost(Duration.ofSeconds(20)).until(() -> appender(name) != null && appender(name) != first);
        // The old configuration stops right after the new one is in place, delivering what it held.
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.messages().size() == 1);
        assertThat(sink.messages()).containsExactly("buffered before the change");
        context.getLogger("com.acme.Orders").info("after the change");
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.messages().size() == 2);
    }
}

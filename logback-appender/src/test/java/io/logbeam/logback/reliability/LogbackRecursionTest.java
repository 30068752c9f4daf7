package io.logbeam.logback.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.logbeam.core.engine.Shipper;
import io.logbeam.core.engine.ShipperStats;
import io.logbeam.logback.LogbeamAppenderBase;
import io.logbeam.logback.testing.Contexts;
import io.logbeam.logback.testing.LoggingFallback;
import io.logbeam.testkit.LocalAwsEndpoint;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The AWS SDK (and Logbeam itself) at TRACE, wired through SLF4J to the same Logbeam appender on the root
 * logger, while the endpoint fails 30% of the writes and refuses some outright (so the SDK logs errors and a
 * fallback that logs through Logback on Logbeam's thread gets events too): no feedback loop. Exactly the
 * application's events are published and shipped, and once the application stops logging, requests stop.
 */
class LogbackRecursionTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int EVENTS = 300;

    @ParameterizedTest(name = "{0}")
    @EnumSource(LogbackDestination.class)
    @Timeout(120)
    void sdkAtTraceOnTheSameAppenderUnderFaultsHasBoundedEvents(LogbackDestination destination) throws Exception {
        LoggerContext global = (LoggerContext) LoggerFactory.getILoggerFactory();
        try (LocalAwsEndpoint endpoint = LocalAwsEndpoint.start()) {
            destination.create(endpoint);
            endpoint.faults().failRandomly(0.3, 500, "InternalFailure");
            global.reset();
            LoggingFallback.context = global;
            String xml = "<configuration>\n"
                    + destination.appender("LOGBEAM", endpoint, "<fallback>" + LoggingFallback.class.getName()
                    + "</fallback>\n<maxRetries>10</maxRetries>\n")
                    + "<appender name=\"LIST\" class=\"ch.qos.logback.core.read.ListAppender\"/>\n"
                    + "<logger name=\"software.amazon.awssdk\" level=\"TRACE\"/>\n"
                    + "<logger name=\"io.logbeam\" level=\"TRACE\"/>\n"
                    + "<root level=\"DEBUG\"><appender-ref ref=\"LOGBEAM\"/><appender-ref ref=\"LIST\"/></root>\n"
                    + "</configuration>\n";
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(global);
            configurator.doConfigure(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
            LogbeamAppenderBase appender = (LogbeamAppenderBase) global.getLogger(Logger.ROOT_LOGGER_NAME)
                    .getAppender("LOGBEAM");
            assertThat(appender.isStarted()).as(Contexts.statusText(global)).isTrue();
            Shipper<ILoggingEvent> shipper = appender.shipper();

            org.slf4j.Logger log = LoggerFactory.getLogger("com.acme.Orders");
            for (int i = 0; i < EVENTS; i++) {
                log.info("application event {}", i);
                if (i == EVENTS / 2) {
                    // A burst of refusals: the destination turns unusable for a cooldown, its events fall back,
                    // and the fallback logs each of them through Logback on Logbeam's thread.
                    endpoint.faults().failNext(1, 400, "AccessDeniedException");
                }
                if (i % 50 == 49) {
                    assertThat(appender.flush(Duration.ofSeconds(60))).isTrue();
                }
            }
            assertThat(appender.flush(Duration.ofSeconds(60))).isTrue();
            ShipperStats stats = shipper.stats();
            long requests = endpoint.requests().count();
            // Nothing keeps the appender busy once the application is quiet: no event, no request.
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(10))
                    .until(() -> endpoint.requests().count() == requests && stats.getPublished() == EVENTS);

            @SuppressWarnings("unchecked")
            ListAppender<ILoggingEvent> list = (ListAppender<ILoggingEvent>) global.getLogger(Logger.ROOT_LOGGER_NAME)
                    .getAppender("LIST");
            List<ILoggingEvent> seen = new ArrayList<>(list.list);
            long sdkEvents = seen.stream().filter(e -> e.getLoggerName().startsWith("software.amazon.awssdk")).count();
            assertThat(sdkEvents).as("the SDK logged into the same appenders").isPositive();
            assertThat(stats.getPublished()).as(stats.toString()).isEqualTo(EVENTS);
            assertThat(stats.getSettled()).isEqualTo(EVENTS);
            Set<String> ids = new HashSet<>();
            for (byte[] event : destination.stored(endpoint)) {
                JsonNode json = JSON.readTree(event);
                assertThat(json.get("logger").asText()).isEqualTo("com.acme.Orders");
                ids.add(json.get("log_id").asText());
            }
            assertThat((long) ids.size()).isEqualTo(stats.getDelivered() + countStoredFallbacks(ids, stats));
            System.out.println("[reliability] logback recursion / " + destination + ": " + stats + "; SDK events "
                    + sdkEvents + ", fallback events logged " + LoggingFallback.RECEIVED.get());
        } finally {
            global.reset();
            new ContextInitializer(global).autoConfig();
        }
    }

    /** Events both stored and given to the fallback can only come from ambiguous failures: bounded by the count. */
    private static long countStoredFallbacks(Set<String> ids, ShipperStats stats) {
        long extra = ids.size() - stats.getDelivered();
        assertThat(extra).isBetween(0L, stats.getPossibleDuplicates());
        return extra;
    }
}

package io.logbeam.log4j2.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.logbeam.core.engine.ShipperStats;
import io.logbeam.log4j2.LogbeamAppender;
import io.logbeam.log4j2.testing.Contexts;
import io.logbeam.testkit.LocalAwsEndpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/**
 * The AWS SDK (through SLF4J and log4j-slf4j2-impl) and Logbeam at TRACE, on the root logger that carries the
 * Logbeam appender, while the endpoint fails 30% of the writes and refuses one outright (so the SDK logs failures
 * and a fallback logs every undelivered event back into Log4j2 on Logbeam's thread): no feedback loop. Exactly the
 * application's events are published; once it is quiet, no event and no request follow.
 */
class Log4j2RecursionTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int EVENTS = 300;

    @ParameterizedTest(name = "{0}")
    @EnumSource(Log4j2Destination.class)
    @Timeout(120)
    void sdkAtTraceOnTheSameAppenderUnderFaultsHasBoundedEvents(Log4j2Destination destination) throws Exception {
        LoggerContext global = (LoggerContext) LogManager.getContext(false);
        URI original = global.getConfiguration().getConfigurationSource().getURI();
        try (LocalAwsEndpoint endpoint = LocalAwsEndpoint.start()) {
            destination.prepare(endpoint);
            endpoint.faults().failRandomly(0.3, 500, "InternalFailure");
            String xml = "<Configuration>\n  <Appenders>\n" + destination.element("LOGBEAM", endpoint,
                    "maxBatchDelay=\"100 ms\" maxRetries=\"10\" fallback=\"" + LoggingBackFallback.class.getName() + "\"")
                    + "\n  </Appenders>\n  <Loggers>\n"
                    + "    <Logger name=\"software.amazon.awssdk\" level=\"trace\"/>\n"
                    + "    <Logger name=\"io.logbeam\" level=\"trace\"/>\n"
                    + "    <Root level=\"debug\"><AppenderRef ref=\"LOGBEAM\"/></Root>\n  </Loggers>\n</Configuration>\n";
            global.setConfigLocation(Contexts.write(null, xml).toUri());
            LogbeamAppender appender = (LogbeamAppender) global.getConfiguration().getAppenders().get("LOGBEAM");
            assertThat(appender).isNotNull();
            ShipperStats stats = appender.stats();
            java.util.concurrent.atomic.AtomicLong sdkEvents = new java.util.concurrent.atomic.AtomicLong();
            org.apache.logging.log4j.core.appender.AbstractAppender counter =
                    new org.apache.logging.log4j.core.appender.AbstractAppender("SDK-COUNTER", null, null, true,
                            org.apache.logging.log4j.core.config.Property.EMPTY_ARRAY) {
                        @Override
                        public void append(org.apache.logging.log4j.core.LogEvent event) {
                            if (event.getLoggerName().startsWith("software.amazon.awssdk")) {
                                sdkEvents.incrementAndGet();
                            }
                        }
                    };
            counter.start();
            global.getConfiguration().getRootLogger().addAppender(counter, null, null);
            global.updateLoggers();
            int fallbackBefore = LoggingBackFallback.RECEIVED.get();

            org.slf4j.Logger log = LoggerFactory.getLogger("com.acme.Orders");
            for (int i = 0; i < EVENTS; i++) {
                log.info("application event {}", i);
                if (i == EVENTS / 2) {
                    endpoint.faults().failNext(1, 400, "AccessDeniedException");
                }
                if (i % 50 == 49) {
                    assertThat(appender.flush(Duration.ofSeconds(60))).isTrue();
                }
            }
            assertThat(appender.flush(Duration.ofSeconds(60))).isTrue();
            long requests = endpoint.requests().count();
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(10))
                    .until(() -> endpoint.requests().count() == requests && stats.getPublished() == EVENTS);

            assertThat(sdkEvents.get()).as("the SDK logged into the same root logger").isPositive();
            assertThat(stats.getPublished()).as(stats.toString()).isEqualTo(EVENTS);
            assertThat(stats.getSettled()).isEqualTo(EVENTS);
            assertThat(LoggingBackFallback.RECEIVED.get() - fallbackBefore).isEqualTo((int) stats.getFallback());
            Set<String> ids = new HashSet<>();
            for (String text : destination.stored(endpoint)) {
                JsonNode json = JSON.readTree(text);
                assertThat(json.get("logger").asText()).isEqualTo("com.acme.Orders");
                ids.add(json.get("log_id").asText());
            }
            long storedAndFallback = ids.size() - stats.getDelivered();
            assertThat(storedAndFallback).isBetween(0L, stats.getPossibleDuplicates());
            System.out.println("[reliability] log4j2 recursion / " + destination + ": " + stats + "; SDK events "
                    + sdkEvents.get());
        } finally {
            global.setConfigLocation(original);
        }
    }
}

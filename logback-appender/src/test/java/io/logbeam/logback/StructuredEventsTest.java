package io.logbeam.logback;

import static net.logstash.logback.argument.StructuredArguments.array;
import static net.logstash.logback.argument.StructuredArguments.entries;
import static net.logstash.logback.argument.StructuredArguments.fields;
import static net.logstash.logback.argument.StructuredArguments.keyValue;
import static net.logstash.logback.argument.StructuredArguments.kv;
import static net.logstash.logback.argument.StructuredArguments.raw;
import static net.logstash.logback.argument.StructuredArguments.value;
import static org.assertj.core.api.Assertions.assertThat;

import io.logbeam.core.event.LoggedValues;
import io.logbeam.logback.testing.Contexts;
import io.logbeam.logback.testing.MemoryAppender;
import io.logbeam.logback.testing.MemoryDestination;
import io.logbeam.testkit.LoggedValueSamples;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.status.Status;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import net.logstash.logback.marker.Markers;
import org.slf4j.MarkerFactory;
import org.slf4j.event.KeyValuePair;
import org.slf4j.spi.LoggingEventBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Structured events through Logback, as an application logs them: every value type of {@link LoggedValueSamples}
 * arrives as its JSON (the output parsed with Jackson and compared), hostile values leave a valid, marked event,
 * logstash-logback-encoder's structured arguments and markers become key-values, and an {@code <encoder>} is refused
 * with a message saying why.
 */
class StructuredEventsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String destinationId = "memory-" + UUID.randomUUID();
    private LoggerContext context;

    @AfterEach
    void tearDown() {
        if (context != null) {
            context.stop();
        }
        MemoryDestination.reset(destinationId);
    }

    private Logger configure(String appenderBody) {
        String xml = ("<configuration>\n"
                + "  <appender name='BEAM' class='io.logbeam.logback.testing.MemoryAppender'>\n"
                + "    <destinationId>${dest}</destinationId>\n"
                + "    <maxBatchDelay>1 hour</maxBatchDelay><jmx>false</jmx>\n"
                + appenderBody
                + "  </appender>\n"
                + "  <root level='DEBUG'><appender-ref ref='BEAM'/></root>\n"
                + "</configuration>\n").replace('\'', '"');
        context = Contexts.configure("structured-test", xml, Map.of("dest", destinationId));
        return context.getLogger("com.acme.Orders");
    }

    private JsonNode shipped() {
        MemoryAppender appender = (MemoryAppender) context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("BEAM");
        assertThat(appender.flush(Duration.ofSeconds(10))).isTrue();
        List<JsonNode> events = MemoryDestination.get(destinationId).json();
        assertThat(events).hasSize(1);
        return events.get(0);
    }

    @Test
    void everyValueTypeArrivesAsItsJson() throws Exception {
        Logger logger = configure("");
        LoggingEventBuilder event = logger.atInfo();
        LoggedValueSamples.values().forEach(event::addKeyValue);
        event.log("values");

        JsonNode kv = shipped().get("kv");
        for (Map.Entry<String, String> expected : LoggedValueSamples.expectedJson().entrySet()) {
            assertThat(kv.get(expected.getKey())).as(expected.getKey()).isEqualTo(JSON.readTree(expected.getValue()));
        }
    }

    @Test
    void hostileValuesLeaveAValidMarkedEvent() {
        Logger logger = configure("");
        LoggingEventBuilder event = logger.atWarn();
        LoggedValueSamples.hostileValues().forEach(event::addKeyValue);
        event.log("hostile");

        assertThat(LoggedValueSamples.hostileEventProblems(shipped())).isEmpty();
    }

    @Test
    void theRingsByteBudgetCountsTheJsonOfValuesRenderedAtTheCall() {
        Logger logger = configure("");
        LoggingEvent event = new LoggingEvent(
                Logger.class.getName(), logger, Level.INFO, "m", null, null);
        event.addKeyValuePair(new KeyValuePair("ids", new int[10_000]));
        LogbackEventAdapter adapter = new LogbackEventAdapter();
        long plain = adapter.retainedBytes(event);

        ILoggingEvent captured = CapturedKeyValues.of(event, LoggedValues.defaults(), null);
        assertThat(adapter.retainedBytes(captured)).isGreaterThan(plain + 20_000);
    }

    @Test
    void logstashStructuredArgumentsAndMarkersBecomeKeyValues() throws Exception {
        Logger logger = configure("");
        Map<String, Object> extra = new LinkedHashMap<>();
        extra.put("region", "eu");
        extra.put("retries", 2);
        logger.info(Markers.append("order", new LoggedValueSamples.Order("o-9", List.of()))
                        .and(Markers.appendEntries(Map.of("tenant", "acme")))
                        .and(MarkerFactory.getMarker("AUDIT")),
                "paid {} {} {} {} {} {}", kv("amount", 12.5), keyValue("currency", "EUR"), value("attempt", 3),
                entries(extra), array("tags", "a", "b"), raw("payload", "{\"raw\":[1,2]}"));
        logger.info("fields {}", fields(new LoggedValueSamples.Line("sku-7", 4)));

        MemoryAppender appender = (MemoryAppender) context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("BEAM");
        assertThat(appender.flush(Duration.ofSeconds(10))).isTrue();
        List<JsonNode> events = MemoryDestination.get(destinationId).json();
        JsonNode paid = events.get(0);
        assertThat(paid.get("message").asText()).isEqualTo("paid amount=12.5 currency=EUR 3 {region=eu, retries=2} "
                + "tags=[a, b] payload={\"raw\":[1,2]}");
        assertThat(paid.get("kv")).isEqualTo(JSON.readTree("{\"amount\":12.5,\"currency\":\"EUR\",\"attempt\":3,"
                + "\"region\":\"eu\",\"retries\":2,\"tags\":[\"a\",\"b\"],\"payload\":{\"raw\":[1,2]},"
                + "\"order\":{\"id\":\"o-9\",\"lines\":[]},\"tenant\":\"acme\"}"));
        assertThat(paid.get("markers").toString()).isEqualTo("[\"AUDIT\"]");
        assertThat(events.get(1).get("kv")).isEqualTo(JSON.readTree("{\"sku\":\"sku-7\",\"quantity\":4}"));
    }

    @Test
    void anEncoderIsIgnoredWithAMessageThatSaysWhereToLook() {
        Logger logger = configure("<encoder class='ch.qos.logback.classic.encoder.PatternLayoutEncoder'>"
                .replace('\'', '"') + "<pattern>%msg</pattern></encoder>\n");
        logger.info("still shipped");

        assertThat(shipped().get("message").asText()).isEqualTo("still shipped");
        assertThat(Contexts.statusMessages(context, Status.WARN)).anySatisfy(message -> assertThat(message)
                .contains("<encoder>").contains("is ignored").contains("docs/from-logstash-logback-encoder.md"));
    }
}

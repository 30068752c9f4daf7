package io.logbeam.log4j2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.logbeam.log4j2.testing.Contexts;
import io.logbeam.log4j2.testing.MemoryDestination;
import io.logbeam.log4j2.testing.StatusCapture;
import io.logbeam.testkit.LoggedValueSamples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.message.MapMessage;
import org.apache.logging.log4j.message.ObjectMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Structured events through Log4j2, as an application logs them: every value type of {@link LoggedValueSamples} as a
 * {@code MapMessage} entry arrives as its JSON (the output parsed with Jackson and compared), an {@code ObjectMessage}'s
 * object too, hostile values leave a valid, marked event, and a nested JSON layout is ignored with a message saying
 * why.
 */
class StructuredEventsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger IDS = new AtomicInteger();

    private LoggerContext context;

    @AfterEach
    void stop() {
        if (context != null) {
            context.stop(10, TimeUnit.SECONDS);
        }
    }

    private MemoryDestination start(String nested) {
        String name = "structured-" + IDS.incrementAndGet();
        context = Contexts.start(Contexts.config("    <LogbeamMemory name=\"" + name + "\" sink=\"" + name
                + "\" jmx=\"false\" maxBatchDelay=\"20ms\">" + nested + "</LogbeamMemory>", "debug", name));
        return MemoryDestination.named(name);
    }

    private static List<JsonNode> delivered(MemoryDestination sink, int count) {
        await().atMost(Duration.ofSeconds(10)).until(() -> sink.delivered().size() >= count);
        return sink.json();
    }

    @Test
    void everyValueTypeArrivesAsItsJson() throws Exception {
        MemoryDestination sink = start("");
        MapMessage<?, Object> map = new MapMessage<>();
        LoggedValueSamples.values().forEach(map::with);
        context.getLogger("com.acme.Orders").info(map.with("message", "values"));

        JsonNode json = delivered(sink, 1).get(0);
        assertThat(json.get("message").asText()).isEqualTo("values");
        for (Map.Entry<String, String> expected : LoggedValueSamples.expectedJson().entrySet()) {
            assertThat(json.get("kv").get(expected.getKey())).as(expected.getKey())
                    .isEqualTo(JSON.readTree(expected.getValue()));
        }
    }

    @Test
    void anObjectMessagesObjectArrivesAsItsJsonAndItsTextStaysTheMessage() throws Exception {
        MemoryDestination sink = start("");
        Logger logger = context.getLogger("com.acme.Orders");
        logger.info(new LoggedValueSamples.Order("o-1", List.of(new LoggedValueSamples.Line("sku-2", 1))));
        logger.info(new ObjectMessage(Map.of("k", 1)));

        List<JsonNode> events = delivered(sink, 2);
        assertThat(events.get(0).get("message").asText()).isEqualTo("Order[id=o-1, ...]");
        assertThat(events.get(0).get("kv").get("object")).isEqualTo(JSON.readTree(
                LoggedValueSamples.expectedJson().get("pojo")));
        assertThat(events.get(1).get("kv").get("object")).isEqualTo(JSON.readTree("{\"k\":1}"));
    }

    @Test
    void hostileValuesLeaveAValidMarkedEvent() {
        MemoryDestination sink = start("");
        MapMessage<?, Object> map = new MapMessage<>();
        LoggedValueSamples.hostileValues().forEach(map::with);
        context.getLogger("com.acme.Orders").warn(map.with("message", "hostile"));

        assertThat(LoggedValueSamples.hostileEventProblems(delivered(sink, 1).get(0))).isEmpty();
    }

    @Test
    void aNestedJsonLayoutIsIgnoredWithAMessageThatSaysWhereToLook() {
        try (StatusCapture status = StatusCapture.start()) {
            MemoryDestination sink = start("<JsonLayout compact=\"true\"/>");
            context.getLogger("com.acme.Orders").info("plain text");

            assertThat(delivered(sink, 1).get(0).get("message").asText()).isEqualTo("plain text");
            assertThat(status.messages(Level.WARN)).anySatisfy(message -> assertThat(message)
                    .contains("JsonLayout is ignored").contains("docs/from-jsontemplatelayout.md"));
        }
    }
}

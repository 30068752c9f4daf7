package io.logbeam.consumer.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Compares events read back at the end of a round trip with what {@link LogbackProducer} logged, event by event. */
public final class StoredEvents {

    private static final ObjectMapper JSON = new ObjectMapper();

    private StoredEvents() {
    }

    /**
     * Asserts that {@code lines} are exactly the logged events: same count, distinct {@code log_id}s, and each
     * event's message, log type and level as logged (found through the {@code n} key-value).
     */
    public static void assertSameEvents(List<String> lines, LogbackProducer.Logged logged) {
        assertThat(lines).hasSize(logged.messages().size());
        Set<String> ids = new HashSet<>();
        Map<Integer, JsonNode> byNumber = new HashMap<>();
        for (String line : lines) {
            JsonNode event = parse(line);
            ids.add(event.get("log_id").asText());
            byNumber.put(event.at("/kv/n").asInt(-1), event);
        }
        assertThat(ids).hasSize(lines.size());
        for (int i = 0; i < logged.messages().size(); i++) {
            JsonNode event = byNumber.get(i);
            assertThat(event).as("event %d", i).isNotNull();
            assertThat(event.get("message").asText()).isEqualTo(logged.messages().get(i));
            assertThat(event.get("log_type").asText()).isEqualTo(logged.logTypes().get(i));
            assertThat(event.get("level").asText()).isEqualTo(logged.levels().get(i));
        }
    }

    public static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

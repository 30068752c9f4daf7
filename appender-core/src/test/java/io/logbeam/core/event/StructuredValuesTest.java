package io.logbeam.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.logbeam.core.testing.TestAdapter;
import io.logbeam.core.testing.TestEvent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Values logged with an event arrive as JSON, whether the adapter captured them at the call ({@link LoggedValues})
 * or hands them over as they are: each is compared, parsed with Jackson, with the JSON it should be.
 */
class StructuredValuesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ONE_MIB = 1024 * 1024;

    enum Color { RED }

    record Order(String id, int quantity, List<String> items) {
    }

    /** A bean whose getter fails. */
    public static final class Broken {
        public String getName() {
            throw new IllegalStateException("no name");
        }
    }

    /** A class Jackson can not take apart and whose toString() fails. */
    static final class Hostile {
        @Override
        public String toString() {
            throw new IllegalStateException("no text");
        }
    }

    private static JsonNode encode(JsonSchema schema, TestEvent event) throws IOException {
        EncodedEvent encoded = new EventSerializer<>(schema, new TestAdapter(), ONE_MIB, Integer.MAX_VALUE)
                .serialize(event, "app", null, null);
        JsonNode json = JSON.readTree(encoded.json());
        assertThat(json.has("truncated")).isEqualTo(encoded.truncated());
        return json;
    }

    private static JsonSchema schema() {
        return JsonSchema.builder().host("h").lambdaInfo(null).build();
    }

    /** The kv value under {@code key}, once with the value captured at the call and once as it is. */
    private static List<JsonNode> bothWays(Object value) throws IOException {
        JsonSchema schema = schema();
        JsonNode captured = encode(schema, TestEvent.of("m").kv("v", schema.loggedValues().capture(value)));
        JsonNode direct = encode(schema, TestEvent.of("m").kv("v", value));
        return List.of(captured.get("kv").get("v"), direct.get("kv").get("v"));
    }

    private static void assertWrittenAs(Object value, String expectedJson) throws IOException {
        JsonNode expected = JSON.readTree(expectedJson);
        for (JsonNode written : bothWays(value)) {
            assertThat(written).as("%s", value).isEqualTo(expected);
        }
    }

    @Test
    void scalarsAreJsonScalars() throws IOException {
        assertWrittenAs(null, "null");
        assertWrittenAs(true, "true");
        assertWrittenAs(42, "42");
        assertWrittenAs(42L, "42");
        assertWrittenAs((short) 7, "7");
        assertWrittenAs((byte) -1, "-1");
        assertWrittenAs(1.1f, "1.1");
        assertWrittenAs(2.25d, "2.25");
        assertWrittenAs(Double.NaN, "\"NaN\"");
        assertWrittenAs(Float.NEGATIVE_INFINITY, "\"-Infinity\"");
        assertWrittenAs(new BigDecimal("12.50"), "12.50");
        assertWrittenAs(new BigInteger("123456789012345678901234567890"), "123456789012345678901234567890");
        assertWrittenAs(new AtomicLong(5), "5");
        assertWrittenAs(new StringBuilder("built"), "\"built\"");
        assertWrittenAs('c', "\"c\"");
        assertWrittenAs(Color.RED, "\"RED\"");
        assertWrittenAs(UUID.fromString("4bc00590-0b77-41ba-8888-6b67ee4e3091"),
                "\"4bc00590-0b77-41ba-8888-6b67ee4e3091\"");
        assertWrittenAs(URI.create("https://example.com/a"), "\"https://example.com/a\"");
        assertWrittenAs(Instant.parse("2026-11-22T14:39:24.123Z"), "\"2026-11-22T14:39:24.123Z\"");
        assertWrittenAs(LocalDate.of(2026, 11, 22), "\"2026-11-22\"");
        assertWrittenAs(Duration.ofSeconds(90), "\"PT1M30S\"");
        assertWrittenAs(new Date(Instant.parse("2026-11-22T14:39:24.123Z").toEpochMilli()),
                "\"2026-11-22T14:39:24.123Z\"");
        assertWrittenAs(Optional.of("x"), "\"x\"");
        assertWrittenAs(Optional.empty(), "null");
        assertWrittenAs(OptionalInt.of(3), "3");
    }

    @Test
    void mapsCollectionsAndArraysAreJsonObjectsAndArrays() throws IOException {
        Map<Object, Object> map = new LinkedHashMap<>();
        map.put("k", 1);
        map.put(2, List.of("a", true));
        map.put("nested", Map.of("deep", Optional.of(1.5)));
        assertWrittenAs(map, "{\"k\":1,\"2\":[\"a\",true],\"nested\":{\"deep\":1.5}}");
        assertWrittenAs(new LinkedHashSet<>(List.of(3, 1)), "[3,1]");
        assertWrittenAs(new Object[] {"a", null, 1L}, "[\"a\",null,1]");
        assertWrittenAs(new int[] {1, 2}, "[1,2]");
        assertWrittenAs(new long[] {-3}, "[-3]");
        assertWrittenAs(new double[] {0.5, Double.POSITIVE_INFINITY}, "[0.5,\"Infinity\"]");
        assertWrittenAs(new boolean[] {true, false}, "[true,false]");
        assertWrittenAs(new byte[] {1, 2, 3, (byte) 0xff}, "\"AQID/w==\"");
        assertWrittenAs(new char[] {'h', 'i'}, "\"hi\"");
    }

    @Test
    void objectsAreWrittenThroughJackson() throws IOException {
        assertWrittenAs(new Order("o-1", 2, List.of("book")), "{\"id\":\"o-1\",\"quantity\":2,\"items\":[\"book\"]}");
        assertWrittenAs(List.of(new Order("o-2", 1, List.of())), "[{\"id\":\"o-2\",\"quantity\":1,\"items\":[]}]");
    }

    @Test
    void theUsersMapperDecidesNamingAndWithoutJacksonObjectsAreTheirText() throws IOException {
        ObjectMapper snake = new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
        record Line(String productId) {
        }
        JsonSchema snakeSchema = JsonSchema.builder().host("h").lambdaInfo(null)
                .objectConverter(ObjectConverter.jackson(snake)).build();
        JsonNode json = encode(snakeSchema, TestEvent.of("m").kv("line",
                snakeSchema.loggedValues().capture(new Line("p-1"))));
        assertThat(json.get("kv").get("line").get("product_id").asText()).isEqualTo("p-1");

        JsonSchema noJackson = JsonSchema.builder().host("h").lambdaInfo(null).objectConverter(null).build();
        json = encode(noJackson, TestEvent.of("m").kv("line", noJackson.loggedValues().capture(new Line("p-1"))));
        assertThat(json.get("kv").get("line").asText()).isEqualTo("Line[productId=p-1]");
    }

    @Test
    void anObjectIsOneLineEvenWithAPrettyPrintingMapperAndIsCutWhenLargerThanTheRoom() throws IOException {
        ObjectMapper pretty = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        JsonSchema schema = JsonSchema.builder().host("h").lambdaInfo(null)
                .objectConverter(ObjectConverter.jackson(pretty)).build();
        Object captured = schema.loggedValues().capture(new Order("o-1", 2, List.of("a", "b")));
        assertThat(captured.toString()).isEqualTo("{\"id\":\"o-1\",\"quantity\":2,\"items\":[\"a\",\"b\"]}");

        List<String> many = new ArrayList<>();
        for (int i = 0; i < 200_000; i++) {
            many.add("item-" + i);
        }
        RenderedValue big = (RenderedValue) schema.loggedValues().capture(new Order("o-2", 1, many));
        assertThat(big.truncated()).isTrue();
        assertThat(big.size()).isLessThanOrEqualTo(LoggedValues.MAX_RENDERED_BYTES);
        JsonNode json = JSON.readTree(big.toString());
        assertThat(json.get("id").asText()).isEqualTo("o-2");
        assertThat(json.get("items").get(0).asText()).isEqualTo("item-0");
    }

    @Test
    void aValueCapturedAtTheCallIsWhatArrivesEvenWhenChangedAfterwards() throws IOException {
        JsonSchema schema = schema();
        List<Object> items = new ArrayList<>(List.of("a"));
        Map<String, Object> order = new HashMap<>(Map.of("items", items));
        Object captured = schema.loggedValues().capture(order);
        items.add("b");
        order.put("late", true);

        JsonNode json = encode(schema, TestEvent.of("m").kv("order", captured));
        assertThat(json.get("kv").get("order")).isEqualTo(JSON.readTree("{\"items\":[\"a\"]}"));
        assertThat(schema.loggedValues().capture("immutable")).isSameAs("immutable");
    }

    @Test
    void failingGettersAndToStringBecomeANoteAndTheEventShips() throws IOException {
        for (JsonNode written : bothWays(new Broken())) {
            assertThat(written.asText()).startsWith("<" + Broken.class.getName() + " could not be written: ")
                    .contains("no name");
        }
        for (JsonNode written : bothWays(Map.of("h", new Hostile()))) {
            assertThat(written.get("h").asText()).contains(Hostile.class.getName()).contains("toString() threw");
        }
    }

    @Test
    void aSelfContainingMapIsCutAtTheCycle() throws IOException {
        Map<String, Object> self = new LinkedHashMap<>();
        self.put("name", "loop");
        self.put("self", self);
        JsonSchema schema = schema();
        for (Object value : List.of(self, schema.loggedValues().capture(self))) {
            JsonNode json = encode(schema, TestEvent.of("m").kv("v", value));
            assertThat(json.get("kv").get("v").get("name").asText()).isEqualTo("loop");
            assertThat(json.get("kv").get("v").get("self").asText()).startsWith("[cycle: ");
            assertThat(json.get("truncated").asBoolean()).isTrue();
        }
    }

    @Test
    void nestingIsBounded() throws IOException {
        List<Object> deep = new ArrayList<>();
        List<Object> current = deep;
        for (int i = 0; i < 100; i++) {
            List<Object> next = new ArrayList<>();
            current.add(next);
            current = next;
        }
        JsonNode json = encode(schema(), TestEvent.of("m").kv("deep", deep));
        JsonNode node = json.get("kv").get("deep");
        int depth = 0;
        while (node.isArray()) {
            node = node.get(0);
            depth++;
        }
        assertThat(depth).isEqualTo(JsonValueWriter.MAX_DEPTH);
        assertThat(node.asText()).startsWith("[nested deeper than");
        assertThat(json.get("truncated").asBoolean()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"long[]", "byte[]", "List"})
    void aTenMegabyteArrayIsCutToTheCapsAndStaysValid(String kind) throws IOException {
        Object huge;
        if (kind.equals("long[]")) {
            huge = new long[10 * ONE_MIB / 8];
        } else if (kind.equals("byte[]")) {
            huge = new byte[10 * ONE_MIB];
        } else {
            List<String> list = new ArrayList<>();
            for (int i = 0; i < ONE_MIB; i++) {
                list.add("0123456789");
            }
            huge = list;
        }
        JsonSchema schema = schema();
        Object captured = schema.loggedValues().capture(huge);
        assertThat(((RenderedValue) captured).size()).isLessThanOrEqualTo(LoggedValues.MAX_RENDERED_BYTES);
        assertThat(((RenderedValue) captured).truncated()).isTrue();

        for (Object value : List.of(huge, captured)) {
            EncodedEvent encoded = new EventSerializer<>(schema, new TestAdapter(), 256 * 1024, Integer.MAX_VALUE)
                    .serialize(TestEvent.of("m").kv("huge", value).kv("after", 1), "app", null, null);
            assertThat(encoded.json().length).isLessThanOrEqualTo(256 * 1024);
            JsonNode json = JSON.readTree(encoded.json());
            assertThat(json.get("truncated").asBoolean()).isTrue();
            assertThat(json.get("message").asText()).isEqualTo("m");
            assertThat(json.get("kv").get("after").asInt()).isEqualTo(1);
        }
    }

    @Test
    void maskingReplacesNamedKeysAtAnyDepthAndPatternMatchesInText() throws IOException {
        JsonSchema schema = JsonSchema.builder().host("h").lambdaInfo(null)
                .masking(Masking.of(List.of("password", "Authorization"), Pattern.compile("\\b\\d{16}\\b"))).build();
        Map<String, Object> login = new LinkedHashMap<>();
        login.put("user", "ann");
        login.put("PASSWORD", "hunter2");
        login.put("note", "card 4111111111111111 used");
        TestEvent event = TestEvent.of("paid with 4111111111111111").mdc("authorization", "Bearer x")
                .mdc("trace", "card 4111111111111111").kv("login", schema.loggedValues().capture(login))
                .kv("password", "p").kv("raw", List.of(Map.of("password", "q")));

        JsonNode json = encode(schema, event);
        assertThat(json.get("message").asText()).isEqualTo("paid with ****");
        assertThat(json.get("mdc").get("authorization").asText()).isEqualTo("****");
        assertThat(json.get("mdc").get("trace").asText()).isEqualTo("card ****");
        assertThat(json.get("kv").get("login")).isEqualTo(JSON.readTree(
                "{\"user\":\"ann\",\"PASSWORD\":\"****\",\"note\":\"card **** used\"}"));
        assertThat(json.get("kv").get("password").asText()).isEqualTo("****");
        assertThat(json.get("kv").get("raw").get(0).get("password").asText()).isEqualTo("****");
        assertThat(new String(new EventSerializer<>(schema, new TestAdapter(), ONE_MIB, Integer.MAX_VALUE)
                .serialize(event, "app", null, null).json())).doesNotContain("hunter2", "4111111111111111", "Bearer");
    }

    @Test
    void includeAndExcludeListsChooseTheMdcAndKeyValueKeys() throws IOException {
        JsonSchema schema = JsonSchema.builder().host("h").lambdaInfo(null)
                .mdcKeys(KeyFilter.only(List.of("request_id"))).keyValueKeys(KeyFilter.allBut(List.of("debug")))
                .build();
        JsonNode json = encode(schema, TestEvent.of("m").mdc("request_id", "r1").mdc("session", "s")
                .kv("debug", "x").kv("amount", 3));
        assertThat(json.get("mdc")).isEqualTo(JSON.readTree("{\"request_id\":\"r1\"}"));
        assertThat(json.get("kv")).isEqualTo(JSON.readTree("{\"amount\":3}"));

        JsonNode none = encode(schema, TestEvent.of("m").mdc("session", "s").kv("debug", "x"));
        assertThat(none.has("mdc")).isFalse();
        assertThat(none.has("kv")).isFalse();
    }

    @Test
    void staticFieldsMayBeJsonValues() throws IOException {
        JsonSchema schema = JsonSchema.builder().host("h").lambdaInfo(null).staticField("env", "prod")
                .staticField("replicas", 3L).staticField("canary", false)
                .staticField("owner", Map.of("team", "payments")).build();
        JsonNode json = encode(schema, TestEvent.of("m"));
        assertThat(json.get("env").asText()).isEqualTo("prod");
        assertThat(json.get("replicas").isIntegralNumber()).isTrue();
        assertThat(json.get("canary").isBoolean()).isTrue();
        assertThat(json.get("owner")).isEqualTo(JSON.readTree("{\"team\":\"payments\"}"));
    }
}

package io.logbeam.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.logbeam.core.json.HostileStrings;
import io.logbeam.core.testing.TestAdapter;
import io.logbeam.core.testing.TestEvent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventSerializerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ONE_MIB = 1024 * 1024;

    private final JsonSchema schema = JsonSchema.builder().host("test-host").lambdaInfo(null).build();

    private EventSerializer<TestEvent> serializer(int maxBytes) {
        return new EventSerializer<>(schema, new TestAdapter(), maxBytes, Integer.MAX_VALUE);
    }

    private static JsonNode parse(EncodedEvent e) throws IOException {
        return JSON.readTree(e.json());
    }

    @Test
    void writesTheRoutingKeysFirstThenTheEventFields() throws IOException {
        TestEvent event = TestEvent.of("order placed").at(Instant.parse("2026-11-22T14:39:24.123Z").toEpochMilli())
                .mdc("user", "u1").kv("amount", 42).kv("price", new BigDecimal("9.99")).kv("ok", true);
        event.markers = new String[] {"AUDIT"};

        EncodedEvent encoded = serializer(ONE_MIB).serialize(event, "orders", null, null);
        JsonNode json = parse(encoded);

        Iterator<String> names = json.fieldNames();
        assertThat(List.of(names.next(), names.next(), names.next())).containsExactly("log_type", "log_id", "time");
        assertThat(json.get("log_type").asText()).isEqualTo("orders");
        assertThat(UUID.fromString(json.get("log_id").asText()).version()).as("uuid7 by default").isEqualTo(7);
        assertThat(json.get("time").asText()).isEqualTo("2026-11-22T14:39:24.123Z");
        assertThat(json.get("level").asText()).isEqualTo("INFO");
        assertThat(json.get("logger").asText()).isEqualTo("com.acme.Orders");
        assertThat(json.get("message").asText()).isEqualTo("order placed");
        assertThat(json.get("mdc").get("user").asText()).isEqualTo("u1");
        assertThat(json.get("kv").get("amount").isIntegralNumber()).isTrue();
        assertThat(json.get("kv").get("price").decimalValue()).isEqualByComparingTo("9.99");
        assertThat(json.get("kv").get("ok").asBoolean()).isTrue();
        assertThat(json.get("markers").get(0).asText()).isEqualTo("AUDIT");
        assertThat(json.get("host").asText()).isEqualTo("test-host");
        assertThat(json.has("truncated")).isFalse();
        assertThat(encoded.truncated()).isFalse();
        assertThat(encoded.logType()).isEqualTo("orders");
    }

    @Test
    void consecutiveEventsAreSeparateObjectsWithDistinctIds() throws IOException {
        EventSerializer<TestEvent> s = serializer(ONE_MIB);
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            JsonNode json = parse(s.serialize(TestEvent.of("m" + i), "app", null, null));
            assertThat(json.get("message").asText()).isEqualTo("m" + i);
            ids.add(json.get("log_id").asText());
        }
        assertThat(ids).hasSize(10_000);
    }

    @Test
    void theSchemaChoosesTheLogIdFormat() throws IOException {
        JsonSchema v4 = JsonSchema.builder().host("h").lambdaInfo(null).logIdFormat(LogIdFormat.UUID4).build();
        EventSerializer<TestEvent> s = new EventSerializer<>(v4, new TestAdapter(), ONE_MIB, Integer.MAX_VALUE);
        JsonNode json = parse(s.serialize(TestEvent.of("m"), "app", null, null));
        assertThat(UUID.fromString(json.get("log_id").asText()).version()).isEqualTo(4);
    }

    @Test
    void keyNamesAreConfigurableAndOptionalFieldsFollowTheSchema() throws IOException {
        JsonSchema custom = JsonSchema.builder().logTypeKey("type").logIdKey("id").timeKey("@timestamp")
                .timeMillisKey("ts").rename("message", "msg").includeMdc(false).includeHost(false)
                .staticField("env", "prod").lambdaInfo(null).build();
        EventSerializer<TestEvent> s = new EventSerializer<>(custom, new TestAdapter(), ONE_MIB, Integer.MAX_VALUE);

        JsonNode json = parse(s.serialize(TestEvent.of("hi").mdc("a", "b").at(1_000L), "t", null, null));

        assertThat(json.get("type").asText()).isEqualTo("t");
        assertThat(json.has("id")).isTrue();
        assertThat(json.get("@timestamp").asText()).isEqualTo("1970-01-01T00:00:01.000Z");
        assertThat(json.get("ts").asLong()).isEqualTo(1_000L);
        assertThat(json.get("msg").asText()).isEqualTo("hi");
        assertThat(json.has("mdc")).isFalse();
        assertThat(json.has("host")).isFalse();
        assertThat(json.get("env").asText()).isEqualTo("prod");
    }

    @Test
    void constantFieldsAreWrittenTheSameWhetherEncodedOnceOrPerEvent() throws IOException {
        String longValue = "v\"\u00e9".repeat(2_000); // beyond what is encoded once: written per attempt, capped
        JsonSchema constants = JsonSchema.builder().host("h\u00f6st\"1").staticField("env", "prod\n")
                .staticField("long", longValue).staticField("after", "x").lambdaInfo(null).build();
        EventSerializer<TestEvent> s = new EventSerializer<>(constants, new TestAdapter(), ONE_MIB, Integer.MAX_VALUE);

        for (int i = 0; i < 2; i++) {
            JsonNode json = parse(s.serialize(TestEvent.of("hi").mdc("a", "b"), "t", null, null));
            assertThat(json.get("host").asText()).isEqualTo("h\u00f6st\"1");
            assertThat(json.get("env").asText()).isEqualTo("prod\n");
            assertThat(json.get("long").asText()).isEqualTo(longValue);
            assertThat(json.get("after").asText()).isEqualTo("x");
            assertThat(json.has("truncated")).isFalse();
        }
        // In the minimal form (an event too large even when cut) the long value obeys the 1,024-byte cap.
        EventSerializer<TestEvent> small = new EventSerializer<>(constants, new TestAdapter(),
                EventSerializer.MIN_EVENT_BYTES, Integer.MAX_VALUE);
        JsonNode minimal = parse(small.serialize(TestEvent.of("m").mdc("k", "x".repeat(20_000)), "t", null, null));
        assertThat(minimal.get("long").asText().length()).isLessThan(1_024);
        assertThat(minimal.get("env").asText()).isEqualTo("prod\n");
        assertThat(minimal.get("truncated").asBoolean()).isTrue();
    }

    @Test
    void hostileTextAlwaysYieldsValidJsonThatRoundTrips() throws IOException {
        Random random = new Random(42);
        EventSerializer<TestEvent> s = serializer(ONE_MIB);
        for (int i = 0; i < 5_000; i++) {
            String message = HostileStrings.hostileString(random, random.nextInt(200));
            String key = HostileStrings.hostileString(random, 1 + random.nextInt(10));
            String value = HostileStrings.hostileString(random, random.nextInt(50));
            TestEvent event = TestEvent.of(message).mdc(key, value).kv(key, value);

            EncodedEvent encoded = s.serialize(event, "app", null, null);
            JsonNode json = parse(encoded);

            assertThat(json.get("message").asText()).isEqualTo(HostileStrings.repaired(message));
            assertThat(json.get("mdc").get(HostileStrings.repaired(key)).asText()).isEqualTo(HostileStrings.repaired(value));
            assertThat(json.get("kv").get(HostileStrings.repaired(key)).asText()).isEqualTo(HostileStrings.repaired(value));
            assertThat(new String(encoded.json(), java.nio.charset.StandardCharsets.UTF_8).getBytes(
                    java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(encoded.json()); // valid UTF-8
        }
    }

    @Test
    void nullMessageAndNullValuesAreValidJson() throws IOException {
        TestEvent event = TestEvent.of(null).mdc("k", null).kv("n", null).kv(null, "v");
        JsonNode json = parse(serializer(ONE_MIB).serialize(event, "app", null, null));
        assertThat(json.get("message").isNull()).isTrue();
        assertThat(json.get("mdc").get("k").isNull()).isTrue();
        assertThat(json.get("kv").get("null").asText()).isEqualTo("v");
    }

    @Test
    void aHugeMessageIsCutToFitAndMarked() throws IOException {
        String tenMegabytes = "é".repeat(5 * ONE_MIB); // 10 MiB of UTF-8
        EncodedEvent encoded = serializer(ONE_MIB).serialize(TestEvent.of(tenMegabytes).mdc("k", "v"), "app", null, null);

        assertThat(encoded.size()).isLessThanOrEqualTo(ONE_MIB);
        JsonNode json = parse(encoded);
        assertThat(json.get("truncated").asBoolean()).isTrue();
        assertThat(encoded.truncated()).isTrue();
        String message = json.get("message").asText();
        assertThat(tenMegabytes).startsWith(message);
        assertThat(message.length()).isGreaterThan(ONE_MIB / 2 - 1024); // cut to what fits, not arbitrarily
        assertThat(json.get("mdc").get("k").asText()).isEqualTo("v");
    }

    @Test
    void maxMessageBytesCutsEvenWhenTheEventWouldFit() throws IOException {
        EventSerializer<TestEvent> s = new EventSerializer<>(schema, new TestAdapter(), ONE_MIB, 10);
        JsonNode json = parse(s.serialize(TestEvent.of("0123456789abcdef"), "app", null, null));
        assertThat(json.get("message").asText()).isEqualTo("0123456789");
        assertThat(json.get("truncated").asBoolean()).isTrue();
    }

    @Test
    void tenThousandMdcEntriesAndAHugeStackStillFit() throws IOException {
        TestEvent event = TestEvent.of("many");
        for (int i = 0; i < 10_000; i++) {
            event.mdc("key" + i, "v".repeat(200));
        }
        event.thrown(deepException(5_000));
        int limit = 256 * 1024;

        EncodedEvent encoded = serializer(limit).serialize(event, "app", null, null);

        assertThat(encoded.size()).isLessThanOrEqualTo(limit);
        JsonNode json = parse(encoded);
        assertThat(json.get("truncated").asBoolean()).isTrue();
        assertThat(json.get("message").asText()).isEqualTo("many");
        assertThat(json.get("exception").get("class").asText()).isEqualTo(IllegalStateException.class.getName());
    }

    @Test
    void cyclicCausesAndThrowingAccessorsAreSafe() throws IOException {
        Exception a = new Exception("a");
        Exception b = new Exception("b", a);
        a.initCause(b); // a -> b -> a
        RuntimeException nasty = new RuntimeException("outer", a) {
            @Override
            public String getMessage() {
                throw new UnsupportedOperationException("no message for you");
            }
        };
        nasty.addSuppressed(new IllegalArgumentException("suppressed"));
        Object badValue = new Object() {
            @Override
            public String toString() {
                throw new IllegalStateException("boom");
            }
        };

        JsonNode json = parse(serializer(ONE_MIB).serialize(TestEvent.of("x").thrown(nasty).kv("bad", badValue),
                "app", null, null));

        JsonNode exception = json.get("exception");
        assertThat(exception.get("message").asText()).contains("getMessage() threw");
        assertThat(exception.get("stack").asText()).contains("CIRCULAR REFERENCE").contains("Suppressed: ")
                .contains("Caused by: java.lang.Exception: a");
        assertThat(exception.get("causes")).hasSize(2);
        assertThat(json.get("kv").get("bad").asText()).contains("toString() threw java.lang.IllegalStateException");
    }

    @Test
    void anAdapterThatThrowsStillYieldsAnEventSayingSo() throws IOException {
        TestAdapter broken = new TestAdapter() {
            @Override
            public void writeFields(TestEvent event, FieldWriter out) {
                throw new IllegalStateException("adapter bug");
            }
        };
        EventSerializer<TestEvent> s = new EventSerializer<>(schema, broken, ONE_MIB, Integer.MAX_VALUE);

        EncodedEvent encoded = s.serialize(TestEvent.of("lost?"), "app", null, null);

        JsonNode json = parse(encoded);
        assertThat(json.get("log_type").asText()).isEqualTo("app");
        assertThat(json.get("encoding_error").asText()).contains("adapter bug");
        assertThat(json.get("truncated").asBoolean()).isTrue();
        // and the serializer still works afterwards
        assertThat(parse(serializer(ONE_MIB).serialize(TestEvent.of("ok"), "app", null, null)).get("message").asText())
                .isEqualTo("ok");
    }

    @Test
    void lambdaFieldsAppearOnlyInLambda() throws IOException {
        JsonSchema inLambda = JsonSchema.builder().host("h")
                .lambdaInfo(JsonSchema.LambdaInfo.fromEnvironment(Map.of("AWS_LAMBDA_FUNCTION_NAME", "orders-fn",
                        "AWS_LAMBDA_FUNCTION_VERSION", "7")))
                .build();
        EventSerializer<TestEvent> s = new EventSerializer<>(inLambda, new TestAdapter(), ONE_MIB, Integer.MAX_VALUE);

        JsonNode json = parse(s.serialize(TestEvent.of("x").mdc("AWSRequestId", "req-1"), "app", null, null));

        assertThat(json.get("lambda").get("function").asText()).isEqualTo("orders-fn");
        assertThat(json.get("lambda").get("version").asText()).isEqualTo("7");
        assertThat(json.get("lambda").get("request_id").asText()).isEqualTo("req-1");
        assertThat(parse(serializer(ONE_MIB).serialize(TestEvent.of("x"), "app", null, null)).has("lambda")).isFalse();
    }

    private static Exception deepException(int depth) {
        IllegalStateException e = new IllegalStateException("root " + "x".repeat(10_000));
        StackTraceElement[] frames = new StackTraceElement[depth];
        for (int i = 0; i < depth; i++) {
            frames[i] = new StackTraceElement("com.acme.Deep", "level" + i, "Deep.java", i);
        }
        e.setStackTrace(frames);
        return e;
    }

    @Test
    void aCauseChainDeeperThanTheCapIsCutAndTheEventSaysSo() throws IOException {
        Throwable deep = new IllegalStateException("cause 499");
        for (int i = 498; i >= 0; i--) {
            deep = new IllegalStateException("cause " + i, deep);
        }
        TestEvent event = TestEvent.of("deep");
        event.thrown = deep;

        EncodedEvent encoded = serializer(ONE_MIB).serialize(event, "app", null, null);
        JsonNode json = parse(encoded);

        assertThat(encoded.truncated()).isTrue();
        assertThat(json.get("truncated").asBoolean()).isTrue();
        assertThat(json.get("exception").get("stack").asText())
                .contains("[... causes beyond depth " + ThrowableFormatter.MAX_DEPTH + " omitted]");
        assertThat(json.get("exception").get("causes")).hasSize(ThrowableFormatter.MAX_DEPTH - 1);
    }

    @Test
    void aCauseChainWithinTheCapIsWholeAndNotMarked() throws IOException {
        Throwable chain = new IllegalStateException("root");
        for (int i = 0; i < ThrowableFormatter.MAX_DEPTH - 2; i++) {
            chain = new IllegalStateException("wrap " + i, chain);
        }
        TestEvent event = TestEvent.of("chain");
        event.thrown = chain;

        JsonNode json = parse(serializer(ONE_MIB).serialize(event, "app", null, null));

        assertThat(json.has("truncated")).isFalse();
        assertThat(json.get("exception").get("stack").asText()).contains("Caused by: java.lang.IllegalStateException: root")
                .doesNotContain("omitted");
    }
}

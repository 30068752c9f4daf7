package io.logbeam.log4j2;

import static org.assertj.core.api.Assertions.assertThat;

import io.logbeam.core.event.EventSerializer;
import io.logbeam.core.event.JsonSchema;
import io.logbeam.log4j2.testing.ReusedEvent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.Marker;
import org.apache.logging.log4j.MarkerManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.impl.ContextDataFactory;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.apache.logging.log4j.message.MapMessage;
import org.apache.logging.log4j.message.Message;
import org.apache.logging.log4j.message.ObjectMessage;
import org.apache.logging.log4j.message.SimpleMessage;
import org.apache.logging.log4j.message.StringMapMessage;
import org.apache.logging.log4j.message.StructuredDataMessage;
import org.apache.logging.log4j.spi.MutableThreadContextStack;
import org.apache.logging.log4j.util.StringMap;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class Log4j2EventAdapterTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Log4j2EventAdapter encoder = new Log4j2EventAdapter();

    /** A carrier filled from {@code event}, as the appender publishes it. */
    private static Log4j2EventCarrier copy(LogEvent event, boolean captureLocation) {
        Log4j2EventCarrier carrier = new Log4j2EventCarrier();
        carrier.copyFrom(event, captureLocation);
        return carrier;
    }

    /** Encodes {@code event} as the consumer does: from the carrier the appender filled (if it is not one yet). */
    private static JsonNode encode(LogEvent event, Log4j2EventAdapter encoder, boolean callerData) throws IOException {
        if (!(event instanceof Log4j2EventCarrier)) {
            event = copy(event, callerData);
        }
        JsonSchema schema = JsonSchema.builder().host("test-host").lambdaInfo(null).includeCallerData(callerData).build();
        EventSerializer<LogEvent> serializer = new EventSerializer<>(schema, encoder, 1024 * 1024, Integer.MAX_VALUE);
        return JSON.readTree(serializer.serialize(event, "app", null, null).json());
    }

    private JsonNode encode(LogEvent event) throws IOException {
        return encode(event, encoder, false);
    }

    private static Log4jLogEvent.Builder event(Message message) {
        return Log4jLogEvent.newBuilder().setLoggerName("com.acme.Orders").setLoggerFqcn("org.example.Fqcn")
                .setLevel(Level.WARN).setMessage(message).setThreadName("worker-1")
                .setTimeMillis(Instant.parse("2026-11-22T14:39:24.123Z").toEpochMilli());
    }

    @Test
    void writesLevelLoggerThreadMessageAndTime() throws IOException {
        JsonNode json = encode(event(new SimpleMessage("order placed")).build());

        assertThat(json.get("time").asText()).isEqualTo("2026-11-22T14:39:24.123Z");
        assertThat(json.get("level").asText()).isEqualTo("WARN");
        assertThat(json.get("logger").asText()).isEqualTo("com.acme.Orders");
        assertThat(json.get("thread").asText()).isEqualTo("worker-1");
        assertThat(json.get("message").asText()).isEqualTo("order placed");
        assertThat(json.has("mdc")).isFalse();
        assertThat(json.has("kv")).isFalse();
        assertThat(json.has("markers")).isFalse();
        assertThat(json.has("ndc")).isFalse();
        assertThat(json.has("exception")).isFalse();
        assertThat(json.has("caller")).isFalse();
    }

    @Test
    void contextMapAndStackBecomeMdcAndNdc() throws IOException {
        StringMap context = ContextDataFactory.createContextData();
        context.putValue("user", "u1");
        context.putValue("attempt", 3); // a custom ContextDataInjector may put non-string values
        LogEvent event = event(new SimpleMessage("m")).setContextData(context)
                .setContextStack(new MutableThreadContextStack(List.of("outer", "inner"))).build();

        JsonNode json = encode(event);

        assertThat(json.get("mdc").get("user").asText()).isEqualTo("u1");
        assertThat(json.get("mdc").get("attempt").asText()).isEqualTo("3");
        assertThat(json.get("ndc").get(0).asText()).isEqualTo("outer");
        assertThat(json.get("ndc").get(1).asText()).isEqualTo("inner");
        assertThat(encoder.mdcValue(event, "user")).isEqualTo("u1");
        assertThat(encoder.mdcValue(event, "attempt")).isEqualTo("3");
        assertThat(encoder.mdcValue(event, "missing")).isNull();
    }

    @Test
    void markersAreWrittenWithTheirParentsOnce() throws IOException {
        Marker root = MarkerManager.getMarker("ENC_ROOT");
        Marker audit = MarkerManager.getMarker("ENC_AUDIT").addParents(root);
        Marker security = MarkerManager.getMarker("ENC_SECURITY").addParents(root);
        Marker login = MarkerManager.getMarker("ENC_LOGIN").addParents(audit, security);

        JsonNode json = encode(event(new SimpleMessage("m")).setMarker(login).build());

        assertThat(json.get("markers")).extracting(JsonNode::asText)
                .containsExactly("ENC_LOGIN", "ENC_AUDIT", "ENC_ROOT", "ENC_SECURITY");
    }

    @Test
    void markerValueIsNullWithoutAMarkerOrWithoutAMatchingOne() {
        assertThat(encoder.markerValue(event(new SimpleMessage("m")).build(), "log_type:")).isNull();
        assertThat(encoder.markerValue(event(new SimpleMessage("m")).setMarker(MarkerManager.getMarker("ENC_OTHER"))
                .build(), "log_type:")).isNull();
        assertThat(encoder.markerValue(event(new SimpleMessage("m")).setMarker(MarkerManager.getMarker("log_type:"))
                .build(), "log_type:")).as("the prefix alone").isNull();
    }

    @Test
    void markerValueLooksAtTheMarkerFirstThenAtItsParentsLevelByLevel() {
        Marker typed = MarkerManager.getMarker("log_type:enc-parent");
        Marker audit = MarkerManager.getMarker("ENC_TYPED_AUDIT").addParents(MarkerManager.getMarker("ENC_TYPED_ALL"),
                typed);
        Marker login = MarkerManager.getMarker("ENC_TYPED_LOGIN").addParents(audit);

        assertThat(encoder.markerValue(event(new SimpleMessage("m")).setMarker(audit).build(), "log_type:"))
                .isEqualTo("enc-parent");
        assertThat(encoder.markerValue(event(new SimpleMessage("m")).setMarker(login).build(), "log_type:"))
                .as("a grandparent").isEqualTo("enc-parent");
        Marker own = MarkerManager.getMarker("log_type:enc-own").addParents(audit);
        assertThat(encoder.markerValue(event(new SimpleMessage("m")).setMarker(own).build(), "log_type:"))
                .as("the event's own marker first").isEqualTo("enc-own");
    }

    @Test
    void markerValueFollowsParentsDownToTheDepthLimitOnly() {
        Marker atLimit = chainAbove(Log4j2EventAdapter.MAX_MARKER_DEPTH, "log_type:at-limit", "ENC_CHAIN_A");
        assertThat(encoder.markerValue(event(new SimpleMessage("m")).setMarker(atLimit).build(), "log_type:"))
                .isEqualTo("at-limit");
        Marker tooDeep = chainAbove(Log4j2EventAdapter.MAX_MARKER_DEPTH + 1, "log_type:too-deep", "ENC_CHAIN_B");
        assertThat(encoder.markerValue(event(new SimpleMessage("m")).setMarker(tooDeep).build(), "log_type:"))
                .isNull();
    }

    @Test
    void parentsNestedDeeperThanTheLimitAreLeftOutAndTheEventSaysSo() throws IOException {
        Marker atLimit = chainAbove(Log4j2EventAdapter.MAX_MARKER_DEPTH, "ENC_AT_LIMIT", "ENC_CHAIN_C");
        JsonNode whole = encode(event(new SimpleMessage("m")).setMarker(atLimit).build());
        assertThat(whole.get("markers").toString()).contains("ENC_AT_LIMIT");
        assertThat(whole.has("truncated")).isFalse();

        Marker tooDeep = chainAbove(Log4j2EventAdapter.MAX_MARKER_DEPTH + 1, "ENC_TOO_DEEP", "ENC_CHAIN_D");
        JsonNode cut = encode(event(new SimpleMessage("m")).setMarker(tooDeep).build());
        assertThat(cut.get("markers").toString()).doesNotContain("ENC_TOO_DEEP");
        assertThat(cut.get("truncated").asBoolean()).isTrue();
    }

    /** A marker whose ancestor {@code depth} levels up is named {@code top}. */
    private static Marker chainAbove(int depth, String top, String names) {
        Marker current = MarkerManager.getMarker(top);
        for (int level = depth - 1; level >= 0; level--) {
            current = MarkerManager.getMarker(names + "_" + level).setParents(current);
        }
        return current;
    }

    @Test
    void markerValueEndsOnACyclicParentGraph() {
        CyclicMarker a = new CyclicMarker("ENC_CYCLE_A");
        CyclicMarker b = new CyclicMarker("ENC_CYCLE_B");
        a.parents = new Marker[] {b};
        b.parents = new Marker[] {a};

        assertThat(encoder.markerValue(event(new SimpleMessage("m")).setMarker(a).build(), "log_type:")).isNull();

        b.parents = new Marker[] {a, new CyclicMarker("log_type:enc-cycle")};
        assertThat(encoder.markerValue(event(new SimpleMessage("m")).setMarker(a).build(), "log_type:"))
                .isEqualTo("enc-cycle");
    }

    /** A marker whose parents may form a cycle, whatever MarkerManager's own markers allow. */
    private static final class CyclicMarker implements Marker {
        private static final long serialVersionUID = 1L;
        private final String name;
        private Marker[] parents;

        CyclicMarker(String name) {
            this.name = name;
        }

        @Override
        public Marker addParents(Marker... markers) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String getName() {
            return name;
        }

        @Override
        public Marker[] getParents() {
            return parents;
        }

        @Override
        public boolean hasParents() {
            return parents != null && parents.length > 0;
        }

        @Override
        public boolean isInstanceOf(Marker m) {
            return false;
        }

        @Override
        public boolean isInstanceOf(String name) {
            return false;
        }

        @Override
        public boolean remove(Marker marker) {
            return false;
        }

        @Override
        public Marker setParents(Marker... markers) {
            this.parents = markers;
            return this;
        }
    }

    @Test
    void mapMessageEntriesAreKeyValuesWithTheirJsonTypes() throws IOException {
        MapMessage<?, Object> map = new MapMessage<>();
        map.with("orderId", "o-1").with("amount", 42).with("price", new BigDecimal("9.99")).with("paid", true)
                .with("log_type", "orders");
        LogEvent event = event(map).build();

        JsonNode json = encode(event);

        assertThat(json.get("kv").get("orderId").asText()).isEqualTo("o-1");
        assertThat(json.get("kv").get("amount").isIntegralNumber()).isTrue();
        assertThat(json.get("kv").get("price").decimalValue()).isEqualByComparingTo("9.99");
        assertThat(json.get("kv").get("paid").isBoolean()).isTrue();
        assertThat(encoder.keyValue(event, "log_type")).isEqualTo("orders");
        assertThat(encoder.keyValue(event, "amount")).isEqualTo(42);
        assertThat(encoder.keyValue(event, "missing")).isNull();
        // Without a "message" entry, the message is Log4j2's own rendering of the map.
        assertThat(json.get("message").asText()).contains("orderId=\"o-1\"");
    }

    @Test
    void aMessageEntryOfAStringMapMessageIsTheMessage() throws IOException {
        StringMapMessage map = new StringMapMessage().with("message", "order placed").with("orderId", "o-1");

        JsonNode json = encode(event(map).build());

        assertThat(json.get("message").asText()).isEqualTo("order placed");
        assertThat(json.get("kv").has("message")).isFalse();
        assertThat(json.get("kv").get("orderId").asText()).isEqualTo("o-1");
    }

    @Test
    void aStructuredDataMessageKeepsItsFreeTextAsTheMessage() throws IOException {
        StructuredDataMessage sd = new StructuredDataMessage("id@1", "user logged in", "Audit");
        sd.put("user", "u1");

        JsonNode json = encode(event(sd).build());

        assertThat(json.get("message").asText()).isEqualTo("user logged in");
        assertThat(json.get("kv").get("user").asText()).isEqualTo("u1");
    }

    @Test
    void otherMessagesHaveNoKeyValues() {
        assertThat(encoder.keyValue(event(new SimpleMessage("m")).build(), "m")).isNull();
    }

    @Test
    void anObjectMessageIsItsObjectsTextAndAStructuredObjectIsAlsoItsJson() throws IOException {
        JsonNode json = encode(event(new ObjectMessage(List.of(1, 2))).build());

        assertThat(json.get("message").asText()).isEqualTo("[1, 2]");
        assertThat(json.get("kv").get("object").toString()).isEqualTo("[1,2]");

        JsonNode text = encode(event(new ObjectMessage("just text")).build());
        assertThat(text.get("message").asText()).isEqualTo("just text");
        assertThat(text.has("kv")).as("a scalar is the message alone").isFalse();
    }

    @Test
    void theThrowableIsTheException() throws IOException {
        IllegalStateException thrown = new IllegalStateException("no stock", new java.io.IOException("disk"));

        JsonNode json = encode(event(new SimpleMessage("failed")).setThrown(thrown).build());

        assertThat(json.get("exception").get("class").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(json.get("exception").get("message").asText()).isEqualTo("no stock");
        assertThat(json.get("exception").get("stack").asText()).contains("Log4j2EventAdapterTest");
        assertThat(json.get("exception").get("causes").get(0).get("class").asText()).isEqualTo("java.io.IOException");
    }

    @Test
    void callerIsWrittenOnlyWithIncludeCallerData() throws IOException {
        StackTraceElement source = new StackTraceElement("com.acme.Orders", "place", "Orders.java", 42);
        LogEvent event = event(new SimpleMessage("m")).setSource(source).build();

        assertThat(encode(event, encoder, false).has("caller")).isFalse();
        JsonNode caller = encode(event, encoder, true).get("caller");
        assertThat(caller.get("class").asText()).isEqualTo("com.acme.Orders");
        assertThat(caller.get("method").asText()).isEqualTo("place");
        assertThat(caller.get("file").asText()).isEqualTo("Orders.java");
        assertThat(caller.get("line").asInt()).isEqualTo(42);
    }

    @Test
    void includeFlagsLeaveSectionsOut() throws IOException {
        StringMap context = ContextDataFactory.createContextData();
        context.putValue("user", "u1");
        LogEvent event = event(new StringMapMessage().with("k", "v")).setContextData(context)
                .setMarker(MarkerManager.getMarker("ENC_FLAGS"))
                .setContextStack(new MutableThreadContextStack(List.of("outer"))).build();
        JsonSchema schema = JsonSchema.builder().host("h").lambdaInfo(null).includeMdc(false).includeKeyValues(false)
                .includeMarkers(false).build();

        JsonNode json = JSON.readTree(new EventSerializer<>(schema, encoder, 1024 * 1024, Integer.MAX_VALUE)
                .serialize(event, "app", null, null).json());

        assertThat(json.has("mdc")).isFalse();
        assertThat(json.has("ndc")).isFalse();
        assertThat(json.has("kv")).isFalse();
        assertThat(json.has("markers")).isFalse();
    }

    @Test
    void aNestedLayoutRendersTheMessageField() throws IOException {
        PatternLayout layout = PatternLayout.newBuilder().withPattern("%level %logger{1}: %msg").build();

        JsonNode json = encode(event(new SimpleMessage("order placed")).build(), new Log4j2EventAdapter(layout), false);

        assertThat(json.get("message").asText()).isEqualTo("WARN Orders: order placed");
        assertThat(json.get("level").asText()).isEqualTo("WARN");
    }

    @Test
    void theSnapshotOfAReusedEventKeepsWhatWasLogged() throws IOException {
        // Garbage-free mode: Log4j2 reuses the event and the message object for the next log call.
        ReusedEvent reused = new ReusedEvent();

        Log4j2EventCarrier snapshot = copy(reused.event, false);
        reused.reuseForNext();

        JsonNode json = encode(snapshot);
        assertThat(json.get("message").asText()).isEqualTo("value=before");
        assertThat(json.get("level").asText()).isEqualTo("INFO");
        assertThat(json.get("thread").asText()).isEqualTo("app-thread");
        assertThat(json.get("mdc").get("user").asText()).isEqualTo("u1");
    }

    @Test
    void theSnapshotNeverComputesTheLocationLater() {
        // An event that may compute its location lazily (from the calling thread's stack) must not do so on the
        // consumer thread: that stack belongs to Logbeam.
        LogEvent lazy = event(new SimpleMessage("m")).setIncludeLocation(true).build();

        Log4j2EventCarrier withoutCaller = copy(lazy, false);

        assertThat(withoutCaller.getSource()).isNull();
        Log4j2EventCarrier withCaller = copy(event(new SimpleMessage("m")).setIncludeLocation(true)
                .setLoggerFqcn(Log4j2EventAdapterTest.class.getName()).build(), true);
        assertThat(withCaller.getSource()).isNotNull();
    }

    @Test
    void aMessageWhoseToStringThrowsStillShipsTheEvent() throws IOException {
        Object evil = new Object() {
            @Override
            public String toString() {
                throw new IllegalStateException("boom");
            }
        };
        Log4j2EventCarrier snapshot = copy(event(new ObjectMessage(evil)).setThrown(new RuntimeException("x"))
                .build(), false);

        JsonNode json = encode(snapshot);

        assertThat(json.get("message").asText()).contains("could not be formatted").contains("boom");
        assertThat(json.get("logger").asText()).isEqualTo("com.acme.Orders");
        assertThat(json.get("exception").get("message").asText()).isEqualTo("x");
    }
}

package io.logbeam.logback;

import io.logbeam.core.event.EventSerializer;
import io.logbeam.core.event.JsonSchema;
import io.logbeam.core.event.RetainedBytes;
import io.logbeam.logback.testing.Contexts;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEventVO;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.slf4j.Marker;
import org.slf4j.MarkerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The mapping of Logback events to the JSON schema, through the core's serializer. */
class LogbackEventAdapterTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LogbackEventAdapter encoder = new LogbackEventAdapter();
    private LoggerContext context;
    private ListAppender<ILoggingEvent> captured;
    private Logger logger;

    @BeforeEach
    void setUp() {
        context = Contexts.fresh("encoder-test");
        captured = new ListAppender<>();
        captured.setContext(context);
        captured.start();
        logger = context.getLogger("com.acme.Orders");
        logger.setLevel(Level.TRACE);
        logger.addAppender(captured);
    }

    @AfterEach
    void tearDown() {
        MDC.clear();
        context.stop();
    }

    private ILoggingEvent last() {
        ILoggingEvent event = captured.list.get(captured.list.size() - 1);
        event.prepareForDeferredProcessing();
        return event;
    }

    private JsonNode encode(ILoggingEvent event) throws IOException {
        return encode(event, JsonSchema.builder().build());
    }

    private JsonNode encode(ILoggingEvent event, JsonSchema schema) throws IOException {
        EventSerializer<ILoggingEvent> serializer = new EventSerializer<>(schema, encoder, 256 * 1024, Integer.MAX_VALUE);
        return JSON.readTree(serializer.serialize(event, "orders", null, null).json());
    }

    @Test
    void writesLevelLoggerThreadAndFormattedMessage() throws IOException {
        logger.warn("order {} failed after {} tries", "A-17", 3);

        JsonNode json = encode(last());

        assertThat(json.get("log_type").asText()).isEqualTo("orders");
        assertThat(json.get("level").asText()).isEqualTo("WARN");
        assertThat(json.get("logger").asText()).isEqualTo("com.acme.Orders");
        assertThat(json.get("thread").asText()).isEqualTo(Thread.currentThread().getName());
        assertThat(json.get("message").asText()).isEqualTo("order A-17 failed after 3 tries");
        assertThat(json.has("exception")).isFalse();
        assertThat(json.has("caller")).isFalse();
    }

    @Test
    void writesTheMdcSnapshotTakenWhenTheEventWasLogged() throws IOException {
        MDC.put("request_id", "r-1");
        MDC.put("user", "ann");
        logger.info("hello");
        ILoggingEvent event = last();
        MDC.put("request_id", "changed later");

        JsonNode json = encode(event);

        assertThat(json.get("mdc").get("request_id").asText()).isEqualTo("r-1");
        assertThat(json.get("mdc").get("user").asText()).isEqualTo("ann");
        assertThat(encoder.mdcValue(event, "user")).isEqualTo("ann");
        assertThat(encoder.mdcValue(event, "absent")).isNull();
    }

    @Test
    void writesSlf4jKeyValuePairsKeepingNumbersAndBooleans() throws IOException {
        Object throwingToString = new Object() {
            @Override
            public String toString() {
                throw new IllegalStateException("boom");
            }
        };
        logger.atInfo().setMessage("paid").addKeyValue("order_id", "A-17").addKeyValue("amount", 12.5)
                .addKeyValue("items", 3).addKeyValue("express", true).addKeyValue("weird", throwingToString).log();

        ILoggingEvent event = last();
        JsonNode kv = encode(event).get("kv");

        assertThat(kv.get("order_id").asText()).isEqualTo("A-17");
        assertThat(kv.get("amount").isDouble()).isTrue();
        assertThat(kv.get("amount").asDouble()).isEqualTo(12.5);
        assertThat(kv.get("items").isIntegralNumber()).isTrue();
        assertThat(kv.get("items").asInt()).isEqualTo(3);
        assertThat(kv.get("express").isBoolean()).isTrue();
        assertThat(kv.get("weird").asText()).contains("toString() threw");
        assertThat(encoder.keyValue(event, "items")).isEqualTo(3);
        assertThat(encoder.keyValue(event, "absent")).isNull();
    }

    @Test
    void retainedBytesCountsTheMessageTheEntriesAndTheThrowable() {
        logger.info("plain");
        long plain = encoder.retainedBytes(last());
        assertThat(plain).isEqualTo(RetainedBytes.EVENT + RetainedBytes.text("plain".length()));

        String big = "m".repeat(100_000);
        MDC.put("request_id", "r-1");
        MDC.put("user", "ann");
        logger.atError().addKeyValue("order", 17).setCause(new IllegalStateException("boom")).log("{} {}", big, "x");
        // The formatted message, 2 MDC entries, 1 pair, 2 arguments, the throwable.
        assertThat(encoder.retainedBytes(last())).isEqualTo(RetainedBytes.EVENT
                + RetainedBytes.text(100_002) + 5 * RetainedBytes.ENTRY + RetainedBytes.THROWABLE);
    }

    @Test
    void keyValueLookupTakesTheLastPairWithTheKey() {
        logger.atInfo().addKeyValue("log_type", "first").addKeyValue("log_type", "second").log("x");

        assertThat(encoder.keyValue(last(), "log_type")).isEqualTo("second");
    }

    @Test
    void writesMarkersWithTheMarkersTheyReferenceOnce() throws IOException {
        Marker audit = MarkerFactory.getDetachedMarker("AUDIT");
        Marker security = MarkerFactory.getDetachedMarker("SECURITY");
        Marker confidential = MarkerFactory.getDetachedMarker("CONFIDENTIAL");
        audit.add(confidential);
        security.add(confidential);
        logger.atInfo().addMarker(audit).addMarker(security).log("login");

        JsonNode markers = encode(last()).get("markers");

        assertThat(texts(markers)).containsExactly("AUDIT", "CONFIDENTIAL", "SECURITY");
    }

    @Test
    void markerValueIsNullWithoutMarkersOrWithoutAMatchingOne() {
        logger.info("no marker");
        assertThat(encoder.markerValue(last(), "log_type:")).isNull();

        logger.info(MarkerFactory.getDetachedMarker("AUDIT"), "other marker");
        assertThat(encoder.markerValue(last(), "log_type:")).isNull();

        logger.info(MarkerFactory.getDetachedMarker("log_type:"), "the prefix alone");
        assertThat(encoder.markerValue(last(), "log_type:")).isNull();
    }

    @Test
    void markerValueLooksAtTheEventsMarkersFirstThenAtTheMarkersTheyReference() {
        Marker nested = MarkerFactory.getDetachedMarker("log_type:nested");
        Marker security = MarkerFactory.getDetachedMarker("SECURITY");
        security.add(MarkerFactory.getDetachedMarker("CONFIDENTIAL"));
        security.add(nested);

        logger.info(security, "referenced");
        assertThat(encoder.markerValue(last(), "log_type:")).isEqualTo("nested");

        logger.atInfo().addMarker(security).addMarker(MarkerFactory.getDetachedMarker("log_type:own")).log("own");
        assertThat(encoder.markerValue(last(), "log_type:")).as("an event's own marker before references")
                .isEqualTo("own");

        Marker outer = MarkerFactory.getDetachedMarker("OUTER");
        outer.add(security);
        logger.info(outer, "two levels down");
        assertThat(encoder.markerValue(last(), "log_type:")).isEqualTo("nested");
    }

    @Test
    void markerValueEndsOnACyclicReferenceGraph() {
        CyclicMarker a = new CyclicMarker("A");
        CyclicMarker b = new CyclicMarker("B");
        a.references.add(b);
        b.references.add(a);

        logger.info(a, "cycle without a type");
        assertThat(encoder.markerValue(last(), "log_type:")).isNull();

        CyclicMarker typed = new CyclicMarker("log_type:deep");
        b.references.add(typed);
        logger.info(a, "cycle with a type");
        assertThat(encoder.markerValue(last(), "log_type:")).isEqualTo("deep");
    }

    @Test
    void markerValueFollowsReferencesDownToTheDepthLimitOnly() {
        logger.info(chainEndingIn(LogbackEventAdapter.MAX_MARKER_DEPTH, "log_type:at-limit"), "at the limit");
        assertThat(encoder.markerValue(last(), "log_type:")).isEqualTo("at-limit");

        logger.info(chainEndingIn(LogbackEventAdapter.MAX_MARKER_DEPTH + 1, "log_type:too-deep"), "below it");
        assertThat(encoder.markerValue(last(), "log_type:")).isNull();
    }

    @Test
    void markersNestedDeeperThanTheLimitAreLeftOutAndTheEventSaysSo() throws IOException {
        logger.info(chainEndingIn(LogbackEventAdapter.MAX_MARKER_DEPTH, "AT_LIMIT"), "at the limit");
        JsonNode whole = encode(last());
        assertThat(texts(whole.get("markers"))).contains("AT_LIMIT");
        assertThat(whole.has("truncated")).isFalse();

        logger.info(chainEndingIn(LogbackEventAdapter.MAX_MARKER_DEPTH + 1, "TOO_DEEP"), "below it");
        JsonNode cut = encode(last());
        assertThat(texts(cut.get("markers"))).doesNotContain("TOO_DEEP");
        assertThat(cut.get("truncated").asBoolean()).isTrue();
    }

    /** A chain of references whose marker {@code depth} levels below the top is named {@code last}. */
    private static Marker chainEndingIn(int depth, String last) {
        Marker top = MarkerFactory.getDetachedMarker("L0");
        Marker current = top;
        for (int level = 1; level <= depth; level++) {
            Marker next = MarkerFactory.getDetachedMarker(level == depth ? last : "L" + level);
            current.add(next);
            current = next;
        }
        return top;
    }

    /** A marker implementation that, unlike SLF4J's, lets references form a cycle. */
    private static final class CyclicMarker implements Marker {
        private static final long serialVersionUID = 1L;
        private final String name;
        private final List<Marker> references = new ArrayList<>();

        CyclicMarker(String name) {
            this.name = name;
        }

        @Override
        public String getName() {
            return name;
        }

        @Override
        public void add(Marker reference) {
            references.add(reference);
        }

        @Override
        public boolean remove(Marker reference) {
            return references.remove(reference);
        }

        @Override
        @Deprecated
        public boolean hasChildren() {
            return hasReferences();
        }

        @Override
        public boolean hasReferences() {
            return !references.isEmpty();
        }

        @Override
        public java.util.Iterator<Marker> iterator() {
            return references.iterator();
        }

        @Override
        public boolean contains(Marker other) {
            return false; // not needed here; a real implementation would search the graph
        }

        @Override
        public boolean contains(String other) {
            return false;
        }
    }

    @Test
    void writesTheThrowableWithCausesAndSuppressed() throws IOException {
        IllegalStateException root = new IllegalStateException("disk full");
        RuntimeException cause = new RuntimeException("write failed", root);
        Exception top = new Exception("order not saved", cause);
        top.addSuppressed(new IllegalArgumentException("cleanup failed"));
        logger.error("saving failed", top);

        JsonNode exception = encode(last()).get("exception");

        assertThat(exception.get("class").asText()).isEqualTo("java.lang.Exception");
        assertThat(exception.get("message").asText()).isEqualTo("order not saved");
        String stack = exception.get("stack").asText();
        assertThat(stack).contains("at io.logbeam.logback.LogbackEventAdapterTest.writesTheThrowableWithCausesAndSuppressed")
                .contains("Suppressed: java.lang.IllegalArgumentException: cleanup failed")
                .contains("Caused by: java.lang.RuntimeException: write failed")
                .contains("Caused by: java.lang.IllegalStateException: disk full");
        assertThat(texts(exception.get("causes"), "class"))
                .containsExactly("java.lang.RuntimeException", "java.lang.IllegalStateException");
    }

    @Test
    void writesTheRenderingWhenOnlyAThrowableProxyIsLeft() throws IOException {
        logger.error("remote failure", new RuntimeException("outer", new IllegalStateException("inner")));
        // What a SocketAppender receiver hands over: the proxy's rendering, no Throwable.
        ILoggingEvent remote = LoggingEventVO.build(last());

        JsonNode exception = encode(remote).get("exception");

        assertThat(exception.get("class").asText()).isEqualTo("java.lang.RuntimeException");
        assertThat(exception.get("message").asText()).isEqualTo("outer");
        assertThat(exception.get("stack").asText()).contains("Caused by: java.lang.IllegalStateException: inner");
    }

    @Test
    void writesCallerDataOnlyWhenCapturedOnTheLoggingThreadAndWanted() throws IOException {
        JsonSchema withCaller = JsonSchema.builder().includeCallerData(true).build();

        logger.info("not captured");
        ILoggingEvent notCaptured = last();
        assertThat(encode(notCaptured, withCaller).has("caller")).isFalse();
        assertThat(notCaptured.hasCallerData()).as("the encoder must not compute caller data itself").isFalse();

        // Captured inside the logging call, as the appender does when includeCallerData is set.
        ListAppender<ILoggingEvent> capturing = new ListAppender<>() {
            @Override
            protected void append(ILoggingEvent event) {
                event.getCallerData();
                super.append(event);
            }
        };
        capturing.setContext(context);
        capturing.start();
        logger.detachAppender(this.captured);
        logger.addAppender(capturing);
        logger.info("captured");
        ILoggingEvent withCallerData = capturing.list.get(0);
        withCallerData.prepareForDeferredProcessing();
        JsonNode caller = encode(withCallerData, withCaller).get("caller");
        assertThat(caller.get("class").asText()).isEqualTo(LogbackEventAdapterTest.class.getName());
        assertThat(caller.get("method").asText()).isEqualTo("writesCallerDataOnlyWhenCapturedOnTheLoggingThreadAndWanted");
        assertThat(caller.get("file").asText()).isEqualTo("LogbackEventAdapterTest.java");
        assertThat(caller.get("line").asInt()).isPositive();

        assertThat(encode(withCallerData).has("caller")).as("includeCallerData=false").isFalse();
    }

    @Test
    void leavesOutSectionsThatAreSwitchedOff() throws IOException {
        MDC.put("user", "ann");
        logger.atInfo().addMarker(MarkerFactory.getDetachedMarker("AUDIT")).addKeyValue("k", "v").log("x");
        JsonSchema none = JsonSchema.builder().includeMdc(false).includeKeyValues(false).includeMarkers(false).build();

        JsonNode json = encode(last(), none);

        assertThat(json.has("mdc")).isFalse();
        assertThat(json.has("kv")).isFalse();
        assertThat(json.has("markers")).isFalse();
        assertThat(json.get("message").asText()).isEqualTo("x");
    }

    @Test
    void nullMessageAndEmptySectionsStillMakeValidJson() throws IOException {
        logger.info((String) null);

        JsonNode json = encode(last());

        assertThat(json.get("message").isNull()).isTrue();
        assertThat(json.has("mdc")).isFalse();
        assertThat(json.has("kv")).isFalse();
        assertThat(json.has("markers")).isFalse();
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.get(field).asText()));
        return out;
    }
}

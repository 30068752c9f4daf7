package io.logbeam.core.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import io.logbeam.core.engine.Shipper;
import io.logbeam.core.engine.ShipperConfig;
import io.logbeam.core.event.EncodedEvent;
import io.logbeam.core.event.JsonSchema;
import io.logbeam.core.event.LambdaContext;
import io.logbeam.core.lambda.LogbeamLambdaTest.FakeContext;
import io.logbeam.core.testing.FakeDestination;
import io.logbeam.core.testing.TestAdapter;
import io.logbeam.core.testing.TestEvent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Which invocation an event is attributed to, and whether it counts as the cold start, in the cases
 * where taking those facts at encode time (on the consumer thread, possibly much later) would be wrong:
 * events logged during init, events still buffered when the next invocation begins, events of other
 * threads, concurrent invocations in one JVM (Lambda Managed Instances).
 */
class LambdaAttributionTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private FakeDestination destination;
    private Shipper<TestEvent> shipper;

    @BeforeEach
    void start() {
        LambdaContext.reset();
        destination = new FakeDestination();
        JsonSchema inLambda = JsonSchema.builder().host("h").lambdaInfo(new JsonSchema.LambdaInfo("orders", "3")).build();
        // Batches linger for an hour: nothing is encoded for sending before the explicit flush at the end, so
        // every fact checked below must have been taken when the event was published.
        shipper = Shipper.builder(new TestAdapter(), destination).schema(inLambda)
                .config(ShipperConfig.builder().name("attribution").maxBatchDelay(Duration.ofHours(1)).jmx(false).build())
                .start();
    }

    @AfterEach
    void stop() {
        shipper.stop(Duration.ofSeconds(5));
        LambdaContext.reset();
    }

    @Test
    void initEventsAndTheFirstInvocationAreTheColdStartLaterOnesAreNot() throws Exception {
        log("static init");                                   // before any invocation: the init phase
        LambdaContext.invocationStarted("req-1");
        log("first invocation");
        LambdaContext.invocationEnded();
        log("between invocations");                           // e.g. a timer thread while frozen/thawed
        LambdaContext.invocationStarted("req-2");
        log("second invocation");
        LambdaContext.invocationEnded();

        Map<String, JsonNode> lambda = flushAndReadLambdaSections();

        assertThat(lambda.get("static init").has("request_id")).isFalse();
        assertThat(lambda.get("static init").get("cold_start").asBoolean()).isTrue();
        assertThat(lambda.get("first invocation").get("request_id").asText()).isEqualTo("req-1");
        assertThat(lambda.get("first invocation").get("cold_start").asBoolean()).isTrue();
        assertThat(lambda.get("between invocations").has("request_id")).isFalse();
        assertThat(lambda.get("between invocations").get("cold_start").asBoolean()).isFalse();
        assertThat(lambda.get("second invocation").get("request_id").asText()).isEqualTo("req-2");
        assertThat(lambda.get("second invocation").get("cold_start").asBoolean()).isFalse();
    }

    @Test
    void eventsStillBufferedWhenTheNextInvocationBeginsKeepTheirOwnInvocation() throws Exception {
        // A handler that skips the flush (or a flush that timed out): the events of invocation 1 are still in
        // the ring when invocation 2 begins, and are encoded during invocation 2.
        LambdaContext.invocationStarted("req-1");
        log("logged in 1");
        LambdaContext.invocationStarted("req-2");             // no end: the next start replaces it
        log("logged in 2");

        Map<String, JsonNode> lambda = flushAndReadLambdaSections();

        assertThat(lambda.get("logged in 1").get("request_id").asText()).isEqualTo("req-1");
        assertThat(lambda.get("logged in 1").get("cold_start").asBoolean()).isTrue();
        assertThat(lambda.get("logged in 2").get("request_id").asText()).isEqualTo("req-2");
        assertThat(lambda.get("logged in 2").get("cold_start").asBoolean()).isFalse();
    }

    @Test
    void anInitEventEncodedByAnotherAppenderAfterTheFirstInvocationIsStillTheColdStart() {
        // Two appenders, two consumer threads: the order in which they encode says nothing about the order
        // in which the events were logged.
        FakeDestination otherDestination = new FakeDestination();
        Shipper<TestEvent> other = Shipper.builder(new TestAdapter(), otherDestination)
                .schema(JsonSchema.builder().host("h").lambdaInfo(new JsonSchema.LambdaInfo("orders", "3")).build())
                .config(ShipperConfig.builder().name("other").maxBatchDelay(Duration.ofHours(1)).jmx(false).build())
                .start();
        try {
            other.publish(TestEvent.of("init, other appender"), false);
            LambdaContext.invocationStarted("req-1");
            log("first invocation");
            assertThat(flushAndReadLambdaSections().get("first invocation").get("cold_start").asBoolean()).isTrue();
            LambdaContext.invocationEnded();
            LambdaContext.invocationStarted("req-2");

            assertThat(other.flush(Duration.ofSeconds(10))).isTrue(); // encoded only now, during invocation 2
            JsonNode lambda = readTree(otherDestination.delivered().get(0)).get("lambda");
            assertThat(lambda.get("cold_start").asBoolean()).isTrue();
            assertThat(lambda.has("request_id")).isFalse();
        } finally {
            other.stop(Duration.ofSeconds(5));
        }
    }

    @Test
    void eventsOfAnotherThreadBelongToTheOnlyInvocationInProgress() throws Exception {
        ExecutorService worker = Executors.newSingleThreadExecutor();
        try {
            LambdaContext.invocationStarted("req-1");
            worker.submit(() -> log("from a worker thread")).get(5, TimeUnit.SECONDS);
            LambdaContext.invocationEnded();
            worker.submit(() -> log("worker after the invocation")).get(5, TimeUnit.SECONDS);
        } finally {
            worker.shutdownNow();
        }

        Map<String, JsonNode> lambda = flushAndReadLambdaSections();

        assertThat(lambda.get("from a worker thread").get("request_id").asText()).isEqualTo("req-1");
        assertThat(lambda.get("worker after the invocation").has("request_id")).isFalse();
    }

    @Test
    void concurrentInvocationsOnTheirOwnThreadsAreAttributedSeparately() throws Exception {
        // Lambda Managed Instances: several invocations at once in one JVM, each on a runtime thread.
        CountDownLatch bothStarted = new CountDownLatch(2);
        CountDownLatch otherThreadLogged = new CountDownLatch(1);
        Thread a = invocationThread("req-a", bothStarted, otherThreadLogged);
        Thread b = invocationThread("req-b", bothStarted, otherThreadLogged);
        a.start();
        b.start();
        assertThat(bothStarted.await(5, TimeUnit.SECONDS)).isTrue();
        log("unattributable: two invocations run");
        otherThreadLogged.countDown();
        a.join(5_000);
        b.join(5_000);

        Map<String, JsonNode> lambda = flushAndReadLambdaSections();

        assertThat(lambda.get("in req-a").get("request_id").asText()).isEqualTo("req-a");
        assertThat(lambda.get("in req-b").get("request_id").asText()).isEqualTo("req-b");
        assertThat(lambda.get("unattributable: two invocations run").has("request_id")).isFalse();
        // Exactly one of the two was this environment's first invocation.
        assertThat(lambda.get("in req-a").get("cold_start").asBoolean())
                .isNotEqualTo(lambda.get("in req-b").get("cold_start").asBoolean());
    }

    @Test
    void withoutTheWrapperTheRequestIdComesFromTheMdcAndTheFirstOneSeenIsTheColdStart() throws Exception {
        // The runtime's Log4j2 integration puts AWSRequestId into the thread context; no LogbeamLambda here.
        shipper.publish(TestEvent.of("init"), false);
        shipper.publish(TestEvent.of("mdc 1").mdc(LambdaContext.MDC_KEY, "req-1"), false);
        shipper.publish(TestEvent.of("mdc 2").mdc(LambdaContext.MDC_KEY, "req-2"), false);

        Map<String, JsonNode> lambda = flushAndReadLambdaSections();

        assertThat(lambda.get("init").get("cold_start").asBoolean()).isTrue();
        assertThat(lambda.get("mdc 1").get("request_id").asText()).isEqualTo("req-1");
        assertThat(lambda.get("mdc 1").get("cold_start").asBoolean()).isTrue();
        assertThat(lambda.get("mdc 2").get("request_id").asText()).isEqualTo("req-2");
        assertThat(lambda.get("mdc 2").get("cold_start").asBoolean()).isFalse();
    }

    @Test
    void theHandlerThreadsOwnInvocationWinsOverAStaleMdcValue() throws Exception {
        LambdaContext.invocationStarted("req-2");
        shipper.publish(TestEvent.of("stale mdc").mdc(LambdaContext.MDC_KEY, "req-1"), false);
        LambdaContext.invocationEnded();

        assertThat(flushAndReadLambdaSections().get("stale mdc").get("request_id").asText()).isEqualTo("req-2");
    }

    @Test
    void aFlushThatDoesNotFinishInTimeIsSaidOnStandardError() {
        destination.closeGate(); // the destination does not answer
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            LogbeamLambda.beginInvocation(new FakeContext("req-slow", 10_000));
            log("stuck");
            assertThat(LogbeamLambda.endInvocation(new FakeContext("req-slow", 10_000), Duration.ofMillis(200)))
                    .isFalse();
        } finally {
            System.setErr(original);
            destination.openGate();
        }
        assertThat(captured.toString(StandardCharsets.UTF_8))
                .contains("[logbeam]", "invocation req-slow did not finish within 200 ms");
        assertThat(LambdaContext.threadRequestId()).isNull();
    }

    private Thread invocationThread(String requestId, CountDownLatch bothStarted, CountDownLatch release) {
        return new Thread(() -> {
            LambdaContext.invocationStarted(requestId);
            try {
                log("in " + requestId);
                bothStarted.countDown();
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                LambdaContext.invocationEnded();
            }
        }, "invocation-" + requestId);
    }

    private void log(String message) {
        assertThat(shipper.publish(TestEvent.of(message), false)).isTrue();
    }

    /** The {@code lambda} object of every delivered event, by message. */
    private Map<String, JsonNode> flushAndReadLambdaSections() {
        assertThat(shipper.flush(Duration.ofSeconds(10))).isTrue();
        Map<String, JsonNode> byMessage = new LinkedHashMap<>();
        for (EncodedEvent event : destination.delivered()) {
            JsonNode json = readTree(event);
            byMessage.put(json.get("message").asText(), json.get("lambda"));
        }
        return byMessage;
    }

    private static JsonNode readTree(EncodedEvent event) {
        try {
            return JSON.readTree(new String(event.json(), 0, event.size(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

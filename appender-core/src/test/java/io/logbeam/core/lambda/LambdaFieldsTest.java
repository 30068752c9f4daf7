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

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What Lambda Powertools users expect in every event in Lambda: the invoked ARN and the X-Ray trace id of the
 * invocation that logged it (taken per invocation, on the logging thread), the function's memory size; and the
 * per-invocation sampling draw behind {@code samplingRate}.
 */
class LambdaFieldsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TRACE_PROPERTY = "com.amazonaws.xray.traceHeader";

    private FakeDestination destination;
    private Shipper<TestEvent> shipper;

    @BeforeEach
    void start() {
        LambdaContext.reset();
        destination = new FakeDestination();
        JsonSchema.LambdaInfo function = JsonSchema.LambdaInfo.fromEnvironment(Map.of("AWS_LAMBDA_FUNCTION_NAME",
                "orders", "AWS_LAMBDA_FUNCTION_VERSION", "7", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512"));
        shipper = Shipper.builder(new TestAdapter(), destination)
                .schema(JsonSchema.builder().host("h").lambdaInfo(function).build())
                .config(ShipperConfig.builder().name("fields").maxBatchDelay(Duration.ofHours(1)).jmx(false).build())
                .start();
    }

    @AfterEach
    void stop() {
        shipper.stop(Duration.ofSeconds(5));
        System.clearProperty(TRACE_PROPERTY);
        LambdaContext.reset();
    }

    @Test
    void everyEventCarriesItsInvocationsArnAndTraceAndTheFunctionsMemory() throws Exception {
        System.setProperty(TRACE_PROPERTY, "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1");
        LogbeamLambda.beginInvocation(new FakeContext("req-1", 10_000));
        shipper.publish(TestEvent.of("first"), false);
        LogbeamLambda.endInvocation(new FakeContext("req-1", 10_000), Duration.ofSeconds(5));
        // The runtime sets the next invocation's header; an event still buffered keeps its own.
        System.setProperty(TRACE_PROPERTY, "Root=1-67687c5a-a1b2c3d4e5f67890abcdef01;Sampled=0");
        LambdaContext.invocationStarted("req-2", null);
        shipper.publish(TestEvent.of("second"), false);
        LambdaContext.invocationEnded();
        shipper.publish(TestEvent.of("between"), false);
        assertThat(shipper.flush(Duration.ofSeconds(10))).isTrue();

        List<JsonNode> lambda = destination.delivered().stream().map(LambdaFieldsTest::lambdaSection).toList();
        assertThat(lambda).hasSize(3);
        JsonNode first = lambda.get(0);
        assertThat(first.get("function_arn").asText()).isEqualTo("arn:aws:lambda:eu-west-1:123456789012:function:orders:live");
        assertThat(first.get("memory_size").asInt()).isEqualTo(512);
        assertThat(first.get("xray_trace_id").asText()).isEqualTo("1-5759e988-bd862e3fe1be46a994272793");
        assertThat(first.get("request_id").asText()).isEqualTo("req-1");
        JsonNode second = lambda.get(1);
        assertThat(second.has("function_arn")).isFalse();
        assertThat(second.get("xray_trace_id").asText()).isEqualTo("1-67687c5a-a1b2c3d4e5f67890abcdef01");
        JsonNode between = lambda.get(2);
        assertThat(between.has("xray_trace_id")).isFalse();
        assertThat(between.has("request_id")).isFalse();
        assertThat(between.get("memory_size").asInt()).isEqualTo(512);
        List<String> keys = List.copyOf(JSON.convertValue(first, Map.class).keySet());
        assertThat(keys).containsExactly("function", "version", "function_arn", "memory_size", "request_id",
                "cold_start", "xray_trace_id");
    }

    @Test
    void theSamplingDrawIsOnePerInvocationAndCountsOnItsThreadOrAsTheOnlyInvocation() throws Exception {
        assertThat(LambdaContext.debugSampled(1)).as("outside any invocation").isFalse();
        LambdaContext.invocationStarted(new LambdaContext.Invocation("req-1", null, null, 0.25));
        assertThat(LambdaContext.debugSampled(0.5)).isTrue();
        assertThat(LambdaContext.debugSampled(0.25)).isFalse();
        assertThat(LambdaContext.debugSampled(0)).isFalse();
        Thread worker = new Thread(() -> assertThat(LambdaContext.debugSampled(0.5)).isTrue());
        worker.start();
        worker.join();
        LambdaContext.invocationEnded();
        assertThat(LambdaContext.debugSampled(1)).isFalse();

        int sampled = 0;
        for (int i = 0; i < 1000; i++) {
            LambdaContext.invocationStarted("r" + i, null);
            sampled += LambdaContext.debugSampled(0.1) ? 1 : 0;
            LambdaContext.invocationEnded();
        }
        // Binomial(1000, 0.1): mean 100, standard deviation 9.5; the bounds are more than 6 deviations away.
        assertThat(sampled).isBetween(40, 160);
    }

    private static JsonNode lambdaSection(EncodedEvent event) {
        try {
            return JSON.readTree(new String(event.json(), 0, event.size(), StandardCharsets.UTF_8)).get("lambda");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}

package io.logbeam.core.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logbeam.core.engine.Shipper;
import io.logbeam.core.engine.ShipperConfig;
import io.logbeam.core.event.JsonSchema;
import io.logbeam.core.event.LambdaContext;
import io.logbeam.core.testing.FakeDestination;
import io.logbeam.core.testing.TestAdapter;
import io.logbeam.core.testing.TestEvent;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LogbeamLambdaTest {

    @AfterEach
    void forgetInvocations() {
        LambdaContext.reset();
    }

    @Test
    void everythingLoggedDuringTheInvocationIsDeliveredWhenTheHandlerReturns() throws Exception {
        FakeDestination destination = new FakeDestination();
        JsonSchema inLambda = JsonSchema.builder().host("h").lambdaInfo(JsonSchema.LambdaInfo.fromEnvironment(
                Map.of("AWS_LAMBDA_FUNCTION_NAME", "orders", "AWS_LAMBDA_FUNCTION_VERSION", "3"))).build();
        Shipper<TestEvent> shipper = Shipper.builder(new TestAdapter(), destination).schema(inLambda)
                .config(ShipperConfig.builder().name("lambda-test").maxBatchDelay(Duration.ofHours(1)).jmx(false).build())
                .start();
        try {
            AtomicReference<String> requestIdInside = new AtomicReference<>();
            RequestHandler<String, String> handler = LogbeamLambda.wrap((input, context) -> {
                requestIdInside.set(LambdaContext.requestId());
                shipper.publish(TestEvent.of("handling " + input), false);
                return "ok";
            });

            assertThat(handler.handleRequest("order-1", new FakeContext("req-1", 10_000))).isEqualTo("ok");

            // No waiting: the linger is an hour, only the flush in finally can have sent it.
            assertThat(destination.delivered()).hasSize(1);
            JsonNode json = new ObjectMapper().readTree(destination.delivered().get(0).json());
            assertThat(json.get("lambda").get("request_id").asText()).isEqualTo("req-1");
            assertThat(json.get("lambda").get("function").asText()).isEqualTo("orders");
            assertThat(requestIdInside.get()).isEqualTo("req-1");
            assertThat(LambdaContext.requestId()).isNull();
        } finally {
            shipper.stop(Duration.ofSeconds(5));
        }
    }

    @Test
    void theFlushAlsoRunsWhenTheHandlerThrows() {
        RequestHandler<String, String> handler = LogbeamLambda.wrap((input, context) -> {
            throw new IllegalStateException("boom");
        });
        assertThatThrownBy(() -> handler.handleRequest("x", new FakeContext("req-2", 10_000)))
                .hasMessage("boom");
        assertThat(LambdaContext.requestId()).isNull();
    }

    @Test
    void theFlushNeverOutlastsTheInvocation() {
        assertThat(LogbeamLambda.boundedBy(new FakeContext("r", 1_000), Duration.ofSeconds(5)))
                .isEqualTo(Duration.ofMillis(800));
        assertThat(LogbeamLambda.boundedBy(new FakeContext("r", 100), Duration.ofSeconds(5))).isZero();
        assertThat(LogbeamLambda.boundedBy(new FakeContext("r", 60_000), Duration.ofSeconds(5)))
                .isEqualTo(Duration.ofSeconds(5));
    }

    /** The bits of the Lambda context the wrapper reads. */
    static final class FakeContext implements Context {
        private final String requestId;
        private final int remainingMillis;

        FakeContext(String requestId, int remainingMillis) {
            this.requestId = requestId;
            this.remainingMillis = remainingMillis;
        }

        @Override
        public String getAwsRequestId() {
            return requestId;
        }

        @Override
        public int getRemainingTimeInMillis() {
            return remainingMillis;
        }

        @Override
        public String getLogGroupName() {
            return null;
        }

        @Override
        public String getLogStreamName() {
            return null;
        }

        @Override
        public String getFunctionName() {
            return "orders";
        }

        @Override
        public String getFunctionVersion() {
            return "3";
        }

        @Override
        public String getInvokedFunctionArn() {
            return "arn:aws:lambda:eu-west-1:123456789012:function:orders:live";
        }

        @Override
        public CognitoIdentity getIdentity() {
            return null;
        }

        @Override
        public ClientContext getClientContext() {
            return null;
        }

        @Override
        public int getMemoryLimitInMB() {
            return 512;
        }

        @Override
        public LambdaLogger getLogger() {
            return null;
        }
    }
}

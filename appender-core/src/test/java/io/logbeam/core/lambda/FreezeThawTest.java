package io.logbeam.core.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.logbeam.core.config.AppenderProperties;
import io.logbeam.core.config.DestinationTypes;
import io.logbeam.core.engine.Shipper;
import io.logbeam.core.event.LambdaContext;
import io.logbeam.core.lambda.LogbeamLambdaTest.FakeContext;
import io.logbeam.core.testing.TestAdapter;
import io.logbeam.core.testing.TestEvent;
import io.logbeam.core.util.Diagnostics;
import io.logbeam.testkit.LocalAwsEndpoint;

import com.amazonaws.services.lambda.runtime.RequestHandler;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Lambda's freeze and thaw, as far as a test can play it: no thread makes progress while the process is
 * frozen, and connections are often gone when it is thawed (idle timeouts, NAT). So:
 * <ul>
 *   <li>when the wrapped handler returns, everything it logged is already at the endpoint: checked at
 *       once, without waiting, since nothing may run after the return;</li>
 *   <li>the endpoint is then stopped, which closes every connection the client holds, like connections
 *       lost while frozen; events are logged; the endpoint comes back ("thaw") and the next invocation's
 *       flush must deliver everything, exactly once, over new connections.</li>
 * </ul>
 * Run for each destination, through the real settings, AWS client (URLConnection) and destination.
 */
class FreezeThawTest {

    enum Target { KINESIS, FIREHOSE, CLOUDWATCH_LOGS }

    private LocalAwsEndpoint endpoint;
    private Shipper<TestEvent> shipper;

    @BeforeEach
    void startEndpoint() {
        LambdaContext.reset();
        endpoint = LocalAwsEndpoint.start();
        endpoint.kinesis().createStream("app-logs", 1);
        endpoint.firehose().createDeliveryStream("app-lake");
    }

    @AfterEach
    void stopAll() {
        if (shipper != null) {
            shipper.stop(Duration.ofSeconds(5));
        }
        endpoint.close();
        LambdaContext.reset();
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void whatWasLoggedBeforeTheFlushIsAtTheEndpointWhenTheHandlerReturns(Target target) {
        shipper = start(target);
        RequestHandler<Integer, String> handler = LogbeamLambda.wrap((count, context) -> {
            for (int i = 0; i < count; i++) {
                shipper.publish(TestEvent.of("event " + i), false);
            }
            return "done";
        });

        handler.handleRequest(120, new FakeContext("req-1", 30_000));

        // No waiting of any kind: after the return the process may be frozen for good.
        assertThat(stored(target)).isEqualTo(120);
        handler.handleRequest(30, new FakeContext("req-2", 30_000));
        assertThat(stored(target)).isEqualTo(150);
        assertThat(shipper.stats().getDelivered()).isEqualTo(150);
        assertThat(endpoint.violations()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void connectionsLostWhileFrozenAreReplacedAfterTheThawWithoutLossOrDuplicates(Target target) {
        shipper = start(target);
        RequestHandler<String, String> handler = LogbeamLambda.wrap((label, context) -> {
            for (int i = 0; i < 40; i++) {
                shipper.publish(TestEvent.of(label + " " + i), false);
            }
            return label;
        });
        handler.handleRequest("before freeze", new FakeContext("req-1", 30_000));
        assertThat(stored(target)).isEqualTo(40); // the client now holds a kept-alive connection

        endpoint.stop(); // frozen: every connection is closed under the client's feet
        for (int i = 0; i < 25; i++) {
            shipper.publish(TestEvent.of("while frozen " + i), false); // e.g. a background thread, before the freeze
        }
        endpoint.restart(); // thawed, same address, no connection survived

        handler.handleRequest("after thaw", new FakeContext("req-2", 30_000));

        assertThat(stored(target)).isEqualTo(105);
        assertThat(shipper.stats().getDelivered()).isEqualTo(105);
        assertThat(shipper.stats().getFallback()).isZero();
        assertThat(shipper.stats().getDropped()).isZero();
        assertThat(endpoint.violations()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void aFlushThatMeetsTheEndpointDownRetriesUntilItIsBack(Target target) throws Exception {
        shipper = start(target);
        RequestHandler<String, String> handler = LogbeamLambda.wrap((label, context) -> {
            for (int i = 0; i < 40; i++) {
                shipper.publish(TestEvent.of(label + " " + i), false);
            }
            return label;
        });
        handler.handleRequest("warm", new FakeContext("req-1", 30_000));
        endpoint.stop();

        CompletableFuture<String> invocation = CompletableFuture.supplyAsync(
                () -> handler.handleRequest("during outage", new FakeContext("req-2", 30_000)));
        // The flush's first attempts fail (connection refused); bring the endpoint back once they have.
        await().atMost(Duration.ofSeconds(10)).until(() -> shipper.stats().getRetried() > 0);
        endpoint.restart();

        assertThat(invocation.get(20, TimeUnit.SECONDS)).isEqualTo("during outage");
        assertThat(stored(target)).isEqualTo(80);
        assertThat(shipper.stats().getDelivered()).isEqualTo(80);
        assertThat(shipper.stats().getFallback()).isZero();
    }

    private Shipper<TestEvent> start(Target target) {
        AppenderProperties settings;
        switch (target) {
            case KINESIS: {
                AppenderProperties s = new AppenderProperties(DestinationTypes.KINESIS);
                s.set("streamName", "app-logs");
                settings = s;
                break;
            }
            case FIREHOSE: {
                AppenderProperties s = new AppenderProperties(DestinationTypes.FIREHOSE);
                s.set("deliveryStreamName", "app-lake");
                settings = s;
                break;
            }
            default: {
                AppenderProperties s = new AppenderProperties(DestinationTypes.CLOUDWATCH_LOGS);
                s.set("logGroup", "/acme/orders");
                s.set("logStream", "orders-app");
                settings = s;
            }
        }
        settings.set("endpoint", endpoint.uri().toString());
        settings.set("region", "us-east-1");
        settings.set("accessKeyId", "test");
        settings.set("secretAccessKey", "test");
        settings.set("maxBatchDelay", "1 hour"); // only a flush sends: the handler's return is the test
        settings.set("jmx", false);
        return settings.start("freeze-thaw-" + target, new TestAdapter(), Diagnostics.stderr());
    }

    /** Events the endpoint holds now. */
    private int stored(Target target) {
        switch (target) {
            case KINESIS:
                return endpoint.kinesis().records("app-logs").size();
            case FIREHOSE:
                return endpoint.firehose().records("app-lake").size();
            default:
                return endpoint.logs().logStreamExists("/acme/orders", "orders-app")
                        ? endpoint.logs().events("/acme/orders", "orders-app").size() : 0;
        }
    }
}

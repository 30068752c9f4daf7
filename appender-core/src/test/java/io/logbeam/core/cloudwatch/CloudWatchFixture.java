package io.logbeam.core.cloudwatch;

import io.logbeam.core.aws.AwsSettings;
import io.logbeam.core.engine.OverflowPolicy;
import io.logbeam.core.engine.Shipper;
import io.logbeam.core.engine.ShipperConfig;
import io.logbeam.core.event.JsonSchema;
import io.logbeam.core.event.LogTypes;
import io.logbeam.core.testing.CapturingDiagnostics;
import io.logbeam.core.testing.CapturingFallback;
import io.logbeam.core.testing.TestAdapter;
import io.logbeam.core.testing.TestEvent;
import io.logbeam.testkit.LocalAwsEndpoint;
import io.logbeam.testkit.ManualClock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Shippers to CloudWatch Logs on a {@link LocalAwsEndpoint} whose clock is the destination's clock, with
 * fast retries and capturing fallback and diagnostics. Close it after each test.
 */
final class CloudWatchFixture implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Instant START = Instant.parse("2026-11-22T14:00:00Z");
    private static final AtomicInteger NAMES = new AtomicInteger();

    final ManualClock clock = new ManualClock(START);
    final LocalAwsEndpoint endpoint;
    final CapturingFallback fallback = new CapturingFallback();
    final CapturingDiagnostics diagnostics = new CapturingDiagnostics();
    private final List<Shipper<TestEvent>> shippers = new ArrayList<>();

    CloudWatchFixture() {
        this(null);
    }

    /** With the endpoint on its own clock (to make the service see times differently from the appender). */
    CloudWatchFixture(ManualClock endpointClock) {
        this.endpoint = LocalAwsEndpoint.builder().clock(endpointClock == null ? clock : endpointClock).start();
    }

    static AwsSettings aws(URI endpoint) {
        return AwsSettings.builder().region("us-east-1").endpoint(endpoint.toString()).accessKeyId("test")
                .secretAccessKey("test").build();
    }

    /** A destination for group {@code /acme/orders}, stream {@code orders-app}, on the fixture's clock. */
    CloudWatchLogsDestination.Builder destination() {
        return CloudWatchLogsDestination.builder(aws(endpoint.uri())).logGroup("/acme/orders").logStream("orders-app")
                .clock(clock);
    }

    ShipperConfig.Builder config() {
        return ShipperConfig.builder().name("cwl-" + NAMES.incrementAndGet()).maxBatchDelay(Duration.ofMillis(50))
                .retryBaseDelay(Duration.ofMillis(5)).retryMaxDelay(Duration.ofMillis(50)).jmx(false);
    }

    /** A config whose publishers wait for room instead of dropping: tests that publish more than the ring holds. */
    ShipperConfig.Builder blocking() {
        return config().overflowPolicy(OverflowPolicy.BLOCK).blockTimeout(Duration.ofSeconds(20));
    }

    JsonSchema schema() {
        return JsonSchema.builder().host("host-a").lambdaInfo(null).build();
    }

    Shipper<TestEvent> start(CloudWatchLogsDestination destination) {
        return start(destination, config().build(), schema());
    }

    Shipper<TestEvent> start(CloudWatchLogsDestination destination, ShipperConfig config, JsonSchema schema) {
        Shipper<TestEvent> shipper = Shipper.builder(new TestAdapter(), destination).config(config)
                .logTypes(LogTypes.defaults()).schema(schema).fallback(fallback).diagnostics(diagnostics).start();
        shippers.add(shipper);
        return shipper;
    }

    /** An event logged {@code offset} from the fixture clock's now. */
    TestEvent at(String message, Duration offset) {
        return TestEvent.of(message).at(clock.instant().plus(offset).toEpochMilli());
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code message} field of each stored event. */
    List<String> storedMessages(String group, String stream) {
        List<String> out = new ArrayList<>();
        endpoint.logs().events(group, stream).forEach(e -> out.add(parse(e.message()).get("message").asText()));
        return out;
    }

    @Override
    public void close() {
        for (Shipper<TestEvent> shipper : shippers) {
            shipper.stop(Duration.ofSeconds(5));
        }
        endpoint.close();
    }
}

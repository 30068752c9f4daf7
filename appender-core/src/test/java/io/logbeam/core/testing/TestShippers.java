package io.logbeam.core.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.logbeam.core.destination.Destination;
import io.logbeam.core.engine.Shipper;
import io.logbeam.core.engine.ShipperBuilder;
import io.logbeam.core.engine.ShipperStats;
import io.logbeam.core.event.EncodedEvent;
import io.logbeam.core.event.JsonSchema;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The shippers of one test: each ships {@link TestEvent}s with the {@link TestAdapter} and the schema
 * {@link #SCHEMA}, into one {@link CapturingFallback} and one {@link CapturingDiagnostics} shared by all of them,
 * and is stopped after the test. Register it as a field:
 * {@code @RegisterExtension final TestShippers shippers = new TestShippers();}.
 */
public final class TestShippers implements AfterEachCallback {

    /** Host {@code h}, no Lambda section. */
    public static final JsonSchema SCHEMA = JsonSchema.builder().host("h").lambdaInfo(null).build();

    private static final ObjectMapper JSON = new ObjectMapper();

    private final CapturingFallback fallback = new CapturingFallback();
    private final CapturingDiagnostics diagnostics = new CapturingDiagnostics();
    private final List<Shipper<TestEvent>> started = new ArrayList<>();

    /** The accounting invariant: every published event was delivered, given to the fallback or dropped. */
    public static void assertSettled(ShipperStats stats) {
        assertThat(stats.getPublished()).isEqualTo(stats.getDelivered() + stats.getFallback() + stats.getDropped());
    }

    public CapturingFallback fallback() {
        return fallback;
    }

    public CapturingDiagnostics diagnostics() {
        return diagnostics;
    }

    /** A builder with the encoder, schema, fallback and diagnostics set; add the rest and {@link #start} it. */
    public ShipperBuilder<TestEvent> builder(Destination destination) {
        return Shipper.builder(new TestAdapter(), destination).schema(SCHEMA).fallback(fallback)
                .diagnostics(diagnostics);
    }

    /** Starts the shipper, which is stopped after the test (stopping it before is fine). */
    public Shipper<TestEvent> start(ShipperBuilder<TestEvent> builder) {
        Shipper<TestEvent> shipper = builder.start();
        started.add(shipper);
        return shipper;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        for (Shipper<TestEvent> shipper : started) {
            shipper.stop(Duration.ofSeconds(5));
        }
    }

    /** The {@code message} field of an encoded event. */
    public static String message(EncodedEvent event) {
        try {
            return JSON.readTree(event.json()).get("message").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

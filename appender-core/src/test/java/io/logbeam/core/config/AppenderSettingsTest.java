package io.logbeam.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logbeam.core.ConfigException;
import io.logbeam.core.Shipper;
import io.logbeam.core.Substitutions;
import io.logbeam.core.aws.AwsSettings;
import io.logbeam.core.send.Destination;
import io.logbeam.core.testing.CapturingDiagnostics;
import io.logbeam.core.testing.FakeDestination;
import io.logbeam.core.testing.TestEncoder;
import io.logbeam.core.testing.TestEvent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppenderSettingsTest {

    /** Settings over an in-memory destination, to test the shared properties alone. */
    static final class FakeSettings extends AppenderSettings {
        final FakeDestination destination = new FakeDestination();

        @Override
        protected Destination createDestination(AwsSettings aws, Substitutions substitutions,
                ConfigException.Collector problems) {
            return destination;
        }
    }

    @Test
    void everyInvalidSharedPropertyIsReportedByNameAtOnce() {
        FakeSettings settings = new FakeSettings();
        settings.setBufferSize(-1);
        settings.setOverflowPolicy("wait");
        settings.setMaxBatchDelay("soon");
        settings.setFallback("printer");
        settings.setEndpoint("not a url");
        settings.setStaticFields("novalue");
        settings.setLogType("");
        settings.setMaxInFlight(0);

        assertThatThrownBy(() -> settings.start("bad", new TestEncoder(), new CapturingDiagnostics()))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).extracting(ConfigException.Problem::property)
                        .contains("bufferSize", "overflowPolicy", "maxBatchDelay", "fallback", "endpoint",
                                "staticFields", "logType", "maxInFlight"));
    }

    @Test
    void sharedPropertiesShapeTheShippedEvents() throws Exception {
        FakeSettings settings = new FakeSettings();
        settings.setLogType("orders");
        settings.setLogTypeKey("type");
        settings.setTimeMillisKey("ts");
        settings.setStaticFields("env=prod, service={env:SERVICE:orders-svc}");
        settings.setFieldNames("level=severity");
        settings.setIncludeHost(false);
        settings.setMaxBatchDelay("50ms");
        settings.setJmx(false);
        settings.setFallback("none");
        Substitutions substitutions = new Substitutions(Map.of(), k -> null, java.time.Clock.systemUTC());

        Shipper<TestEvent> shipper = settings.start("ok", new TestEncoder(), new CapturingDiagnostics(), substitutions);
        try {
            shipper.publish(TestEvent.of("hello"), false);
            assertThat(shipper.flush(Duration.ofSeconds(10))).isTrue();
        } finally {
            shipper.stop(Duration.ofSeconds(5));
        }

        JsonNode json = new ObjectMapper().readTree(settings.destination.delivered().get(0).json());
        assertThat(json.get("type").asText()).isEqualTo("orders");
        assertThat(json.get("ts").isNumber()).isTrue();
        assertThat(json.get("env").asText()).isEqualTo("prod");
        assertThat(json.get("service").asText()).isEqualTo("orders-svc");
        assertThat(json.get("severity").asText()).isEqualTo("INFO");
        assertThat(json.has("host")).isFalse();
    }

    @Test
    void aFallbackClassCanBeNamed() {
        FakeSettings settings = new FakeSettings();
        settings.setFallback("java.lang.String");
        assertThatThrownBy(settings::validate).hasMessageContaining("property 'fallback'")
                .hasMessageContaining("io.logbeam.core.Fallback");
        settings.setFallback(io.logbeam.core.testing.CapturingFallback.class.getName());
        settings.validate();
    }
}

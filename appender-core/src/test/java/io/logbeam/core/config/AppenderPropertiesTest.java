package io.logbeam.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logbeam.core.aws.AwsSettings;
import io.logbeam.core.destination.Destination;
import io.logbeam.core.engine.Shipper;
import io.logbeam.core.testing.CapturingDiagnostics;
import io.logbeam.core.testing.FakeDestination;
import io.logbeam.core.testing.TestAdapter;
import io.logbeam.core.testing.TestEvent;
import io.logbeam.core.util.ConfigException;
import io.logbeam.core.util.Substitutions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppenderPropertiesTest {

    /** An in-memory destination, to test the shared properties alone. */
    static final class FakeType implements DestinationType {
        final FakeDestination destination = new FakeDestination();

        @Override
        public List<Property> properties() {
            return List.of();
        }

        @Override
        public Destination create(PropertyReader values, AwsSettings aws, Substitutions substitutions) {
            return destination;
        }
    }

    private final FakeType fake = new FakeType();

    @Test
    void everyInvalidSharedPropertyIsReportedByNameAtOnce() {
        AppenderProperties settings = new AppenderProperties(fake);
        settings.set("bufferSize", -1);
        settings.set("overflowPolicy", "wait");
        settings.set("maxBatchDelay", "soon");
        settings.set("fallback", "printer");
        settings.set("endpoint", "not a url");
        settings.set("staticFields", "novalue");
        settings.set("logType", "");
        settings.set("maxInFlight", 0);

        assertThatThrownBy(() -> settings.start("bad", new TestAdapter(), new CapturingDiagnostics()))
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).extracting(ConfigException.Problem::property)
                        .contains("bufferSize", "overflowPolicy", "maxBatchDelay", "fallback", "endpoint",
                                "staticFields", "logType", "maxInFlight"));
    }

    @Test
    void sharedPropertiesShapeTheShippedEvents() throws Exception {
        AppenderProperties settings = new AppenderProperties(fake);
        settings.set("logType", "orders");
        settings.set("logTypeKey", "type");
        settings.set("timeMillisKey", "ts");
        settings.set("staticFields", "env=prod, service={env:SERVICE:orders-svc}");
        settings.set("fieldNames", "level=severity");
        settings.set("includeHost", false);
        settings.set("maxBatchDelay", "50ms");
        settings.set("jmx", false);
        settings.set("fallback", "none");
        Substitutions substitutions = new Substitutions(Map.of(), k -> null, java.time.Clock.systemUTC());

        Shipper<TestEvent> shipper = settings.start("ok", new TestAdapter(), new CapturingDiagnostics(), substitutions);
        try {
            shipper.publish(TestEvent.of("hello"), false);
            assertThat(shipper.flush(Duration.ofSeconds(10))).isTrue();
        } finally {
            shipper.stop(Duration.ofSeconds(5));
        }

        JsonNode json = new ObjectMapper().readTree(fake.destination.delivered().get(0).json());
        assertThat(json.get("type").asText()).isEqualTo("orders");
        assertThat(json.get("ts").isNumber()).isTrue();
        assertThat(json.get("env").asText()).isEqualTo("prod");
        assertThat(json.get("service").asText()).isEqualTo("orders-svc");
        assertThat(json.get("severity").asText()).isEqualTo("INFO");
        assertThat(json.has("host")).isFalse();
    }

    @Test
    void aFallbackClassCanBeNamed() {
        AppenderProperties settings = new AppenderProperties(fake);
        settings.set("fallback", "java.lang.String");
        assertThatThrownBy(settings::validate).hasMessageContaining("property 'fallback'")
                .hasMessageContaining("io.logbeam.core.fallback.Fallback");
        settings.set("fallback", io.logbeam.core.testing.CapturingFallback.class.getName());
        settings.validate();
    }

    @Test
    void everyTypedPropertyWithTextOfTheWrongTypeIsReportedByNameAtOnce() {
        for (DestinationType type : List.of(DestinationTypes.KINESIS, DestinationTypes.FIREHOSE,
                DestinationTypes.CLOUDWATCH_LOGS)) {
            AppenderProperties properties = new AppenderProperties(type);
            List<String> typed = new java.util.ArrayList<>();
            for (Property p : AppenderProperties.of(type)) {
                if (p.type() != Property.Type.TEXT) {
                    properties.set(p, "yes please");
                    typed.add(p.name());
                }
            }

            assertThatThrownBy(properties::validate).isInstanceOf(ConfigException.class).satisfies(e ->
                    assertThat(((ConfigException) e).problems()).extracting(ConfigException.Problem::property)
                            .as(type + ": every typed property named").containsAll(typed));
        }
    }

    @Test
    void flagsAreTrueOrFalseAndNothingElse() {
        AppenderProperties properties = new AppenderProperties(fake).set("includeMdc", "yes");

        assertThatThrownBy(properties::validate)
                .hasMessageContaining("property 'includeMdc': 'yes' is not true or false");
        properties.set("includeMdc", " FALSE ").validate();
    }

    @Test
    void byteSizesAcceptUnitsOf1024() {
        assertThat(ByteSizes.parse("p", "1048576")).isEqualTo(1_048_576);
        assertThat(ByteSizes.parse("p", "64MB")).isEqualTo(64L << 20);
        assertThat(ByteSizes.parse("p", "64 mb")).isEqualTo(64L << 20);
        assertThat(ByteSizes.parse("p", "256 MiB")).isEqualTo(256L << 20);
        assertThat(ByteSizes.parse("p", "64k")).isEqualTo(64L << 10);
        assertThat(ByteSizes.parse("p", "1.5GB")).isEqualTo(3L << 29);
        assertThat(ByteSizes.parse("p", "100 bytes")).isEqualTo(100);
        for (String bad : List.of("", "MB", "64 MBs", "-1", "1.5", "0.3KB", "64 iB", "9999999999G")) {
            assertThatThrownBy(() -> ByteSizes.parse("bufferMaxBytes", bad)).as(bad)
                    .isInstanceOf(ConfigException.class).hasMessageContaining("property 'bufferMaxBytes'");
        }
    }

    @Test
    void aByteSizeWithAUnitConfiguresTheShipper() {
        AppenderProperties properties = new AppenderProperties(fake).set("bufferMaxBytes", "64MB")
                .set("maxMessageBytes", "16 KiB").set("jmx", "false");

        Shipper<TestEvent> shipper = properties.start("sizes", new TestAdapter(), new CapturingDiagnostics());
        try {
            assertThat(shipper.config().bufferMaxBytes()).isEqualTo(64L << 20);
            assertThat(shipper.config().maxMessageBytes()).isEqualTo(16 << 10);
        } finally {
            shipper.stop(Duration.ofSeconds(5));
        }
    }

    @Test
    void anUnknownPropertyIsAnAdaptersMistake() {
        assertThatThrownBy(() -> new AppenderProperties(DestinationTypes.FIREHOSE).set("streamName", "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("streamName");
    }
}

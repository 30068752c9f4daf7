package io.logbeam.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logbeam.core.engine.Shipper;
import io.logbeam.core.testing.CapturingDiagnostics;
import io.logbeam.core.testing.TestAdapter;
import io.logbeam.core.testing.TestEvent;
import io.logbeam.core.util.ConfigException;
import io.logbeam.core.util.Substitutions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The properties of field control and structured values, read from text as both adapters hand them over. */
class StructuredPropertiesTest {

    /** A factory as a user writes one: their mapper, their naming. */
    public static final class SnakeCaseMapper implements Supplier<ObjectMapper> {
        @Override
        public ObjectMapper get() {
            return new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
        }
    }

    /** Supplies something else. */
    public static final class NotAMapper implements Supplier<Object> {
        @Override
        public Object get() {
            return "mapper";
        }
    }

    record Shipment(String trackingId) {
    }

    private final AppenderPropertiesTest.FakeType fake = new AppenderPropertiesTest.FakeType();

    private JsonNode ship(AppenderProperties settings, TestEvent event) throws Exception {
        settings.set("maxBatchDelay", "50ms").set("jmx", false).set("includeHost", false);
        Substitutions substitutions = new Substitutions(Map.of("ZONE", "eu-1"), k -> null, Clock.systemUTC());
        Shipper<TestEvent> shipper = settings.start("s", new TestAdapter(), new CapturingDiagnostics(), substitutions);
        try {
            shipper.publish(event, false);
            assertThat(shipper.flush(Duration.ofSeconds(10))).isTrue();
        } finally {
            shipper.stop(Duration.ofSeconds(5));
        }
        return new ObjectMapper().readTree(fake.destination.delivered().get(0).json());
    }

    @Test
    void theFieldControlPropertiesShapeTheEvent() throws Exception {
        AppenderProperties settings = new AppenderProperties(fake).set("excludeMdcKeys", "session, trace")
                .set("includeKeyValueKeys", "amount,card,shipment").set("maskKeys", "card")
                .set("maskPattern", "secret-\\d+").set("objectMapperFactory", SnakeCaseMapper.class.getName())
                .set("maxStackFrames", "1").set("rootCauseFirst", "true")
                .set("staticFields", "env=prod,replicas=3,ratio=0.5,canary=false,none=null,build=\"1.10\","
                        + "zone={env:ZONE},owner.team=payments,owner.oncall=\"ann, bob\"");
        TestEvent event = TestEvent.of("token secret-42").mdc("session", "s").mdc("user", "u").kv("amount", 3)
                .kv("card", "4111").kv("debug", true).thrown(new IllegalStateException("x", new RuntimeException("root")));
        event.kv.put("shipment", new Shipment("t-1"));

        JsonNode json = ship(settings, event);
        assertThat(json.get("message").asText()).isEqualTo("token ****");
        assertThat(json.get("mdc").toString()).isEqualTo("{\"user\":\"u\"}");
        assertThat(json.get("kv").toString()).isEqualTo(
                "{\"amount\":3,\"card\":\"****\",\"shipment\":{\"tracking_id\":\"t-1\"}}");
        assertThat(json.get("exception").get("stack").asText()).startsWith("java.lang.RuntimeException: root\n")
                .contains("Wrapped by: java.lang.IllegalStateException: x").contains("frames left out (maxStackFrames)");
        assertThat(json.get("env").asText()).isEqualTo("prod");
        assertThat(json.get("replicas").isIntegralNumber()).isTrue();
        assertThat(json.get("ratio").decimalValue()).isEqualByComparingTo("0.5");
        assertThat(json.get("canary").isBoolean()).isTrue();
        assertThat(json.get("none").isNull()).isTrue();
        assertThat(json.get("build").asText()).isEqualTo("1.10");
        assertThat(json.get("zone").asText()).isEqualTo("eu-1");
        assertThat(json.get("owner").toString()).isEqualTo("{\"team\":\"payments\",\"oncall\":\"ann, bob\"}");
    }

    @Test
    void everyInvalidFieldControlPropertyIsReportedByName() {
        AppenderProperties settings = new AppenderProperties(fake).set("includeMdcKeys", "a").set("excludeMdcKeys", "b")
                .set("maskPattern", "(unclosed").set("maxStackFrames", "-1").set("maxCauseDepth", "65")
                .set("objectMapperFactory", NotAMapper.class.getName()).set("staticFields", "a=1,a.b=2");
        assertThatThrownBy(settings::validate).isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).extracting(ConfigException.Problem::property)
                        .containsExactlyInAnyOrder("includeMdcKeys", "maskPattern", "maxStackFrames",
                                "maxCauseDepth", "objectMapperFactory", "staticFields"));
    }

    @Test
    void aMapperFactoryMustBeASupplierOfAnObjectMapper() {
        for (String name : List.of("com.acme.Missing", String.class.getName(), NotAMapper.class.getName())) {
            AppenderProperties settings = new AppenderProperties(fake).set("objectMapperFactory", name);
            assertThatThrownBy(settings::validate).hasMessageContaining("property 'objectMapperFactory'");
        }
    }
}

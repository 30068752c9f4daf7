package io.logbeam.core.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SubstitutionsTest {

    private final Substitutions substitutions = new Substitutions(
            Map.of("STAGE", "prod", "AWS_LAMBDA_FUNCTION_NAME", "orders-fn"),
            key -> key.equals("app.name") ? "orders" : null,
            Clock.fixed(Instant.parse("2026-11-27T23:59:59Z"), ZoneOffset.UTC));

    @Test
    void resolvesEveryPlaceholder() {
        assertThat(substitutions.resolve("logStream", "{env:STAGE}-{sysprop:app.name}-{date}"))
                .isEqualTo("prod-orders-2026-11-27");
        assertThat(substitutions.resolve("logStream", "{lambda.function}")).isEqualTo("orders-fn");
        assertThat(substitutions.resolve("logStream", "{hostname}")).isEqualTo(HostInfo.hostname()).isNotBlank();
        assertThat(substitutions.resolve("logStream", "{pid}")).isEqualTo(Long.toString(ProcessHandle.current().pid()));
        assertThat(UUID.fromString(substitutions.resolve("logStream", "{uuid}"))).isNotNull();
        assertThat(substitutions.resolve("logStream", "plain")).isEqualTo("plain");
    }

    @Test
    void defaultsApplyOnlyWhenTheSourceIsUnset() {
        assertThat(substitutions.resolve("streamName", "{env:MISSING:fallback}")).isEqualTo("fallback");
        assertThat(substitutions.resolve("streamName", "{env:STAGE:fallback}")).isEqualTo("prod");
        assertThat(substitutions.resolve("streamName", "{sysprop:missing:}")).isEmpty();
    }

    @Test
    void unknownOrUnresolvablePlaceholdersAreConfigurationErrors() {
        assertThatThrownBy(() -> substitutions.resolve("logGroup", "{env:MISSING}"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("property 'logGroup'")
                .hasMessageContaining("MISSING is not set");
        assertThatThrownBy(() -> substitutions.resolve("logGroup", "{nope}"))
                .hasMessageContaining("unknown placeholder '{nope}'");
        assertThatThrownBy(() -> substitutions.resolve("logGroup", "a{env:X"))
                .hasMessageContaining("unclosed");
        Substitutions outsideLambda = new Substitutions(Map.of(), key -> null, Clock.systemUTC());
        assertThatThrownBy(() -> outsideLambda.resolve("logStream", "{lambda.function}"))
                .hasMessageContaining("AWS_LAMBDA_FUNCTION_NAME");
    }
}

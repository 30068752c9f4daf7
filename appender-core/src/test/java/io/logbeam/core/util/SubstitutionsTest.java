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

    @Test
    void theStartupTimestampIsTheJvmsStartInUtcAndFitsEveryName() {
        Substitutions at = new Substitutions(Map.of(), key -> null, Clock.systemUTC(),
                Instant.parse("2026-12-04T21:05:09.250Z").toEpochMilli());
        assertThat(at.resolve("logStream", "orders-{startupTimestamp}")).isEqualTo("orders-20261204T210509Z");
        assertThat(substitutions.resolve("logStream", "{startupTimestamp}")).matches("\\d{8}T\\d{6}Z");
    }

    @Test
    void networkPlaceholdersResolveOnlyThroughTheFactsGiven() {
        assertThatThrownBy(() -> substitutions.resolve("logGroup", "/acme/{aws:accountId}"))
                .hasMessageContaining("property 'logGroup': '{aws:accountId}' is looked up over the network");
        assertThat(substitutions.withRemote(name -> name.equals("ec2:region") ? "eu-west-1" : "i-1")
                .resolve("logStream", "{ec2:region}/{ec2:instanceId}")).isEqualTo("eu-west-1/i-1");
        assertThatThrownBy(() -> substitutions.withRemote(name -> {
            throw new IllegalStateException("AccessDenied: not authorized to perform sts:GetCallerIdentity");
        }).resolve("logGroup", "/acme/{aws:accountId}")).isInstanceOf(ConfigException.class).hasMessage(
                "invalid Logbeam configuration: property 'logGroup': '{aws:accountId}' could not be resolved: "
                        + "AccessDenied: not authorized to perform sts:GetCallerIdentity");
        assertThat(substitutions.withStandIns().resolve("logGroup", "/acme/{aws:accountId}"))
                .isEqualTo("/acme/000000000000");
        assertThat(Substitutions.hasRemote("{ec2:region}-x")).isTrue();
        assertThat(Substitutions.hasRemote("{env:X}")).isFalse();
    }
}

package io.logbeam.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logbeam.core.cloudwatch.CloudWatchLimits;
import io.logbeam.core.cloudwatch.CloudWatchLogsDestination;
import io.logbeam.core.util.ConfigException;
import io.logbeam.core.util.HostInfo;
import io.logbeam.core.util.Substitutions;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CloudWatchLogsPropertiesTest {

    private final Substitutions substitutions = new Substitutions(
            Map.of("STAGE", "prod", "AWS_LAMBDA_FUNCTION_NAME", "orders-api", "BAD", "a:b"),
            name -> name.equals("app") ? "orders" : null,
            Clock.fixed(Instant.parse("2026-11-22T23:59:59Z"), ZoneOffset.UTC));

    private CloudWatchLogsDestination create(AppenderProperties settings) {
        ConfigException.Collector problems = new ConfigException.Collector();
        CloudWatchLogsDestination destination = (CloudWatchLogsDestination) settings.createDestination(substitutions, problems);
        problems.throwIfAny();
        return destination;
    }

    private static List<String> problems(AppenderProperties settings, Substitutions substitutions) {
        ConfigException.Collector problems = new ConfigException.Collector();
        settings.createDestination(substitutions, problems);
        return problems.problems().stream().map(ConfigException.Problem::toString).toList();
    }

    private List<String> problems(AppenderProperties settings) {
        return problems(settings, substitutions);
    }

    @Test
    void placeholdersAreResolvedOnceAtStart() {
        AppenderProperties settings = new AppenderProperties(DestinationTypes.CLOUDWATCH_LOGS).set("region", "eu-west-1");
        settings.set("logGroup", "/{sysprop:app}/{env:STAGE}/{date}");
        settings.set("logStream", "{lambda.function}-{env:MISSING:default}");

        CloudWatchLogsDestination destination = create(settings);

        assertThat(destination.logGroup()).isEqualTo("/orders/prod/2026-11-22");
        assertThat(destination.logStream()).isEqualTo("orders-api-default");
        assertThat(destination.describe()).isEqualTo(
                "CloudWatch Logs group '/orders/prod/2026-11-22' stream 'orders-api-default' (eu-west-1)");
    }

    @Test
    void streamDefaultsToHostnameAndPid() {
        AppenderProperties settings = new AppenderProperties(DestinationTypes.CLOUDWATCH_LOGS).set("region", "eu-west-1");
        settings.set("logGroup", "app");

        assertThat(create(settings).logStream()).isEqualTo(HostInfo.hostname() + "-" + HostInfo.pid());
        assertThat(create(settings).maxEventBytes()).isEqualTo(1_048_550);
    }

    @Test
    void aFixedStreamNameIsOneApplicationWideStream() {
        AppenderProperties settings = new AppenderProperties(DestinationTypes.CLOUDWATCH_LOGS).set("region", "eu-west-1");
        settings.set("logGroup", "/aws/lambda-apps/orders");
        settings.set("logStream", "orders-app");

        assertThat(create(settings).logStream()).isEqualTo("orders-app");
    }

    @Test
    void missingLogGroupIsNamed() {
        assertThat(problems(new AppenderProperties(DestinationTypes.CLOUDWATCH_LOGS).set("region", "eu-west-1"))).containsExactly("property 'logGroup': is required");
        AppenderProperties blank = new AppenderProperties(DestinationTypes.CLOUDWATCH_LOGS).set("region", "eu-west-1");
        blank.set("logGroup", "  ");
        assertThat(problems(blank)).containsExactly("property 'logGroup': is required");
    }

    @Test
    void everyInvalidPropertyIsReportedAtOnceByName() {
        AppenderProperties settings = new AppenderProperties(DestinationTypes.CLOUDWATCH_LOGS).set("region", "eu-west-1");
        settings.set("logGroup", "my group");
        settings.set("logStream", "a*b");
        settings.set("retentionDays", 10);
        settings.set("logGroupClass", "GLACIER");
        settings.set("maxEventBytes", 2_000_000);

        assertThat(problems(settings)).hasSize(5).anySatisfy(p -> assertThat(p).startsWith("property 'logGroup':")
                .contains("letters, digits"))
                .anySatisfy(p -> assertThat(p).startsWith("property 'logStream':").contains("':' or '*'"))
                .anySatisfy(p -> assertThat(p).startsWith("property 'retentionDays':").contains("1, 3, 5, 7, 14"))
                .anySatisfy(p -> assertThat(p).startsWith("property 'logGroupClass':")
                        .contains("STANDARD, INFREQUENT_ACCESS"))
                .anySatisfy(p -> assertThat(p).startsWith("property 'maxEventBytes':").contains("1048550"));
    }

    @Test
    void aMissingGroupDoesNotHideAnInvalidStream() {
        AppenderProperties settings = new AppenderProperties(DestinationTypes.CLOUDWATCH_LOGS).set("region", "eu-west-1");
        settings.set("logStream", "{env:BAD}");
        assertThat(problems(settings)).containsExactlyInAnyOrder("property 'logGroup': is required",
                "property 'logStream': 'a:b' must not contain ':' or '*'");
    }

    @Test
    void nameRulesApplyAfterSubstitution() {
        AppenderProperties settings = new AppenderProperties(DestinationTypes.CLOUDWATCH_LOGS).set("region", "eu-west-1");
        settings.set("logGroup", "g");
        settings.set("logStream", "{env:BAD}");
        assertThat(problems(settings)).containsExactly("property 'logStream': 'a:b' must not contain ':' or '*'");

        AppenderProperties longName = new AppenderProperties(DestinationTypes.CLOUDWATCH_LOGS).set("region", "eu-west-1");
        longName.set("logGroup", "g{env:LONG}");
        Substitutions longValue = new Substitutions(Map.of("LONG", "x".repeat(512)), n -> null, Clock.systemUTC());
        assertThat(problems(longName, longValue)).singleElement().asString().startsWith("property 'logGroup':")
                .contains("1 to 512 characters");
    }

    @Test
    void unresolvablePlaceholdersAreNamedTogetherWithOtherProblems() {
        AppenderProperties settings = new AppenderProperties(DestinationTypes.CLOUDWATCH_LOGS).set("region", "eu-west-1");
        settings.set("logGroup", "{env:NOPE}");
        settings.set("logStream", "{nonsense}");
        settings.set("retentionDays", 2);

        assertThat(problems(settings)).hasSize(3)
                .anySatisfy(p -> assertThat(p).startsWith("property 'logGroup':").contains("NOPE"))
                .anySatisfy(p -> assertThat(p).startsWith("property 'logStream':").contains("{nonsense}"))
                .anySatisfy(p -> assertThat(p).startsWith("property 'retentionDays':"));
    }

    @Test
    void acceptsEveryAllowedRetentionBothClassesAndTheLegacyEventSize() {
        for (int days : CloudWatchLimits.RETENTION_DAYS) {
            AppenderProperties settings = new AppenderProperties(DestinationTypes.CLOUDWATCH_LOGS).set("region", "eu-west-1");
            settings.set("logGroup", "g");
            settings.set("retentionDays", days);
            assertThat(problems(settings)).isEmpty();
        }
        for (String groupClass : List.of("STANDARD", "infrequent_access", "Infrequent-Access")) {
            AppenderProperties settings = new AppenderProperties(DestinationTypes.CLOUDWATCH_LOGS).set("region", "eu-west-1");
            settings.set("logGroup", "g");
            settings.set("logGroupClass", groupClass);
            assertThat(problems(settings)).isEmpty();
        }
        AppenderProperties legacy = new AppenderProperties(DestinationTypes.CLOUDWATCH_LOGS).set("region", "eu-west-1");
        legacy.set("logGroup", "g");
        legacy.set("maxEventBytes", CloudWatchLimits.LEGACY_MAX_EVENT_BYTES);
        assertThat(create(legacy).maxEventBytes()).isEqualTo(262_118);
    }

    @Test
    void maxEventBytesHasALowerBoundToo() {
        AppenderProperties settings = new AppenderProperties(DestinationTypes.CLOUDWATCH_LOGS).set("region", "eu-west-1");
        settings.set("logGroup", "g");
        settings.set("maxEventBytes", 100);
        assertThat(problems(settings)).singleElement().asString().startsWith("property 'maxEventBytes':")
                .contains("8192");
    }

    @Test
    void validateReportsThroughTheSharedSettings() {
        AppenderProperties settings = new AppenderProperties(DestinationTypes.CLOUDWATCH_LOGS).set("region", "eu-west-1");
        settings.set("retentionDays", 4);
        assertThatThrownBy(settings::validate).isInstanceOf(ConfigException.class)
                .hasMessageContaining("property 'logGroup': is required")
                .hasMessageContaining("property 'retentionDays'");
    }
}

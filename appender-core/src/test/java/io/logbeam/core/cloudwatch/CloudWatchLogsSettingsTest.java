package io.logbeam.core.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logbeam.core.ConfigException;
import io.logbeam.core.HostInfo;
import io.logbeam.core.Substitutions;
import io.logbeam.core.aws.AwsSettings;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CloudWatchLogsSettingsTest {

    private static final AwsSettings AWS = AwsSettings.builder().region("eu-west-1").build();

    private final Substitutions substitutions = new Substitutions(
            Map.of("STAGE", "prod", "AWS_LAMBDA_FUNCTION_NAME", "orders-api", "BAD", "a:b"),
            name -> name.equals("app") ? "orders" : null,
            Clock.fixed(Instant.parse("2026-11-22T23:59:59Z"), ZoneOffset.UTC));

    private CloudWatchLogsDestination create(CloudWatchLogsSettings settings) {
        ConfigException.Collector problems = new ConfigException.Collector();
        CloudWatchLogsDestination destination = (CloudWatchLogsDestination) settings.createDestination(AWS,
                substitutions, problems);
        problems.throwIfAny();
        return destination;
    }

    private static List<String> problems(CloudWatchLogsSettings settings, Substitutions substitutions) {
        ConfigException.Collector problems = new ConfigException.Collector();
        settings.createDestination(AWS, substitutions, problems);
        return problems.problems().stream().map(ConfigException.Problem::toString).toList();
    }

    private List<String> problems(CloudWatchLogsSettings settings) {
        return problems(settings, substitutions);
    }

    @Test
    void placeholdersAreResolvedOnceAtStart() {
        CloudWatchLogsSettings settings = new CloudWatchLogsSettings();
        settings.setLogGroup("/{sysprop:app}/{env:STAGE}/{date}");
        settings.setLogStream("{lambda.function}-{env:MISSING:default}");

        CloudWatchLogsDestination destination = create(settings);

        assertThat(destination.logGroup()).isEqualTo("/orders/prod/2026-11-22");
        assertThat(destination.logStream()).isEqualTo("orders-api-default");
        assertThat(destination.describe()).isEqualTo(
                "CloudWatch Logs group '/orders/prod/2026-11-22' stream 'orders-api-default' (eu-west-1)");
    }

    @Test
    void streamDefaultsToHostnameAndPid() {
        CloudWatchLogsSettings settings = new CloudWatchLogsSettings();
        settings.setLogGroup("app");

        assertThat(create(settings).logStream()).isEqualTo(HostInfo.hostname() + "-" + HostInfo.pid());
        assertThat(create(settings).maxEventBytes()).isEqualTo(1_048_550);
    }

    @Test
    void aFixedStreamNameIsOneApplicationWideStream() {
        CloudWatchLogsSettings settings = new CloudWatchLogsSettings();
        settings.setLogGroup("/aws/lambda-apps/orders");
        settings.setLogStream("orders-app");

        assertThat(create(settings).logStream()).isEqualTo("orders-app");
    }

    @Test
    void missingLogGroupIsNamed() {
        assertThat(problems(new CloudWatchLogsSettings())).containsExactly("property 'logGroup': is required");
        CloudWatchLogsSettings blank = new CloudWatchLogsSettings();
        blank.setLogGroup("  ");
        assertThat(problems(blank)).containsExactly("property 'logGroup': is required");
    }

    @Test
    void everyInvalidPropertyIsReportedAtOnceByName() {
        CloudWatchLogsSettings settings = new CloudWatchLogsSettings();
        settings.setLogGroup("my group");
        settings.setLogStream("a*b");
        settings.setRetentionDays(10);
        settings.setLogGroupClass("GLACIER");
        settings.setMaxEventBytes(2_000_000);

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
        CloudWatchLogsSettings settings = new CloudWatchLogsSettings();
        settings.setLogStream("{env:BAD}");
        assertThat(problems(settings)).containsExactlyInAnyOrder("property 'logGroup': is required",
                "property 'logStream': 'a:b' must not contain ':' or '*'");
    }

    @Test
    void nameRulesApplyAfterSubstitution() {
        CloudWatchLogsSettings settings = new CloudWatchLogsSettings();
        settings.setLogGroup("g");
        settings.setLogStream("{env:BAD}");
        assertThat(problems(settings)).containsExactly("property 'logStream': 'a:b' must not contain ':' or '*'");

        CloudWatchLogsSettings longName = new CloudWatchLogsSettings();
        longName.setLogGroup("g{env:LONG}");
        Substitutions longValue = new Substitutions(Map.of("LONG", "x".repeat(512)), n -> null, Clock.systemUTC());
        assertThat(problems(longName, longValue)).singleElement().asString().startsWith("property 'logGroup':")
                .contains("1 to 512 characters");
    }

    @Test
    void unresolvablePlaceholdersAreNamedTogetherWithOtherProblems() {
        CloudWatchLogsSettings settings = new CloudWatchLogsSettings();
        settings.setLogGroup("{env:NOPE}");
        settings.setLogStream("{nonsense}");
        settings.setRetentionDays(2);

        assertThat(problems(settings)).hasSize(3)
                .anySatisfy(p -> assertThat(p).startsWith("property 'logGroup':").contains("NOPE"))
                .anySatisfy(p -> assertThat(p).startsWith("property 'logStream':").contains("{nonsense}"))
                .anySatisfy(p -> assertThat(p).startsWith("property 'retentionDays':"));
    }

    @Test
    void acceptsEveryAllowedRetentionBothClassesAndTheLegacyEventSize() {
        for (int days : CloudWatchLimits.RETENTION_DAYS) {
            CloudWatchLogsSettings settings = new CloudWatchLogsSettings();
            settings.setLogGroup("g");
            settings.setRetentionDays(days);
            assertThat(problems(settings)).isEmpty();
        }
        for (String groupClass : List.of("STANDARD", "infrequent_access", "Infrequent-Access")) {
            CloudWatchLogsSettings settings = new CloudWatchLogsSettings();
            settings.setLogGroup("g");
            settings.setLogGroupClass(groupClass);
            assertThat(problems(settings)).isEmpty();
        }
        CloudWatchLogsSettings legacy = new CloudWatchLogsSettings();
        legacy.setLogGroup("g");
        legacy.setMaxEventBytes(CloudWatchLimits.LEGACY_MAX_EVENT_BYTES);
        assertThat(create(legacy).maxEventBytes()).isEqualTo(262_118);
    }

    @Test
    void maxEventBytesHasALowerBoundToo() {
        CloudWatchLogsSettings settings = new CloudWatchLogsSettings();
        settings.setLogGroup("g");
        settings.setMaxEventBytes(100);
        assertThat(problems(settings)).singleElement().asString().startsWith("property 'maxEventBytes':")
                .contains("8192");
    }

    @Test
    void validateReportsThroughTheSharedSettings() {
        CloudWatchLogsSettings settings = new CloudWatchLogsSettings();
        settings.setRetentionDays(4);
        assertThatThrownBy(settings::validate).isInstanceOf(ConfigException.class)
                .hasMessageContaining("property 'logGroup': is required")
                .hasMessageContaining("property 'retentionDays'");
    }
}

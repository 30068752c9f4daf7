package io.logbeam.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logbeam.core.destination.Destination;
import io.logbeam.core.firehose.FirehoseDestination;
import io.logbeam.core.util.ConfigException;
import io.logbeam.core.util.Substitutions;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FirehosePropertiesTest {

    private static final Substitutions SUBSTITUTIONS = new Substitutions(Map.of("STAGE", "prod"), key -> null,
            Clock.systemUTC());

    private static AppenderProperties settings(String stream) {
        AppenderProperties s = new AppenderProperties(DestinationTypes.FIREHOSE).set("region", "eu-west-1");
        s.set("deliveryStreamName", stream);
        return s;
    }

    private static List<ConfigException.Problem> problems(AppenderProperties settings) {
        ConfigException.Collector problems = new ConfigException.Collector();
        Destination d = settings.createDestination(SUBSTITUTIONS, problems);
        if (problems.problems().isEmpty()) {
            assertThat(d).isNotNull();
        } else {
            assertThat(d).isNull();
        }
        return problems.problems();
    }

    private static FirehoseDestination destination(AppenderProperties settings) {
        ConfigException.Collector problems = new ConfigException.Collector();
        Destination d = settings.createDestination(SUBSTITUTIONS, problems);
        assertThat(problems.problems()).isEmpty();
        return (FirehoseDestination) d;
    }

    @Test
    void defaultsAreOneEventPerRecordOfAtMostOneThousandKibibytes() {
        FirehoseDestination d = destination(settings("app-logs"));

        assertThat(d.deliveryStreamName()).isEqualTo("app-logs");
        assertThat(d.packRecords()).isFalse();
        assertThat(d.maxRecordBytes()).isEqualTo(1_024_000);
        assertThat(d.maxEventBytes()).isEqualTo(1_023_999); // room for the line end
        assertThat(d.describe()).isEqualTo("Firehose delivery stream 'app-logs' (eu-west-1)");
    }

    @Test
    void placeholdersInTheStreamNameAreResolvedAtStart() {
        AppenderProperties s = settings("logs-{env:STAGE}-{env:REGION_SUFFIX:eu}");
        s.set("packRecords", true);
        s.set("maxRecordBytes", 65_536);

        FirehoseDestination d = destination(s);

        assertThat(d.deliveryStreamName()).isEqualTo("logs-prod-eu");
        assertThat(d.packRecords()).isTrue();
        assertThat(d.maxEventBytes()).isEqualTo(65_535);
    }

    @Test
    void aMissingStreamNameIsNamed() {
        assertThat(problems(settings(null))).extracting(ConfigException.Problem::property)
                .containsExactly("deliveryStreamName");
        assertThat(problems(settings("  "))).extracting(ConfigException.Problem::property)
                .containsExactly("deliveryStreamName");
    }

    @Test
    void anUnresolvablePlaceholderIsNamed() {
        List<ConfigException.Problem> p = problems(settings("logs-{env:NOPE}"));

        assertThat(p).hasSize(1);
        assertThat(p.get(0).property()).isEqualTo("deliveryStreamName");
        assertThat(p.get(0).message()).contains("NOPE");
    }

    @Test
    void streamNamesFirehoseWouldRefuseAreRejectedAtStart() {
        assertThat(problems(settings("has space"))).singleElement()
                .satisfies(p -> assertThat(p.toString()).contains("deliveryStreamName", "'has space'"));
        assertThat(problems(settings("x".repeat(65)))).singleElement()
                .satisfies(p -> assertThat(p.property()).isEqualTo("deliveryStreamName"));
        assertThat(problems(settings("a/b"))).hasSize(1);
        assertThat(problems(settings("Ok_name.v2-x"))).isEmpty();
        assertThat(problems(settings("x".repeat(64)))).isEmpty();
    }

    @Test
    void aResolvedNameThatIsInvalidShowsWhereItCameFrom() {
        Substitutions odd = new Substitutions(Map.of("STAGE", "pr od"), key -> null, Clock.systemUTC());
        ConfigException.Collector problems = new ConfigException.Collector();
        settings("logs-{env:STAGE}").createDestination(odd, problems);

        assertThat(problems.problems()).singleElement().satisfies(p -> assertThat(p.message())
                .contains("'logs-pr od'", "from 'logs-{env:STAGE}'"));
    }

    @Test
    void maxRecordBytesMustFitTheServiceAndTheSmallestEvent() {
        AppenderProperties negative = settings("logs").set("maxRecordBytes", -1);
        assertThat(problems(negative)).singleElement().satisfies(p -> assertThat(p.property()).isEqualTo("maxRecordBytes"));
        for (int bad : new int[] {0, 8_192, 1_024_001, Integer.MAX_VALUE}) {
            AppenderProperties s = settings("logs");
            s.set("maxRecordBytes", bad);
            assertThat(problems(s)).singleElement().satisfies(p -> {
                assertThat(p.property()).isEqualTo("maxRecordBytes");
                assertThat(p.message()).contains("8193", "1024000", String.valueOf(bad));
            });
        }
        for (int good : new int[] {8_193, 1_024_000}) {
            AppenderProperties s = settings("logs");
            s.set("maxRecordBytes", good);
            assertThat(problems(s)).isEmpty();
        }
    }

    @Test
    void everyBadPropertyIsReportedAtOnce() {
        AppenderProperties s = settings(null);
        s.set("maxRecordBytes", 5);
        s.set("bufferSize", 3); // a shared property, validated by the core

        assertThatThrownBy(s::validate).isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).extracting(ConfigException.Problem::property)
                        .contains("deliveryStreamName", "maxRecordBytes", "bufferSize"));
    }
}

package io.logbeam.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logbeam.core.kinesis.Compression;
import io.logbeam.core.testing.CapturingDiagnostics;
import io.logbeam.core.testing.TestAdapter;
import io.logbeam.core.util.ConfigException;
import io.logbeam.core.util.Substitutions;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class KinesisPropertiesTest {

    private static final Substitutions SUBSTITUTIONS = new Substitutions(Map.of("STAGE", "prod"), k -> null,
            Clock.systemUTC());

    private static List<String> badProperties(Consumer<AppenderProperties> configure) {
        AppenderProperties settings = new AppenderProperties(DestinationTypes.KINESIS);
        settings.set("region", "us-east-1");
        settings.set("streamName", "logs");
        configure.accept(settings);
        try {
            settings.start("test", new TestAdapter(), new CapturingDiagnostics(), SUBSTITUTIONS).stop();
            return List.of();
        } catch (ConfigException e) {
            return e.problems().stream().map(ConfigException.Problem::property).toList();
        }
    }

    @Test
    void theDefaultsAreValid() {
        assertThat(badProperties(s -> { })).isEmpty();
    }

    @Test
    void aStreamIsRequired() {
        assertThat(badProperties(s -> s.set("streamName", " "))).containsExactly("streamName");
    }

    @Test
    void everyInvalidPropertyIsNamedAtOnce() {
        assertThat(badProperties(s -> {
            s.set("streamName", "bad name!");
            s.set("partitionKey", "{mdc:}");
            s.set("compression", "zstd");
            s.set("maxRecordBytes", 11 * 1024 * 1024);
            s.set("maxRequestBytes", 11 * 1024 * 1024);
            s.set("aggregationMaxBytes", 10);
            s.set("shardCount", -1);
        })).containsExactlyInAnyOrder("streamName", "partitionKey", "compression", "maxRecordBytes",
                "maxRequestBytes", "aggregationMaxBytes", "shardCount");
    }

    @Test
    void compressionLevelIsOneToNineAndCheckedEvenWithoutGzip() {
        for (int level : new int[] {0, 10, -1}) {
            assertThat(badProperties(s -> {
                s.set("compression", "gzip");
                s.set("compressionLevel", level);
            })).as("level %d", level).containsExactly("compressionLevel");
            assertThat(badProperties(s -> s.set("compressionLevel", level))).containsExactly("compressionLevel");
        }
        for (int level : new int[] {1, 6, 9}) {
            assertThat(badProperties(s -> {
                s.set("compression", "gzip");
                s.set("compressionLevel", level);
            })).isEmpty();
        }
        assertThatThrownBy(() -> Compression.checkLevel(10)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("compressionLevel").hasMessageContaining("1 (fastest) .. 9 (smallest)");
    }

    @Test
    void sizesMustBeConsistent() {
        assertThat(badProperties(s -> s.set("maxRecordBytes", 1000))).containsExactly("maxRecordBytes");
        assertThat(badProperties(s -> {
            s.set("maxRecordBytes", 2 * 1024 * 1024);
            s.set("maxRequestBytes", 1024 * 1024);
        })).containsExactly("maxRequestBytes");
        assertThat(badProperties(s -> s.set("aggregationMaxBytes", 2 * 1024 * 1024))).containsExactly("aggregationMaxBytes");
        assertThat(badProperties(s -> {
            s.set("maxRecordBytes", 10 * 1024 * 1024);
            s.set("maxRequestBytes", 10 * 1024 * 1024);
            s.set("aggregationMaxBytes", 256 * 1024);
        })).isEmpty();
    }

    @Test
    void streamNameAndArnAreExclusiveAndChecked() {
        assertThat(badProperties(s -> s.set("streamArn", "arn:aws:kinesis:us-east-1:123456789012:stream/logs")))
                .containsExactly("streamArn");
        assertThat(badProperties(s -> {
            s.set("streamName", null);
            s.set("streamArn", "arn:aws:kinesis:us-east-1:123456789012:stream/logs");
        })).isEmpty();
        assertThat(badProperties(s -> {
            s.set("streamName", null);
            s.set("streamArn", "logs");
        })).containsExactly("streamArn");
    }

    @Test
    void autoCreateOptionsAreChecked() {
        assertThat(badProperties(s -> s.set("shardCount", 2))).containsExactly("shardCount");
        assertThat(badProperties(s -> {
            s.set("autoCreate", true);
            s.set("shardCount", 2);
        })).isEmpty();
        assertThat(badProperties(s -> {
            s.set("streamName", null);
            s.set("streamArn", "arn:aws:kinesis:us-east-1:123456789012:stream/logs");
            s.set("autoCreate", true);
        })).containsExactly("autoCreate");
    }

    @Test
    void anUnresolvablePlaceholderInTheStreamNameIsNamed() {
        assertThat(badProperties(s -> s.set("streamName", "logs-{env:UNSET}"))).containsExactly("streamName");
    }
}

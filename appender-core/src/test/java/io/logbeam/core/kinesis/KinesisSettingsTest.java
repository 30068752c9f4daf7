package io.logbeam.core.kinesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logbeam.core.ConfigException;
import io.logbeam.core.Substitutions;
import io.logbeam.core.testing.CapturingDiagnostics;
import io.logbeam.core.testing.TestEncoder;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class KinesisSettingsTest {

    private static final Substitutions SUBSTITUTIONS = new Substitutions(Map.of("STAGE", "prod"), k -> null,
            Clock.systemUTC());

    private static List<String> badProperties(Consumer<KinesisSettings> configure) {
        KinesisSettings settings = new KinesisSettings();
        settings.setRegion("us-east-1");
        settings.setStreamName("logs");
        configure.accept(settings);
        try {
            settings.start("test", new TestEncoder(), new CapturingDiagnostics(), SUBSTITUTIONS).stop();
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
        assertThat(badProperties(s -> s.setStreamName(" "))).containsExactly("streamName");
    }

    @Test
    void everyInvalidPropertyIsNamedAtOnce() {
        assertThat(badProperties(s -> {
            s.setStreamName("bad name!");
            s.setPartitionKey("{mdc:}");
            s.setCompression("zstd");
            s.setMaxRecordBytes(11 * 1024 * 1024);
            s.setMaxRequestBytes(11 * 1024 * 1024);
            s.setAggregationMaxBytes(10);
            s.setShardCount(-1);
        })).containsExactlyInAnyOrder("streamName", "partitionKey", "compression", "maxRecordBytes",
                "maxRequestBytes", "aggregationMaxBytes", "shardCount");
    }

    @Test
    void compressionLevelIsOneToNineAndCheckedEvenWithoutGzip() {
        for (int level : new int[] {0, 10, -1}) {
            assertThat(badProperties(s -> {
                s.setCompression("gzip");
                s.setCompressionLevel(level);
            })).as("level %d", level).containsExactly("compressionLevel");
            assertThat(badProperties(s -> s.setCompressionLevel(level))).containsExactly("compressionLevel");
        }
        for (int level : new int[] {1, 6, 9}) {
            assertThat(badProperties(s -> {
                s.setCompression("gzip");
                s.setCompressionLevel(level);
            })).isEmpty();
        }
        assertThatThrownBy(() -> Compression.checkLevel(10)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("compressionLevel").hasMessageContaining("1 (fastest) .. 9 (smallest)");
    }

    @Test
    void sizesMustBeConsistent() {
        assertThat(badProperties(s -> s.setMaxRecordBytes(1000))).containsExactly("maxRecordBytes");
        assertThat(badProperties(s -> {
            s.setMaxRecordBytes(2 * 1024 * 1024);
            s.setMaxRequestBytes(1024 * 1024);
        })).containsExactly("maxRequestBytes");
        assertThat(badProperties(s -> s.setAggregationMaxBytes(2 * 1024 * 1024))).containsExactly("aggregationMaxBytes");
        assertThat(badProperties(s -> {
            s.setMaxRecordBytes(10 * 1024 * 1024);
            s.setMaxRequestBytes(10 * 1024 * 1024);
            s.setAggregationMaxBytes(256 * 1024);
        })).isEmpty();
    }

    @Test
    void streamNameAndArnAreExclusiveAndChecked() {
        assertThat(badProperties(s -> s.setStreamArn("arn:aws:kinesis:us-east-1:123456789012:stream/logs")))
                .containsExactly("streamArn");
        assertThat(badProperties(s -> {
            s.setStreamName(null);
            s.setStreamArn("arn:aws:kinesis:us-east-1:123456789012:stream/logs");
        })).isEmpty();
        assertThat(badProperties(s -> {
            s.setStreamName(null);
            s.setStreamArn("logs");
        })).containsExactly("streamArn");
    }

    @Test
    void autoCreateOptionsAreChecked() {
        assertThat(badProperties(s -> s.setShardCount(2))).containsExactly("shardCount");
        assertThat(badProperties(s -> {
            s.setAutoCreate(true);
            s.setShardCount(2);
        })).isEmpty();
        assertThat(badProperties(s -> {
            s.setStreamName(null);
            s.setStreamArn("arn:aws:kinesis:us-east-1:123456789012:stream/logs");
            s.setAutoCreate(true);
        })).containsExactly("autoCreate");
    }

    @Test
    void placeholdersInTheStreamNameAreResolved() {
        KinesisDestination d = KinesisTestSupport.destination().substitutions(SUBSTITUTIONS)
                .streamName("logs-{env:STAGE}").build();
        assertThat(d.describe()).isEqualTo("Kinesis stream 'logs-prod' (us-east-1)");
        assertThat(badProperties(s -> s.setStreamName("logs-{env:UNSET}"))).containsExactly("streamName");
    }

    @Test
    void compressionIsCaseInsensitive() {
        assertThat(Compression.parse("GZIP")).isEqualTo(Compression.GZIP);
        assertThat(Compression.parse(null)).isEqualTo(Compression.NONE);
        assertThatThrownBy(() -> Compression.parse("snappy")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("compression");
    }
}

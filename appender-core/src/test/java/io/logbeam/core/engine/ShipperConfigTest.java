package io.logbeam.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logbeam.core.aws.AwsSettings;
import io.logbeam.core.util.ConfigException;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ShipperConfigTest {

    @Test
    void defaultsAreValid() {
        ShipperConfig config = ShipperConfig.builder().build();
        assertThat(config.bufferSize()).isEqualTo(8192);
        assertThat(config.overflowPolicy()).isEqualTo(OverflowPolicy.DROP);
        assertThat(config.maxBatchDelay()).isEqualTo(Duration.ofSeconds(1));
        assertThat(config.maxInFlight()).isEqualTo(2);
        assertThat(config.bufferMaxBytes())
                .isEqualTo(Math.min(64L << 20, Math.max(64L << 10, Runtime.getRuntime().maxMemory() / 8)));
        assertThat(ShipperConfig.builder().bufferMaxBytes(0).build().bufferMaxBytes()).isZero(); // no budget
    }

    @Test
    void everyInvalidPropertyIsNamedInOneError() {
        assertThatThrownBy(() -> ShipperConfig.builder().bufferSize(1000).maxInFlight(0).maxRetries(-1)
                .maxBatchDelay(Duration.ZERO).retryDeadline(Duration.ofSeconds(-1)).maxMessageBytes(-5)
                .bufferMaxBytes(1000).build())
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).extracting(ConfigException.Problem::property)
                        .containsExactlyInAnyOrder("bufferSize", "maxInFlight", "maxRetries", "maxBatchDelay",
                                "retryDeadline", "maxMessageBytes", "bufferMaxBytes"))
                .hasMessageContaining("property 'bufferSize': must be a power of two")
                .hasMessageContaining("property 'bufferMaxBytes': must be 0 (no byte budget) or at least 65536");
    }

    @Test
    void overflowPolicyParsesBothValuesAndNamesThePropertyOtherwise() {
        assertThat(OverflowPolicy.parse("overflowPolicy", " Block ")).isEqualTo(OverflowPolicy.BLOCK);
        assertThat(OverflowPolicy.parse("overflowPolicy", "drop")).isEqualTo(OverflowPolicy.DROP);
        assertThatThrownBy(() -> OverflowPolicy.parse("overflowPolicy", "wait"))
                .hasMessageContaining("property 'overflowPolicy'");
    }

    @Test
    void awsSettingsAreValidated() {
        assertThatThrownBy(() -> AwsSettings.builder().endpoint("localhost:4566").accessKeyId("x").region("EU WEST")
                .httpClient("okhttp").build())
                .isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).extracting(ConfigException.Problem::property)
                        .containsExactlyInAnyOrder("endpoint", "secretAccessKey", "region", "httpClient"));
        AwsSettings ok = AwsSettings.builder().endpoint("http://127.0.0.1:4566").region("eu-west-1")
                .accessKeyId("test").secretAccessKey("test").build();
        assertThat(ok.endpoint().getPort()).isEqualTo(4566);
        assertThat(ok.httpClient()).isEqualTo(AwsSettings.HttpClientKind.URL_CONNECTION);
    }
}

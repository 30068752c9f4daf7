package io.logbeam.core.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @ParameterizedTest
    @CsvSource({
        "500, PT0.5S",
        "500 ms, PT0.5S",
        "500ms, PT0.5S",
        "500 milliseconds, PT0.5S",
        "10 seconds, PT10S",
        "1 second, PT1S",
        "10s, PT10S",
        "1.5 s, PT1.5S",
        "2 minutes, PT2M",
        "2m, PT2M",
        "1 hour, PT1H",
        "1d, PT24H",
        "PT10S, PT10S",
        "pt0.25s, PT0.25S",
        "0, PT0S",
    })
    void parsesLogbackShortAndIsoForms(String text, String expected) {
        assertThat(Durations.parse("maxBatchDelay", text)).isEqualTo(Duration.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "soon", "-5 seconds", "10 parsecs", "PT-1S", "1,5 s"})
    void rejectsOtherTextNamingTheProperty(String text) {
        assertThatThrownBy(() -> Durations.parse("retryDeadline", text))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("property 'retryDeadline'");
    }
}

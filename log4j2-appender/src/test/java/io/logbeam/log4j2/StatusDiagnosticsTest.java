package io.logbeam.log4j2;

import static org.assertj.core.api.Assertions.assertThat;

import io.logbeam.log4j2.testing.StatusCapture;

import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.Test;

class StatusDiagnosticsTest {

    @Test
    void problemsReachTheStatusLoggerAtWarnNamingTheAppender() {
        try (StatusCapture status = StatusCapture.start()) {
            StatusDiagnostics.INSTANCE.report("orders-cw", "dropped 3 events: ring buffer full");

            assertThat(status.messages(Level.WARN))
                    .contains("Logbeam appender 'orders-cw': dropped 3 events: ring buffer full");
        }
    }
}

package io.logbeam.core.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.logbeam.core.config.AppenderProperties;
import io.logbeam.core.config.DestinationTypes;
import io.logbeam.core.engine.Shipper;
import io.logbeam.core.engine.ShipperStats;
import io.logbeam.core.testing.CapturingDiagnostics;
import io.logbeam.core.testing.TestAdapter;
import io.logbeam.core.testing.TestEvent;
import io.logbeam.testkit.LocalAwsEndpoint;
import io.logbeam.testkit.LogEvent;
import io.logbeam.testkit.TestCredentials;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replay through the CloudWatch Logs destination, whose requests must be in chronological order within 24 hours:
 * the replayed events go through the destination's own batcher, so the strict endpoint sees no violation.
 */
@Timeout(120)
class SpoolCloudWatchTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path spoolRoot;

    @Test
    void eventsSpooledDuringAnOutageReachTheLogStreamOnceAndInOrderPerRequest() {
        try (LocalAwsEndpoint endpoint = LocalAwsEndpoint.start()) {
            AppenderProperties settings = new AppenderProperties(DestinationTypes.CLOUDWATCH_LOGS);
            settings.set("logGroup", "app");
            settings.set("logStream", "web-1");
            settings.set("region", TestCredentials.REGION);
            settings.set("endpoint", endpoint.uri().toString());
            settings.set("accessKeyId", TestCredentials.ACCESS_KEY_ID);
            settings.set("secretAccessKey", TestCredentials.SECRET_ACCESS_KEY);
            settings.set("overflowPolicy", "block");
            settings.set("blockTimeout", "60 seconds");
            settings.set("maxBatchDelay", "50ms");
            settings.set("maxRetries", 2);
            settings.set("retryDeadline", "500ms");
            settings.set("jmx", false);
            settings.set("spoolDirectory", spoolRoot.toString());
            Shipper<TestEvent> shipper = settings.start("cw", new TestAdapter(), new CapturingDiagnostics());
            try {
                ShipperStats stats = shipper.stats();
                long t0 = System.currentTimeMillis() - 60_000;
                for (int i = 0; i < 1_000; i++) {
                    shipper.publish(TestEvent.of("event " + i).at(t0 + i), false);
                }
                assertThat(shipper.flush(Duration.ofSeconds(30))).isTrue();

                endpoint.faults().down(Duration.ofHours(1));
                for (int i = 1_000; i < 4_000; i++) {
                    shipper.publish(TestEvent.of("event " + i).at(t0 + i), false);
                }
                assertThat(shipper.flush(Duration.ofSeconds(30))).isTrue();
                assertThat(stats.getSpoolEvents()).isEqualTo(3_000);

                endpoint.faults().clear();
                for (int i = 4_000; i < 5_000; i++) {
                    shipper.publish(TestEvent.of("event " + i).at(t0 + i), false);
                }
                assertThat(shipper.flush(Duration.ofSeconds(30))).isTrue();
                await().atMost(Duration.ofSeconds(30)).until(() -> stats.getSpoolEvents() == 0);

                Map<String, Integer> arrived = new HashMap<>();
                for (LogEvent e : endpoint.logs().events("app", "web-1")) {
                    arrived.merge(message(e.message()), 1, Integer::sum);
                }
                assertThat(arrived).hasSize(5_000);
                long duplicates = arrived.values().stream().mapToLong(n -> n - 1).sum();
                assertThat(duplicates).isLessThanOrEqualTo(stats.getPossibleDuplicates());
                assertThat(endpoint.violations()).isEmpty();
                assertThat(stats.getFallback()).isZero();
                assertThat(stats.getSettled()).isEqualTo(stats.getPublished());
            } finally {
                shipper.stop(Duration.ofSeconds(5));
            }
        }
    }

    private static String message(String json) {
        try {
            return JSON.readTree(json).get("message").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

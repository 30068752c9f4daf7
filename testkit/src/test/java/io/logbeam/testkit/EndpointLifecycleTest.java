package io.logbeam.testkit;

import static io.logbeam.testkit.KinesisEndpointTest.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.kinesis.KinesisClient;

class EndpointLifecycleTest {

    @Test
    void closeEndsEveryThreadEvenWithHungRequestsAndAfterADown() throws Exception {
        assertThat(endpointThreads()).as("threads left by earlier tests").isEmpty();
        ExecutorService background = Executors.newSingleThreadExecutor();
        LocalAwsEndpoint endpoint = LocalAwsEndpoint.start();
        try (KinesisClient client = SdkClients.kinesis(endpoint.uri())) {
            endpoint.kinesis().createStream("s", 1);
            client.putRecords(r -> r.streamName("s").records(entry("k", "v")));
            endpoint.faults().down(Duration.ofMillis(1)); // starts the timer thread
            await().atMost(Duration.ofSeconds(10)).until(endpoint::isRunning);
            endpoint.faults().hang();
            CompletableFuture<Void> hung = CompletableFuture.runAsync(() -> {
                try {
                    client.putRecords(r -> r.streamName("s").records(entry("k", "v")));
                } catch (SdkClientException expected) {
                    // the endpoint closes under the hung call
                }
            }, background);
            await().atMost(Duration.ofSeconds(10)).until(() -> endpoint.faults().hungRequests() == 1);
            assertThat(endpointThreads()).anyMatch(name -> name.endsWith("-accept"))
                    .anyMatch(name -> name.contains("-conn-")).anyMatch(name -> name.endsWith("-timer"));

            endpoint.close();

            assertThat(endpointThreads()).isEmpty();
            hung.get(10, TimeUnit.SECONDS);
        } finally {
            endpoint.close();
            background.shutdownNow();
        }
    }

    @Test
    void portZeroPicksAFreePortAndAFixedPortIsHonoured() {
        int port;
        try (LocalAwsEndpoint first = LocalAwsEndpoint.start()) {
            port = first.port();
            assertThat(port).isPositive();
            assertThat(first.uri().toString()).isEqualTo("http://127.0.0.1:" + port);
        }
        try (LocalAwsEndpoint second = LocalAwsEndpoint.builder().port(port).start()) {
            assertThat(second.port()).isEqualTo(port);
        }
    }

    private static List<String> endpointThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(name -> name.startsWith("logbeam-endpoint"))
                .toList();
    }
}

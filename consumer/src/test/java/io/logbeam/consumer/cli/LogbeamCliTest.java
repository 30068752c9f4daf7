package io.logbeam.consumer.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.logbeam.consumer.testing.LogbackProducer;
import io.logbeam.consumer.testing.StoredEvents;
import io.logbeam.testkit.LocalAwsEndpoint;
import io.logbeam.testkit.TestCredentials;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code logbeam tail} against the testkit's in-process endpoint (Kinesis and CloudWatch Logs). */
@Timeout(120)
class LogbeamCliTest {

    private static LocalAwsEndpoint endpoint;
    private static LogbackProducer.Logged kinesisEvents;
    private static LogbackProducer.Logged logsEvents;

    @BeforeAll
    static void produce() {
        // The command takes credentials from the SDK's default chain, as it would on a workstation.
        System.setProperty("aws.accessKeyId", TestCredentials.ACCESS_KEY_ID);
        System.setProperty("aws.secretAccessKey", TestCredentials.SECRET_ACCESS_KEY);
        endpoint = LocalAwsEndpoint.start();
        endpoint.kinesis().createStream("logs", 2);
        kinesisEvents = LogbackProducer.log(LogbackProducer.kinesis("logs", true, "gzip"), endpoint.uri(), 300);
        logsEvents = LogbackProducer.log(LogbackProducer.cloudWatchLogs("/acme/orders", "orders-app"), endpoint.uri(),
                120);
    }

    @AfterAll
    static void stop() {
        endpoint.close();
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

    private record Run(int code, String out, String err) {
        List<String> lines() {
            return out.lines().toList();
        }
    }

    private static Run tail(String... args) {
        List<String> all = new ArrayList<>(List.of("tail"));
        all.addAll(List.of(args));
        all.addAll(List.of("--endpoint", endpoint.uri().toString(), "--region", TestCredentials.REGION));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = LogbeamCli.run(all, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void printsEveryEventOfAStreamOnePerLine() {
        Run run = tail("--stream", "logs", "--no-follow");

        assertThat(run.code()).as(run.err()).isZero();
        StoredEvents.assertSameEvents(run.lines(), kinesisEvents);
    }

    @Test
    void filtersByLogTypeAndStopsAfterMaxEvents() {
        Run audit = tail("--stream", "logs", "--no-follow", "--log-type", "audit");
        assertThat(audit.lines()).hasSize(100)
                .allSatisfy(l -> assertThat(StoredEvents.parse(l).get("log_type").asText()).isEqualTo("audit"));

        assertThat(tail("--stream", "logs", "--no-follow", "--max-events", "7").lines()).hasSize(7);
    }

    @Test
    void prettyPrintsIndentedJson() throws IOException {
        Run run = tail("--stream", "logs", "--no-follow", "--pretty", "--log-type", "access");

        assertThat(run.out()).contains("\n  \"log_type\" : \"access\",");
        List<JsonNode> events = new ArrayList<>();
        try (MappingIterator<JsonNode> values = new ObjectMapper().readerFor(JsonNode.class).readValues(run.out())) {
            values.forEachRemaining(events::add);
        }
        assertThat(events).hasSize(100);
    }

    @Test
    void readsALogGroup() {
        Run run = tail("--log-group", "/acme/orders", "--log-stream", "orders-app", "--since", "1h", "--no-follow");

        assertThat(run.code()).as(run.err()).isZero();
        StoredEvents.assertSameEvents(run.lines(), logsEvents);
    }

    @Test
    void followsAStreamUntilMaxEvents() throws Exception {
        endpoint.kinesis().createStream("live", 1);
        CompletableFuture<Run> tail = CompletableFuture.supplyAsync(() -> tail("--stream", "live", "--since",
                Instant.now().minusSeconds(60).toString(), "--max-events", "40"));
        LogbackProducer.Logged logged = LogbackProducer.log(LogbackProducer.kinesis("live", false, "none"),
                endpoint.uri(), 40);

        Run run = tail.get(60, TimeUnit.SECONDS);
        StoredEvents.assertSameEvents(run.lines(), logged);
    }

    @Test
    void wrongUsageExitsWithTwoAndSaysWhy() {
        Run both = tail("--stream", "a", "--log-group", "b");
        assertThat(both.code()).isEqualTo(2);
        assertThat(both.err()).contains("give either --stream or --log-group", "usage: logbeam tail");
        assertThat(tail("--stream", "a", "--since", "yesterday").err()).contains("--since yesterday: use 10m");
        assertThat(LogbeamCli.run(List.of(), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))).isEqualTo(2);
    }

    @Test
    void aMissingStreamIsAnErrorExitCode() {
        Run run = tail("--stream", "no-such-stream", "--no-follow");
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).contains("logbeam tail:");
    }
}

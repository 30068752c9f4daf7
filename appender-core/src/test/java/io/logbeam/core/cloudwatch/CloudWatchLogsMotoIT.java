package io.logbeam.core.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.logbeam.testkit.Emulator;
import io.logbeam.testkit.MotoServer;
import io.logbeam.testkit.RequiresEmulator;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Three separate JVMs write concurrently into one log group and one stream on {@code moto_server}, none of
 * which exists beforehand: every event must be stored exactly once, as valid schema JSON. This is the
 * application-wide stream that many Lambda instances share.
 */
@RequiresEmulator(Emulator.MOTO)
@Timeout(300)
class CloudWatchLogsMotoIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GROUP = "/acme/orders-app";
    private static final String STREAM = "orders-app";
    private static final int WRITERS = 3;
    private static final int PER_WRITER = 3_000;

    @Test
    void threeProcessesShareOneStreamThatNoneCreatedAndEveryEventArrivesOnce(MotoServer moto) throws Exception {
        Instant before = Instant.now();
        Path logs = Files.createDirectories(Paths.get("target", "cloudwatch-writers"));
        List<Process> processes = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            Path out = logs.resolve("writer-" + w + ".log");
            ProcessBuilder builder = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-cp", System.getProperty("java.class.path"), CloudWatchWriterProcess.class.getName(),
                    moto.uri().toString(), GROUP, STREAM, Integer.toString(w), Integer.toString(PER_WRITER))
                    .redirectErrorStream(true).redirectOutput(out.toFile());
            processes.add(builder.start());
        }
        for (int w = 0; w < WRITERS; w++) {
            Process process = processes.get(w);
            boolean ended = process.waitFor(180, TimeUnit.SECONDS);
            if (!ended) {
                process.destroyForcibly();
            }
            String output = Files.readString(logs.resolve("writer-" + w + ".log"));
            assertThat(ended).as("writer %d ended; output:%n%s", w, output).isTrue();
            assertThat(process.exitValue()).as("writer %d exit; output:%n%s", w, output).isZero();
            assertThat(output).as("writer %d output", w)
                    .contains("RESULT flushed=true delivered=" + PER_WRITER + " fallback=0 dropped=0");
        }

        List<OutputLogEvent> stored = readAll(moto);
        Map<String, Integer> perWriter = new HashMap<>();
        Set<String> messages = new HashSet<>();
        Set<String> ids = new HashSet<>();
        for (OutputLogEvent event : stored) {
            JsonNode json = JSON.readTree(event.message());
            assertValidSchema(json, event, before);
            assertThat(messages.add(json.get("message").asText())).as("exactly once: %s", event.message()).isTrue();
            assertThat(ids.add(json.get("log_id").asText())).isTrue();
            perWriter.merge(json.get("writer").asText(), 1, Integer::sum);
        }
        assertThat(stored).hasSize(WRITERS * PER_WRITER);
        assertThat(perWriter).containsOnly(Map.entry("0", PER_WRITER), Map.entry("1", PER_WRITER),
                Map.entry("2", PER_WRITER));
        try (CloudWatchLogsClient client = client(moto)) {
            assertThat(client.describeLogGroups(b -> b.logGroupNamePrefix(GROUP)).logGroups())
                    .singleElement().satisfies(g -> assertThat(g.retentionInDays()).isEqualTo(7));
            assertThat(client.describeLogStreams(b -> b.logGroupName(GROUP)).logStreams())
                    .singleElement().satisfies(s -> assertThat(s.logStreamName()).isEqualTo(STREAM));
        }
    }

    private static void assertValidSchema(JsonNode json, OutputLogEvent event, Instant before) {
        assertThat(json.get("log_type").asText()).isEqualTo("app");
        assertThat(json.get("log_id").asText()).isNotBlank();
        Instant time = Instant.parse(json.get("time").asText());
        assertThat(json.get("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
        assertThat(time.toEpochMilli()).isEqualTo(event.timestamp());
        assertThat(time).isAfterOrEqualTo(before.minusSeconds(1));
        assertThat(json.get("level").asText()).isEqualTo("INFO");
        assertThat(json.get("logger").asText()).isEqualTo("com.acme.Orders");
        assertThat(json.get("host").asText()).isNotBlank();
        assertThat(json.get("mdc").get("seq").asText()).isNotBlank();
        assertThat(json.has("truncated")).isFalse();
    }

    /** GetLogEvents from the head, page by page, until the forward token stops moving. */
    private static List<OutputLogEvent> readAll(MotoServer moto) {
        List<OutputLogEvent> all = new ArrayList<>();
        try (CloudWatchLogsClient client = client(moto)) {
            String token = null;
            for (int page = 0; page < 100; page++) {
                String current = token;
                GetLogEventsResponse response = client.getLogEvents(b -> b.logGroupName(GROUP).logStreamName(STREAM)
                        .startFromHead(true).nextToken(current));
                all.addAll(response.events());
                if (response.events().isEmpty() || response.nextForwardToken().equals(token)) {
                    break;
                }
                token = response.nextForwardToken();
            }
        }
        return all;
    }

    private static CloudWatchLogsClient client(MotoServer moto) {
        return CloudWatchLogsClient.builder().endpointOverride(moto.uri()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .build();
    }
}

package io.logbeam.logback;

import io.logbeam.logback.testing.Contexts;
import io.logbeam.logback.testing.EmulatorClients;
import io.logbeam.testkit.Emulator;
import io.logbeam.testkit.MotoServer;
import io.logbeam.testkit.RequiresEmulator;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A logback.xml with a {@link CloudWatchLogsAppender} shipping to moto's CloudWatch Logs: the appender
 * creates the group (with retention) and the stream, and every event arrives once with its JSON time.
 */
@RequiresEmulator(Emulator.MOTO)
@Timeout(180)
class CloudWatchLogsAppenderIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int EVENTS = 1_000;
    private static final String GROUP = "/logbeam/logback-it";
    private static final String STREAM = "orders";

    @Test
    void everyLoggedEventArrivesOnceInTheGroupTheAppenderCreated(MotoServer moto) throws Exception {
        LoggerContext context = Contexts.configure("cloudwatch-it", "<configuration>\n"
                + "  <appender name=\"CLOUDWATCH\" class=\"io.logbeam.logback.CloudWatchLogsAppender\">\n"
                + "    <logGroup>" + GROUP + "</logGroup>\n"
                + "    <logStream>" + STREAM + "</logStream>\n"
                + "    <retentionDays>30</retentionDays>\n"
                + EmulatorClients.appenderProperties(moto.uri())
                + "    <timeMillisKey>time_ms</timeMillisKey>\n"
                + "    <maxBatchDelay>200 millis</maxBatchDelay>\n"
                + "    <jmx>false</jmx>\n"
                + "  </appender>\n"
                + "  <root level=\"INFO\"><appender-ref ref=\"CLOUDWATCH\"/></root>\n"
                + "</configuration>\n", Map.of());
        CloudWatchLogsAppender appender = (CloudWatchLogsAppender) context.getLogger(Logger.ROOT_LOGGER_NAME)
                .getAppender("CLOUDWATCH");
        assertThat(appender.isStarted()).as(Contexts.statusText(context)).isTrue();
        Logger logger = context.getLogger("com.acme.Orders");
        for (int i = 0; i < EVENTS; i++) {
            logger.atInfo().addKeyValue("seq", i).log("event {}", i);
        }
        context.stop();
        assertThat(appender.isStarted()).isFalse();

        try (CloudWatchLogsClient logs = EmulatorClients.build(CloudWatchLogsClient.builder()
                .httpClient(UrlConnectionHttpClient.create()), moto.uri())) {
            List<LogGroup> groups = logs.describeLogGroups(r -> r.logGroupNamePrefix(GROUP)).logGroups();
            assertThat(groups).extracting(LogGroup::retentionInDays).containsExactly(30);

            List<OutputLogEvent> events = new ArrayList<>();
            String token = null;
            while (true) {
                String from = token;
                GetLogEventsResponse page = logs.getLogEvents(r -> r.logGroupName(GROUP).logStreamName(STREAM)
                        .startFromHead(true).nextToken(from));
                events.addAll(page.events());
                if (page.events().isEmpty() || page.nextForwardToken() == null || page.nextForwardToken().equals(from)) {
                    break;
                }
                token = page.nextForwardToken();
            }
            Set<Integer> seqs = new HashSet<>();
            for (OutputLogEvent event : events) {
                JsonNode json = JSON.readTree(event.message());
                seqs.add(json.get("kv").get("seq").asInt());
                assertThat(json.get("time_ms").asLong()).isEqualTo(event.timestamp());
            }
            assertThat(events).hasSize(EVENTS);
            assertThat(seqs).hasSize(EVENTS);
        }
    }
}

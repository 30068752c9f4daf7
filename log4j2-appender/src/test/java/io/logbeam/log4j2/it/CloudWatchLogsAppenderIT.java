package io.logbeam.log4j2.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.logbeam.log4j2.testing.Emulators;
import io.logbeam.log4j2.testing.Target;
import io.logbeam.testkit.Emulator;
import io.logbeam.testkit.MotoServer;
import io.logbeam.testkit.RequiresEmulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code <CloudWatchLogs>} against moto: the appender creates the group and stream, every event arrives. */
@RequiresEmulator(Emulator.MOTO)
@Timeout(180)
class CloudWatchLogsAppenderIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyEventArrivesInTheLogStream(MotoServer moto) throws IOException {
        String element = "    <CloudWatchLogs name=\"cw-it\" " + Target.connection(moto.uri())
                + " logGroup=\"/logbeam/it\" logStream=\"orders-app\" logType=\"orders\" retentionDays=\"7\""
                + " maxBatchDelay=\"200ms\" jmx=\"false\"/>";

        assertThat(EmulatorRun.logAndStop("cw-it", element)).isEqualTo(EmulatorRun.EVENTS);

        List<JsonNode> events = new ArrayList<>();
        try (CloudWatchLogsClient logs = Emulators.logs(moto.uri())) {
            String token = null;
            while (true) {
                String next = token;
                GetLogEventsResponse page = logs.getLogEvents(r -> r.logGroupName("/logbeam/it")
                        .logStreamName("orders-app").startFromHead(true).nextToken(next));
                for (OutputLogEvent event : page.events()) {
                    events.add(JSON.readTree(event.message()));
                }
                if (page.events().isEmpty() || page.nextForwardToken() == null || page.nextForwardToken().equals(token)) {
                    break;
                }
                token = page.nextForwardToken();
            }
            assertThat(logs.describeLogGroups(r -> r.logGroupNamePrefix("/logbeam/it")).logGroups())
                    .singleElement().satisfies(g -> assertThat(g.retentionInDays()).isEqualTo(7));
        }
        assertThat(events).hasSize(EmulatorRun.EVENTS);
        assertThat(events).allSatisfy(e -> {
            assertThat(e.get("log_type").asText()).isEqualTo("orders");
            assertThat(e.get("mdc").get("run").asText()).isEqualTo("cw-it");
        });
        assertThat(events).filteredOn(e -> e.has("kv")).hasSize(EmulatorRun.EVENTS / 10)
                .allSatisfy(e -> assertThat(e.get("markers").get(0).asText()).isEqualTo("IT_AUDIT"));
    }
}

package io.logbeam.logback;

import io.logbeam.logback.testing.Contexts;
import io.logbeam.testkit.LogEvent;

import ch.qos.logback.classic.LoggerContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link CloudWatchLogsAppender} against the testkit's CloudWatch Logs: each event is one log event whose
 * message is the JSON object. The appender creates the group (with its retention) and the stream itself.
 */
class CloudWatchLogsAppenderTest extends DestinationAppenderContract {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** What {@code app-{pid}} in the configurations resolves to. */
    private static final String STREAM = "app-" + ProcessHandle.current().pid();

    @Override
    protected String targetName() {
        return "/logbeam/" + super.targetName();
    }

    @Override
    protected String appenderName() {
        return "CLOUDWATCH";
    }

    @Override
    protected String everyPropertyResource() {
        return "/cloudwatch-logback.xml";
    }

    @Override
    protected Class<? extends LogbeamAppenderBase> appenderClass() {
        return CloudWatchLogsAppender.class;
    }

    @Override
    protected String destinationProperties(String target) {
        return "<logGroup>" + target + "</logGroup>\n<logStream>app-{pid}</logStream>\n";
    }

    @Override
    protected void createTarget(String target) {
        // Nothing: createLogGroup and createLogStream default to true, so the appender makes both.
    }

    @Override
    protected List<JsonNode> shipped(String target) {
        if (!endpoint.logs().logStreamExists(target, STREAM)) {
            return List.of();
        }
        List<JsonNode> events = new ArrayList<>();
        for (LogEvent event : endpoint.logs().events(target, STREAM)) {
            try {
                JsonNode json = JSON.readTree(event.message());
                events.add(json);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return events;
    }

    @Override
    protected Map<String, String> invalidDestinationProperties() {
        return Map.of("retentionDays", "<retentionDays>10</retentionDays>\n",
                "logGroupClass", "<logGroupClass>CHEAP</logGroupClass>\n",
                "maxEventBytes", "<maxEventBytes>-1</maxEventBytes>\n");
    }

    @Override
    protected String requiredProperty() {
        return "logGroup";
    }

    @Test
    void createsTheGroupWithTheConfiguredRetentionAndEventTimesMatchTheJson() {
        LoggerContext context = Contexts.configureResource("retention", everyPropertyResource(),
                Map.of("endpoint", endpoint.uri().toString(), "target", target));
        try {
            context.getLogger("com.acme.Orders").error("first event");
            CloudWatchLogsAppender appender = (CloudWatchLogsAppender) context.getLogger("ROOT").getAppender(appenderName());
            assertThat(appender.flush(Duration.ofSeconds(20))).isTrue();

            assertThat(endpoint.logs().logGroupExists(target)).isTrue();
            assertThat(endpoint.logs().retention(target)).hasValue(14);
            List<LogEvent> events = endpoint.logs().events(target, STREAM);
            assertThat(events).hasSize(1);
            assertThat(readTree(events.get(0).message()).get("ts_ms").asLong()).isEqualTo(events.get(0).timestamp());
        } finally {
            context.stop();
        }
    }

    private static JsonNode readTree(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

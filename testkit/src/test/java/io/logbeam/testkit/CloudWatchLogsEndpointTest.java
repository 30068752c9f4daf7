package io.logbeam.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.InvalidParameterException;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogStream;
import software.amazon.awssdk.services.cloudwatchlogs.model.OrderBy;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.PutLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.RejectedLogEventsInfo;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException;

class CloudWatchLogsEndpointTest {

    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final int MAX_MESSAGE = 1_048_576 - 26;

    private final ManualClock clock = new ManualClock(NOW);
    private LocalAwsEndpoint endpoint;
    private CloudWatchLogsClient logs;

    @BeforeEach
    void start() {
        endpoint = LocalAwsEndpoint.builder().clock(clock).start();
        logs = SdkClients.logs(endpoint.uri());
        endpoint.logs().createLogGroup("/app");
        endpoint.logs().createLogStream("/app", "main");
    }

    @AfterEach
    void stop() {
        logs.close();
        endpoint.close();
    }

    @Test
    void putLogEventsStoresEventsWithIngestionTime() {
        List<InputLogEvent> events = IntStream.range(0, 100)
                .mapToObj(i -> event(NOW.minusSeconds(100 - i), "message " + i)).toList();

        PutLogEventsResponse response = put(events);

        assertThat(response.rejectedLogEventsInfo()).isNull();
        assertThat(response.nextSequenceToken()).isNotBlank();
        List<LogEvent> stored = endpoint.logs().events("/app", "main");
        assertThat(stored).hasSize(100);
        assertThat(stored.get(7)).isEqualTo(new LogEvent(NOW.minusSeconds(93).toEpochMilli(), "message 7",
                NOW.toEpochMilli()));
        assertThat(endpoint.requests().count(AwsOperation.LOGS_PUT_LOG_EVENTS)).isEqualTo(1);
        assertThat(endpoint.violations()).isEmpty();
    }

    @Test
    void controlPlaneOperationsAndMissingOrExistingResources() {
        logs.createLogGroup(r -> r.logGroupName("/other"));
        logs.createLogStream(r -> r.logGroupName("/other").logStreamName("s1"));
        logs.createLogStream(r -> r.logGroupName("/other").logStreamName("s2"));
        logs.putRetentionPolicy(r -> r.logGroupName("/other").retentionInDays(7));
        assertThat(endpoint.logs().retention("/other")).hasValue(7);
        assertThat(endpoint.logs().retention("/app")).isEmpty();

        assertThatThrownBy(() -> logs.createLogGroup(r -> r.logGroupName("/other")))
                .isInstanceOf(ResourceAlreadyExistsException.class);
        assertThatThrownBy(() -> logs.createLogStream(r -> r.logGroupName("/other").logStreamName("s1")))
                .isInstanceOf(ResourceAlreadyExistsException.class);
        assertThatThrownBy(() -> logs.createLogStream(r -> r.logGroupName("/missing").logStreamName("s1")))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("The specified log group does not exist.");
        assertThatThrownBy(() -> logs.putLogEvents(r -> r.logGroupName("/other").logStreamName("nope")
                .logEvents(event(NOW, "x"))))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("The specified log stream does not exist.");
        assertThatThrownBy(() -> logs.putRetentionPolicy(r -> r.logGroupName("/other").retentionInDays(2)))
                .isInstanceOf(InvalidParameterException.class);

        List<LogGroup> groups = logs.describeLogGroups(r -> r.logGroupNamePrefix("/oth")).logGroups();
        assertThat(groups).singleElement().satisfies(group -> {
            assertThat(group.logGroupName()).isEqualTo("/other");
            assertThat(group.retentionInDays()).isEqualTo(7);
            assertThat(group.arn()).isEqualTo("arn:aws:logs:us-east-1:000000000000:log-group:/other:*");
        });
        List<LogStream> streams = logs.describeLogStreams(r -> r.logGroupName("/other")).logStreams();
        assertThat(streams).extracting(LogStream::logStreamName).containsExactly("s1", "s2");
        assertThat(logs.describeLogStreams(r -> r.logGroupName("/other").logStreamNamePrefix("s2")).logStreams())
                .extracting(LogStream::logStreamName).containsExactly("s2");

        logs.deleteLogStream(r -> r.logGroupName("/other").logStreamName("s1"));
        assertThat(endpoint.logs().logStreamNames("/other")).containsExactly("s2");
        logs.deleteLogGroup(r -> r.logGroupName("/other"));
        assertThat(endpoint.logs().logGroupExists("/other")).isFalse();
        assertThatThrownBy(() -> logs.deleteLogGroup(r -> r.logGroupName("/other")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThatThrownBy(() -> logs.describeLogStreams(r -> r.logGroupName("/other")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThat(endpoint.violations()).hasSize(1); // the invalid retention
    }

    @Test
    void getLogEventsPagesForwardFromHeadAndFilterFindsTerms() {
        List<InputLogEvent> events = IntStream.range(0, 25)
                .mapToObj(i -> event(NOW.minusSeconds(25 - i), (i % 5 == 0 ? "ERROR " : "INFO ") + i)).toList();
        put(events);

        List<String> read = new ArrayList<>();
        String token = null;
        for (int page = 0; page < 5; page++) {
            String current = token;
            GetLogEventsResponse response = logs.getLogEvents(r -> r.logGroupName("/app").logStreamName("main")
                    .startFromHead(true).limit(10).nextToken(current));
            response.events().forEach(event -> read.add(event.message()));
            if (response.nextForwardToken().equals(current)) {
                break;
            }
            token = response.nextForwardToken();
        }
        assertThat(read).hasSize(25).first().isEqualTo("ERROR 0");
        assertThat(read).last().isEqualTo("INFO 24");

        List<OutputLogEvent> newest = logs.getLogEvents(r -> r.logGroupName("/app").logStreamName("main").limit(3))
                .events();
        assertThat(newest).extracting(OutputLogEvent::message).containsExactly("INFO 22", "INFO 23", "INFO 24");

        FilterLogEventsResponse filtered = logs.filterLogEvents(r -> r.logGroupName("/app").filterPattern("ERROR"));
        assertThat(filtered.events()).extracting(event -> event.message())
                .containsExactly("ERROR 0", "ERROR 5", "ERROR 10", "ERROR 15", "ERROR 20");
        assertThat(filtered.events()).allSatisfy(event -> assertThat(event.logStreamName()).isEqualTo("main"));
    }

    @Test
    void describeLogStreamsOrdersByLastEventTime() {
        endpoint.logs().createLogStream("/app", "second");
        logs.putLogEvents(r -> r.logGroupName("/app").logStreamName("second").logEvents(event(NOW, "new")));
        logs.putLogEvents(r -> r.logGroupName("/app").logStreamName("main")
                .logEvents(event(NOW.minusSeconds(60), "old")));

        List<LogStream> streams = logs.describeLogStreams(r -> r.logGroupName("/app")
                .orderBy(OrderBy.LAST_EVENT_TIME).descending(true)).logStreams();

        assertThat(streams).extracting(LogStream::logStreamName).containsExactly("second", "main");
        assertThat(streams.get(0).lastEventTimestamp()).isEqualTo(NOW.toEpochMilli());
    }

    @Test
    void moreThan10000EventsAreRejected() {
        List<InputLogEvent> events = IntStream.range(0, 10_001).mapToObj(i -> event(NOW, "e")).toList();

        assertThatThrownBy(() -> put(events))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("less than or equal to 10000");
        put(events.subList(0, 10_000));
        assertThat(endpoint.logs().events("/app", "main")).hasSize(10_000);
    }

    @Test
    void batchBytesCountMessageBytesPlus26PerEvent() {
        // Two events of 524,262 message bytes are exactly 1,048,576 bytes with the overhead: accepted.
        String half = "a".repeat(524_288 - 26);
        put(List.of(event(NOW, half), event(NOW, half)));
        assertThatThrownBy(() -> put(List.of(event(NOW, half), event(NOW, half + "b"))))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("Upload too large: 1048577 bytes exceeds limit of 1048576");
        // Multi-byte characters count in UTF-8 bytes, not chars.
        String euros = "\u20ac".repeat(174_763); // 524,289 bytes
        assertThatThrownBy(() -> put(List.of(event(NOW, euros), event(NOW, half))))
                .isInstanceOf(InvalidParameterException.class);
        assertThat(endpoint.logs().events("/app", "main")).hasSize(2);
    }

    @Test
    void singleEventsAreLimitedToTheConfiguredMaximum() {
        put(List.of(event(NOW, "x".repeat(MAX_MESSAGE))));
        assertThatThrownBy(() -> put(List.of(event(NOW, "x".repeat(MAX_MESSAGE + 1)))))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("Log event too large: 1048577 bytes exceeds limit of 1048576");

        endpoint.logs().limits(LogsLimits.DEFAULT.withMaxEventBytes(262_144));
        put(List.of(event(NOW, "y".repeat(262_144 - 26))));
        assertThatThrownBy(() -> put(List.of(event(NOW, "y".repeat(262_144 - 25)))))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("exceeds limit of 262144");
        assertThat(endpoint.logs().events("/app", "main")).hasSize(2);
    }

    @Test
    void eventsOutOfChronologicalOrderFailTheWholeCall() {
        assertThatThrownBy(() -> put(List.of(event(NOW, "b"), event(NOW.minusMillis(1), "a"))))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("chronological order");
        put(List.of(event(NOW, "same"), event(NOW, "same time is fine")));
        assertThat(endpoint.logs().events("/app", "main")).hasSize(2);
        assertThat(endpoint.violations()).hasSize(1);
    }

    @Test
    void batchesSpanningMoreThan24HoursFail() {
        Instant start = NOW.minus(Duration.ofHours(30));
        put(List.of(event(start, "a"), event(start.plus(Duration.ofHours(24)), "exactly 24 h")));
        assertThatThrownBy(() -> put(List.of(event(start, "a"),
                event(start.plus(Duration.ofHours(24)).plusMillis(1), "b"))))
                .isInstanceOf(InvalidParameterException.class)
                .hasMessageContaining("cannot span more than 24 hours");
    }

    @Test
    void tooOldAndTooNewEventsAreRejectedIndividually() {
        PutLogEventsResponse oldBatch = put(List.of(
                event(NOW.minus(Duration.ofDays(14)).minusSeconds(2), "too old 0"),
                event(NOW.minus(Duration.ofDays(14)).minusMillis(1), "too old 1"),
                event(NOW.minus(Duration.ofDays(14)), "oldest accepted")));
        assertThat(oldBatch.rejectedLogEventsInfo().tooOldLogEventEndIndex()).isEqualTo(1);
        assertThat(oldBatch.rejectedLogEventsInfo().tooNewLogEventStartIndex()).isNull();

        Instant later = NOW.plus(Duration.ofDays(3));
        clock.set(later);
        PutLogEventsResponse newBatch = put(List.of(
                event(later.minus(Duration.ofHours(20)), "accepted"),
                event(later.plus(Duration.ofHours(2)), "accepted, exactly 2 h ahead"),
                event(later.plus(Duration.ofHours(2)).plusMillis(1), "too new 2"),
                event(later.plus(Duration.ofHours(3)), "too new 3")));
        RejectedLogEventsInfo rejected = newBatch.rejectedLogEventsInfo();
        assertThat(rejected.tooNewLogEventStartIndex()).isEqualTo(2);
        assertThat(rejected.tooOldLogEventEndIndex()).isNull();
        assertThat(rejected.expiredLogEventEndIndex()).isNull();

        assertThat(endpoint.logs().events("/app", "main")).extracting(LogEvent::message)
                .containsExactly("oldest accepted", "accepted", "accepted, exactly 2 h ahead");
        assertThat(endpoint.logs().events("/app", "main").get(1).ingestionTime()).isEqualTo(later.toEpochMilli());
        assertThat(endpoint.violations()).hasSize(2).allMatch(line -> line.contains("rejected individually"));
    }

    @Test
    void eventsOlderThanTheRetentionAreExpired() {
        endpoint.logs().retention("/app", 1);
        PutLogEventsResponse response = put(List.of(
                event(NOW.minus(Duration.ofDays(1)).minusSeconds(10), "expired 0"),
                event(NOW.minus(Duration.ofDays(1)).minusMillis(1), "expired 1"),
                event(NOW.minus(Duration.ofHours(20)), "kept")));

        assertThat(response.rejectedLogEventsInfo().expiredLogEventEndIndex()).isEqualTo(1);
        assertThat(response.rejectedLogEventsInfo().tooOldLogEventEndIndex()).isNull();
        assertThat(endpoint.logs().events("/app", "main")).extracting(LogEvent::message).containsExactly("kept");
    }

    private PutLogEventsResponse put(List<InputLogEvent> events) {
        return logs.putLogEvents(r -> r.logGroupName("/app").logStreamName("main").logEvents(events));
    }

    static InputLogEvent event(Instant timestamp, String message) {
        return InputLogEvent.builder().timestamp(timestamp.toEpochMilli()).message(message).build();
    }
}

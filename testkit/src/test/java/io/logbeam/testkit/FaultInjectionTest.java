package io.logbeam.testkit;

import static io.logbeam.testkit.CloudWatchLogsEndpointTest.event;
import static io.logbeam.testkit.FirehoseEndpointTest.record;
import static io.logbeam.testkit.KinesisEndpointTest.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.ThrottlingException;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponse;
import software.amazon.awssdk.services.firehose.model.ServiceUnavailableException;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.AccessDeniedException;
import software.amazon.awssdk.services.kinesis.model.KinesisException;
import software.amazon.awssdk.services.kinesis.model.KmsDisabledException;
import software.amazon.awssdk.services.kinesis.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

class FaultInjectionTest {

    private LocalAwsEndpoint endpoint;
    private KinesisClient kinesis;
    private FirehoseClient firehose;
    private CloudWatchLogsClient logs;
    private final ExecutorService background = Executors.newSingleThreadExecutor();

    @BeforeEach
    void start() {
        endpoint = LocalAwsEndpoint.builder().seed(42).start();
        kinesis = SdkClients.kinesis(endpoint.uri());
        firehose = SdkClients.firehose(endpoint.uri());
        logs = SdkClients.logs(endpoint.uri());
        endpoint.kinesis().createStream("app", 2);
        endpoint.firehose().createDeliveryStream("events");
        endpoint.logs().createLogGroup("/app");
        endpoint.logs().createLogStream("/app", "main");
    }

    @AfterEach
    void stop() {
        background.shutdownNow();
        kinesis.close();
        firehose.close();
        logs.close();
        endpoint.close();
    }

    @Test
    void failNextAnswersWithTheGivenErrorThenRecovers() {
        endpoint.faults().failNext(2, 500, "InternalFailure");

        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(this::putOneRecord)
                    .isInstanceOf(KinesisException.class)
                    .satisfies(e -> {
                        assertThat(errorCode(e)).isEqualTo("InternalFailure");
                        assertThat(((KinesisException) e).statusCode()).isEqualTo(500);
                    });
            // Read-back is out of the default scope, so the test can always inspect the stream.
            assertThat(kinesis.describeStreamSummary(r -> r.streamName("app"))).isNotNull();
        }
        putOneRecord();

        assertThat(endpoint.kinesis().records("app")).hasSize(1);
        assertThat(endpoint.faults().injected(FaultKind.REQUEST_FAILURE)).isEqualTo(2);
        assertThat(endpoint.requests().count(AwsOperation.KINESIS_PUT_RECORDS)).isEqualTo(3);
        assertThat(endpoint.violations()).isEmpty();
    }

    @Test
    void failRandomlyIsReproducibleWithTheSameSeed() {
        List<Boolean> first = randomFailurePattern(7);
        List<Boolean> second = randomFailurePattern(7);

        assertThat(first).isEqualTo(second).contains(true, false);
    }

    private List<Boolean> randomFailurePattern(long seed) {
        try (LocalAwsEndpoint local = LocalAwsEndpoint.builder().seed(seed).start();
             CloudWatchLogsClient client = SdkClients.logs(local.uri())) {
            local.logs().createLogGroup("/g");
            local.logs().createLogStream("/g", "s");
            local.faults().failRandomly(0.5, 503, "ServiceUnavailableException");
            List<Boolean> failed = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                try {
                    client.putLogEvents(r -> r.logGroupName("/g").logStreamName("s")
                            .logEvents(event(Instant.now(), "e")));
                    failed.add(false);
                } catch (AwsServiceException e) {
                    assertThat(e.statusCode()).isEqualTo(503);
                    assertThat(errorCode(e)).isEqualTo("ServiceUnavailableException");
                    failed.add(true);
                }
            }
            long failures = failed.stream().filter(f -> f).count();
            assertThat(local.faults().injected(FaultKind.REQUEST_FAILURE)).isEqualTo(failures);
            assertThat(local.logs().events("/g", "s")).hasSize(40 - (int) failures);
            return failed;
        }
    }

    @Test
    void throttlingUsesEachServicesOwnError() {
        endpoint.faults().throttle(1.0, Duration.ofMinutes(5));

        assertThatThrownBy(this::putOneRecord).isInstanceOf(ProvisionedThroughputExceededException.class);
        assertThatThrownBy(() -> firehose.putRecordBatch(r -> r.deliveryStreamName("events").records(record("x"))))
                .isInstanceOf(ServiceUnavailableException.class);
        assertThatThrownBy(this::putOneLogEvent).isInstanceOf(ThrottlingException.class)
                .satisfies(e -> assertThat(((AwsServiceException) e).statusCode()).isEqualTo(400));
        assertThat(endpoint.faults().injected(FaultKind.THROTTLE)).isEqualTo(3);
    }

    @Test
    void throttlingEndsAfterItsDuration() {
        endpoint.faults().throttle(1.0, Duration.ofMillis(300), AwsOperation.LOGS_PUT_LOG_EVENTS);
        assertThatThrownBy(this::putOneLogEvent).isInstanceOf(ThrottlingException.class);

        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().untilAsserted(this::putOneLogEvent);
        assertThat(endpoint.logs().events("/app", "main")).hasSize(1);
    }

    @Test
    void failedPutRecordsEntriesAreReportedAndNotStored() {
        endpoint.faults().failEntries(1.0, "ProvisionedThroughputExceededException");
        PutRecordsResponse allFailed = kinesis.putRecords(r -> r.streamName("app")
                .records(entry("a", "1"), entry("b", "2")));
        assertThat(allFailed.failedRecordCount()).isEqualTo(2);
        assertThat(allFailed.records()).allSatisfy(result -> {
            assertThat(result.errorCode()).isEqualTo("ProvisionedThroughputExceededException");
            assertThat(result.errorMessage()).startsWith("Rate exceeded for shard shardId-");
            assertThat(result.sequenceNumber()).isNull();
        });
        assertThat(endpoint.kinesis().records("app")).isEmpty();

        endpoint.faults().clear();
        endpoint.faults().failEntries(0.3, "InternalFailure");
        List<PutRecordsRequestEntry> entries = IntStream.range(0, 200).mapToObj(i -> entry("k" + i, "v" + i)).toList();
        PutRecordsResponse some = kinesis.putRecords(r -> r.streamName("app").records(entries));

        List<PutRecordsResultEntry> succeeded = some.records().stream().filter(e -> e.errorCode() == null).toList();
        assertThat(some.failedRecordCount()).isEqualTo(200 - succeeded.size()).isPositive();
        assertThat(some.records()).filteredOn(e -> e.errorCode() != null)
                .allSatisfy(e -> assertThat(e.errorMessage()).isEqualTo("Internal service failure."));
        assertThat(endpoint.kinesis().records("app")).extracting(KinesisRecord::sequenceNumber)
                .containsExactlyElementsOf(succeeded.stream().map(PutRecordsResultEntry::sequenceNumber).toList());
        assertThat(endpoint.faults().injected(FaultKind.ENTRY_FAILURE)).isEqualTo(2 + some.failedRecordCount());
    }

    @Test
    void failedPutRecordBatchEntriesAreReportedAndNotStored() {
        endpoint.faults().failEntries(0.5, "ServiceUnavailableException");
        PutRecordBatchResponse response = firehose.putRecordBatch(r -> r.deliveryStreamName("events")
                .records(IntStream.range(0, 100).mapToObj(i -> record("line " + i + "\n")).toList()));

        assertThat(response.failedPutCount()).isBetween(1, 99);
        assertThat(response.requestResponses()).filteredOn(e -> e.errorCode() != null)
                .hasSize(response.failedPutCount())
                .allSatisfy(e -> {
                    assertThat(e.errorCode()).isEqualTo("ServiceUnavailableException");
                    assertThat(e.errorMessage()).isEqualTo("Slow down.");
                    assertThat(e.recordId()).isNull();
                });
        assertThat(endpoint.firehose().records("events")).hasSize(100 - response.failedPutCount());
    }

    @Test
    void permanentErrorsMapToTheModeledExceptions() {
        endpoint.faults().failAlways(400, "AccessDeniedException", AwsOperation.KINESIS_PUT_RECORDS);
        assertThatThrownBy(this::putOneRecord).isInstanceOf(AccessDeniedException.class);
        assertThatThrownBy(this::putOneRecord).isInstanceOf(AccessDeniedException.class);

        endpoint.faults().clear();
        endpoint.faults().failAlways(400, "KMSDisabledException");
        assertThatThrownBy(this::putOneRecord).isInstanceOf(KmsDisabledException.class);
        endpoint.faults().clear();

        endpoint.faults().failAlways(400, "ResourceNotFoundException", AwsOperation.LOGS_PUT_LOG_EVENTS);
        assertThatThrownBy(this::putOneLogEvent).isInstanceOf(
                software.amazon.awssdk.services.cloudwatchlogs.model.ResourceNotFoundException.class);
        endpoint.faults().clear();

        putOneRecord();
        putOneLogEvent();
        assertThat(endpoint.faults().injected(FaultKind.PERMANENT_FAILURE)).isEqualTo(4);
    }

    @Test
    void latencyDelaysTheAnswer() {
        endpoint.faults().latency(Duration.ofMillis(400));
        long start = System.nanoTime();
        putOneRecord();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
        assertThat(endpoint.faults().injected(FaultKind.LATENCY)).isEqualTo(1);
    }

    @Test
    void resetBeforeProcessingStoresNothing() {
        endpoint.faults().resetEveryNth(2, ResetMode.BEFORE_PROCESSING);

        putOneRecord();
        assertThatThrownBy(this::putOneRecord).isInstanceOf(SdkClientException.class)
                .hasRootCauseInstanceOf(IOException.class);
        putOneRecord();

        assertThat(endpoint.kinesis().records("app")).hasSize(2);
        assertThat(endpoint.requests().count(AwsOperation.KINESIS_PUT_RECORDS)).isEqualTo(3);
        assertThat(endpoint.faults().injected(FaultKind.CONNECTION_RESET)).isEqualTo(1);
    }

    @Test
    void resetAfterProcessingStoresButTheClientSeesAFailure() {
        endpoint.faults().resetEveryNth(1, ResetMode.AFTER_PROCESSING, AwsOperation.FIREHOSE_PUT_RECORD_BATCH);

        assertThatThrownBy(() -> firehose.putRecordBatch(r -> r.deliveryStreamName("events").records(record("once"))))
                .isInstanceOf(SdkClientException.class)
                .hasRootCauseInstanceOf(IOException.class);

        // The client cannot tell it succeeded: a retry would store a duplicate.
        assertThat(endpoint.firehose().records("events")).hasSize(1);
        assertThat(endpoint.requests().count(AwsOperation.FIREHOSE_PUT_RECORD_BATCH)).isEqualTo(1);
    }

    @Test
    void hangHoldsRequestsUntilCleared() throws Exception {
        endpoint.faults().hang(AwsOperation.LOGS_PUT_LOG_EVENTS);
        CompletableFuture<Void> call = CompletableFuture.runAsync(this::putOneLogEvent, background);

        await().atMost(Duration.ofSeconds(10)).until(() -> endpoint.faults().hungRequests() == 1);
        assertThat(call).isNotDone();
        assertThat(endpoint.logs().events("/app", "main")).isEmpty();

        endpoint.faults().clear();
        call.get();
        assertThat(endpoint.logs().events("/app", "main")).hasSize(1);
        assertThat(endpoint.faults().injected(FaultKind.HANG)).isEqualTo(1);
    }

    @Test
    void hungRequestsTimeOutInTheClientAndEndWhenTheEndpointStops() {
        endpoint.faults().hang();
        try (KinesisClient impatient = SdkClients.kinesis(endpoint.uri(), Duration.ofMillis(500))) {
            assertThatThrownBy(() -> impatient.putRecords(r -> r.streamName("app").records(entry("k", "v"))))
                    .isInstanceOf(ApiCallTimeoutException.class);
        }
        endpoint.stop();
        await().atMost(Duration.ofSeconds(10)).until(() -> endpoint.faults().hungRequests() == 0);
        assertThat(endpoint.kinesis().records("app")).isEmpty();
    }

    @Test
    void downClosesTheListenerAndReopensOnTheSamePort() {
        putOneRecord();
        int port = endpoint.port();

        endpoint.faults().down(Duration.ofSeconds(1));

        assertThat(endpoint.isRunning()).isFalse();
        assertThatThrownBy(this::putOneRecord).isInstanceOf(SdkClientException.class);
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().untilAsserted(this::putOneRecord);
        assertThat(endpoint.port()).isEqualTo(port);
        assertThat(endpoint.kinesis().records("app")).hasSize(2);
        assertThat(endpoint.faults().injected(FaultKind.DOWN)).isEqualTo(1);
    }

    @Test
    void clearEndsADownAtOnce() {
        endpoint.faults().down(Duration.ofHours(1));
        assertThatThrownBy(this::putOneRecord).isInstanceOf(SdkClientException.class);

        endpoint.faults().clear();

        assertThat(endpoint.isRunning()).isTrue();
        putOneRecord();
    }

    @Test
    void stopAndRestartByHandKeepData() {
        putOneRecord();
        int port = endpoint.port();
        endpoint.stop();
        assertThatThrownBy(this::putOneRecord).isInstanceOf(SdkClientException.class);

        endpoint.restart();

        putOneRecord();
        assertThat(endpoint.port()).isEqualTo(port);
        assertThat(endpoint.kinesis().records("app")).hasSize(2);
    }

    @Test
    void rulesCombineAndResetForgetsEverything() {
        endpoint.faults().latency(Duration.ofMillis(10)).failNext(1, 500, "InternalFailure")
                .failEntries(1.0, "InternalFailure");
        assertThatThrownBy(this::putOneRecord).isInstanceOf(KinesisException.class);
        assertThat(kinesis.putRecords(r -> r.streamName("app").records(entry("k", "v"))).failedRecordCount())
                .isEqualTo(1);
        assertThat(endpoint.faults().injected(FaultKind.LATENCY)).isEqualTo(2);

        endpoint.reset();

        assertThat(endpoint.faults().isActive()).isFalse();
        assertThat(endpoint.faults().injected(FaultKind.LATENCY)).isZero();
        assertThat(endpoint.requests().count()).isZero();
        assertThat(endpoint.kinesis().streamNames()).isEmpty();
    }

    @Test
    void heavyRandomTrafficUnderFaultsLeavesNoViolations() {
        endpoint.faults().failEntries(0.1, "ProvisionedThroughputExceededException", AwsOperation.KINESIS_PUT_RECORDS)
                .failEntries(0.1, "ServiceUnavailableException", AwsOperation.FIREHOSE_PUT_RECORD_BATCH)
                .failRandomly(0.1, 500, "InternalFailure")
                .resetEveryNth(17, ResetMode.BEFORE_PROCESSING);
        java.util.Random random = new java.util.Random(3);
        int acceptedKinesis = 0;
        int acceptedFirehose = 0;
        int acceptedLogs = 0;
        for (int call = 0; call < 150; call++) {
            int size = 1 + random.nextInt(500);
            try {
                switch (call % 3) {
                    case 0 -> {
                        List<PutRecordsRequestEntry> entries = IntStream.range(0, size)
                                .mapToObj(i -> entry("pk-" + random.nextInt(1000), "x".repeat(random.nextInt(2000))))
                                .toList();
                        PutRecordsResponse response = kinesis.putRecords(r -> r.streamName("app").records(entries));
                        acceptedKinesis += size - response.failedRecordCount();
                    }
                    case 1 -> {
                        PutRecordBatchResponse response = firehose.putRecordBatch(r -> r.deliveryStreamName("events")
                                .records(IntStream.range(0, size).mapToObj(i -> record("{}\n")).toList()));
                        acceptedFirehose += size - response.failedPutCount();
                    }
                    default -> {
                        long now = System.currentTimeMillis();
                        logs.putLogEvents(r -> r.logGroupName("/app").logStreamName("main").logEvents(
                                IntStream.range(0, size).mapToObj(i -> event(Instant.ofEpochMilli(now + i), "m"))
                                        .toList()));
                        acceptedLogs += size;
                    }
                }
            } catch (AwsServiceException | SdkClientException expected) {
                // injected request failure or reset: nothing stored
            }
        }
        assertThat(endpoint.kinesis().records("app")).hasSize(acceptedKinesis);
        assertThat(endpoint.firehose().records("events")).hasSize(acceptedFirehose);
        assertThat(endpoint.logs().events("/app", "main")).hasSize(acceptedLogs);
        assertThat(endpoint.faults().injected(FaultKind.REQUEST_FAILURE)).isPositive();
        assertThat(endpoint.faults().injected(FaultKind.CONNECTION_RESET)).isPositive();
        assertThat(endpoint.violations()).isEmpty();
    }

    private void putOneRecord() {
        kinesis.putRecords(r -> r.streamName("app").records(entry("k", "v")));
    }

    private void putOneLogEvent() {
        logs.putLogEvents(r -> r.logGroupName("/app").logStreamName("main").logEvents(event(Instant.now(), "e")));
    }

    static String errorCode(Throwable e) {
        return ((AwsServiceException) e).awsErrorDetails().errorCode();
    }
}

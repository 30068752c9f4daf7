package io.logbeam.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import io.logbeam.consumer.testing.LocalClients;
import io.logbeam.testkit.AwsOperation;
import io.logbeam.testkit.FaultKind;
import io.logbeam.testkit.KinesisRecord;
import io.logbeam.testkit.LocalAwsEndpoint;

import software.amazon.awssdk.services.kinesis.KinesisClient;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The forwarder against the testkit's in-process Kinesis, which enforces the limits and fails entries on demand. */
class KinesisForwardTest {

    private LocalAwsEndpoint endpoint;
    private KinesisClient kinesis;

    @BeforeEach
    void start() {
        endpoint = LocalAwsEndpoint.builder().seed(3).start();
        endpoint.kinesis().createStream("target", 2);
        kinesis = LocalClients.kinesis(endpoint.uri());
    }

    @AfterEach
    void stop() {
        kinesis.close();
        endpoint.close();
    }

    private KinesisForward forward(Set<String> allowList, int maxRetries) {
        return new KinesisForward(new KinesisForwarder(kinesis, "target", maxRetries, Duration.ZERO),
                new LogTypeRouting(allowList, "unknown"), new RecordDecoder());
    }

    private static List<SourceRecord> records(int n) {
        List<SourceRecord> records = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            records.add(new SourceRecord("seq-" + i, "pk-" + (i % 10), TestData.gzip(TestData.utf8(
                    TestData.event(i, "app", "audit"))), Instant.EPOCH));
        }
        return records;
    }

    @Test
    void recordsAreForwardedAsTheyAreAndOnlyFailedEntriesAreResent() {
        endpoint.faults().failEntries(0.3, "ProvisionedThroughputExceededException",
                AwsOperation.KINESIS_PUT_RECORDS);
        List<SourceRecord> records = records(1200);

        BatchOutcome outcome = forward(Set.of(), 20).process(records);

        assertThat(outcome.failedRecords()).isEmpty();
        List<KinesisRecord> stored = endpoint.kinesis().records("target");
        assertThat(stored).hasSize(1200);
        assertThat(stored).extracting(r -> new String(r.data(), StandardCharsets.ISO_8859_1)).containsExactlyInAnyOrderElementsOf(
                records.stream().map(r -> new String(r.data(), StandardCharsets.ISO_8859_1)).toList());
        assertThat(stored).extracting(KinesisRecord::partitionKey).containsExactlyInAnyOrderElementsOf(
                records.stream().map(SourceRecord::partitionKey).toList());
        long failedEntries = endpoint.faults().injected(FaultKind.ENTRY_FAILURE);
        assertThat(failedEntries).isPositive();
        // 1,200 records need 3 calls; the retries resend exactly the entries that failed.
        assertThat(endpoint.requests().count(AwsOperation.KINESIS_PUT_RECORDS)).isGreaterThan(3);
        assertThat(endpoint.violations()).isEmpty();
    }

    @Test
    void entriesThatKeepFailingReportTheirSourceRecords() {
        endpoint.faults().failEntries(1.0, "InternalFailure", AwsOperation.KINESIS_PUT_RECORDS);

        BatchOutcome outcome = forward(Set.of(), 2).process(records(5));

        assertThat(outcome.failedRecords()).containsExactly("seq-0", "seq-1", "seq-2", "seq-3", "seq-4");
        assertThat(endpoint.requests().count(AwsOperation.KINESIS_PUT_RECORDS)).isEqualTo(3);
    }

    @Test
    void withAnAllowListOnlyThoseEventsAreForwardedAsNdjson() {
        List<String> events = IntStream.range(0, 9).mapToObj(i -> TestData.event(i, "app", "audit", "debug")).toList();
        SourceRecord record = new SourceRecord("seq-1", "tenant-a", TestData.gzip(TestData.aggregate("tenant-a",
                TestData.utf8All(events))), Instant.EPOCH);

        BatchOutcome outcome = forward(Set.of("app", "audit"), 2).process(List.of(record));

        assertThat(outcome.notAllowed()).containsEntry("debug", 3L);
        List<KinesisRecord> stored = endpoint.kinesis().records("target");
        assertThat(stored).singleElement().satisfies(r -> {
            assertThat(r.partitionKey()).isEqualTo("tenant-a");
            assertThat(r.dataAsUtf8().lines()).containsExactlyElementsOf(
                    events.stream().filter(e -> !e.contains("\"debug\"")).toList());
        });
    }
}

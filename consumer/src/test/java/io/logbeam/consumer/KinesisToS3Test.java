package io.logbeam.consumer;

import static io.logbeam.consumer.TestData.aggregate;
import static io.logbeam.consumer.TestData.event;
import static io.logbeam.consumer.TestData.gzip;
import static io.logbeam.consumer.TestData.utf8;
import static io.logbeam.consumer.TestData.utf8All;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class KinesisToS3Test {

    private static final Instant ARRIVAL = Instant.parse("2026-11-22T15:00:00Z");

    private final FakeS3 s3 = new FakeS3();

    private KinesisToS3 store(Set<String> allowList) {
        return new KinesisToS3(s3, "bucket", "logs/", new LogTypeRouting(allowList, "unknown"), new RecordDecoder(),
                "failed");
    }

    private static SourceRecord record(int sequence, byte[] data) {
        return new SourceRecord("seq-" + sequence, "pk", data, ARRIVAL);
    }

    private static List<String> events(int n) {
        return IntStream.range(0, n).mapToObj(i -> event(i, "app", "audit")).toList();
    }

    @Test
    void oneObjectPerLogTypeUnderItsHourWithTheFirstEventsTimeAndId() {
        List<String> events = events(100);
        List<SourceRecord> batch = List.of(record(1, gzip(aggregate("k", utf8All(events.subList(0, 60))))),
                record(2, gzip(aggregate("k", utf8All(events.subList(60, 100))))));
        BatchOutcome outcome = store(Set.of()).process(batch);

        assertThat(outcome.failedRecords()).isEmpty();
        assertThat(outcome.events()).isEqualTo(100);
        assertThat(s3.objects()).containsOnlyKeys(
                "logs/app/2026/11/22/14/20261122T140000.000Z_id-000000.json.gz",
                "logs/audit/2026/11/22/14/20261122T140001.000Z_id-000001.json.gz");
        String app = s3.text("logs/app/2026/11/22/14/20261122T140000.000Z_id-000000.json.gz");
        List<String> appEvents = events.stream().filter(e -> e.contains("\"log_type\":\"app\"")).toList();
        assertThat(app).isEqualTo(String.join("\n", appEvents) + "\n");
        assertThat(s3.metadata("logs/app/2026/11/22/14/20261122T140000.000Z_id-000000.json.gz")).containsEntry("events",
                "50").containsEntry("first-time", "2026-11-22T14:00:00Z").containsEntry("last-time",
                "2026-11-22T14:01:38Z");
    }

    @Test
    void theAllowListDropsOtherTypesAndUnusableTypesGoToTheUnknownPrefix() {
        List<SourceRecord> batch = List.of(record(1, TestData.ndjson(List.of(event(0, "app"), event(1, "debug"),
                "{\"message\":\"no type\",\"time\":\"2026-11-22T16:30:00.000Z\"}",
                event("../../etc", "x1", "2026-11-22T16:31:00.000Z", "INFO", "escape")))));
        BatchOutcome outcome = store(Set.of("app")).process(batch);

        assertThat(outcome.notAllowed()).isEqualTo(Map.of("debug", 1L));
        assertThat(s3.objects().keySet()).containsExactlyInAnyOrder(
                "logs/app/2026/11/22/14/20261122T140000.000Z_id-000000.json.gz",
                "logs/unknown/2026/11/22/16/20261122T163000.000Z_seq-1.json.gz");
        assertThat(s3.text("logs/unknown/2026/11/22/16/20261122T163000.000Z_seq-1.json.gz").lines())
                .containsExactly("{\"message\":\"no type\",\"time\":\"2026-11-22T16:30:00.000Z\"}",
                        event("../../etc", "x1", "2026-11-22T16:31:00.000Z", "INFO", "escape"));
    }

    @Test
    void undecodableInputIsStoredAsideWithItsReasonAndBytesAndDoesNotHoldTheShard() {
        byte[] truncated = java.util.Arrays.copyOf(gzip(utf8(event(0, "app"))), 20);
        BatchOutcome outcome = store(Set.of()).process(List.of(record(7, truncated), record(8, utf8(event(1, "app")))));

        assertThat(outcome.failedRecords()).isEmpty();
        assertThat(outcome.failures()).isEqualTo(1);
        String key = "logs/failed/2026/11/22/15/20261122T150000.000Z_seq-7.json.gz";
        assertThat(s3.objects()).containsKey(key);
        String line = s3.text(key).strip();
        assertThat(line).contains("\"reason\":\"truncated or corrupt gzip", "\"location\":\"record\"",
                "\"source\":\"seq-7\"", "\"data_base64\":\"" + Base64.getEncoder().encodeToString(truncated) + "\"");
    }

    @Test
    void theSameBatchGivesTheSameKeysAndBytes() {
        List<SourceRecord> batch = List.of(record(1, gzip(aggregate("k", utf8All(events(500))))));
        store(Set.of()).process(batch);
        Map<String, byte[]> first = Map.copyOf(s3.objects());
        s3.objects().clear();
        store(Set.of()).process(batch);

        assertThat(s3.objects().keySet()).isEqualTo(first.keySet());
        s3.objects().forEach((key, bytes) -> assertThat(bytes).isEqualTo(first.get(key)));
    }

    @Test
    void aFailedPutReportsOnlyTheRecordsOfThatObject() {
        List<SourceRecord> batch = new ArrayList<>();
        batch.add(record(1, utf8(event(0, "app"))));
        batch.add(record(2, utf8(event(1, "audit"))));
        batch.add(record(3, utf8(event(2, "app"))));
        s3.failFor(key -> key.startsWith("logs/audit/"));
        BatchOutcome outcome = store(Set.of()).process(batch);

        assertThat(outcome.failedRecords()).containsExactly("seq-2");
        assertThat(s3.objects()).hasSize(1);
    }
}

package io.logbeam.consumer;

import static io.logbeam.consumer.TestData.event;
import static io.logbeam.consumer.TestData.ndjson;
import static io.logbeam.consumer.TestData.subscriptionMessage;
import static io.logbeam.consumer.TestData.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FirehoseTransformationTest {

    private static FirehoseTransformation transformation(Set<String> allowList, int limit) {
        return new FirehoseTransformation(new RecordDecoder(), new LogTypeRouting(allowList, "unknown"), limit);
    }

    private static FirehoseTransformation.Input input(String id, byte[] data) {
        return new FirehoseTransformation.Input(id, data, Instant.parse("2026-11-22T15:00:00Z"));
    }

    @Test
    void aSubscriptionMessageBecomesNdjsonWithTheFirstEventsPartition() {
        List<String> events = IntStream.range(0, 3).mapToObj(i -> event(i, "audit", "app")).toList();
        FirehoseTransformation.Result result = transformation(Set.of(), FirehoseTransformation.LAMBDA_RESPONSE_LIMIT)
                .transform(List.of(input("r1", subscriptionMessage("DATA_MESSAGE", events)))).get(0);

        assertThat(result.status()).isEqualTo(FirehoseTransformation.Status.Ok);
        assertThat(new String(result.data(), StandardCharsets.UTF_8)).isEqualTo(String.join("\n", events) + "\n");
        assertThat(result.partitionKeys()).containsExactly(java.util.Map.entry("log_type", "audit"),
                java.util.Map.entry("year", "2026"), java.util.Map.entry("month", "11"),
                java.util.Map.entry("day", "22"), java.util.Map.entry("hour", "14"));
        assertThat(result.events()).isEqualTo(3);
    }

    @Test
    void theAllowListRemovesEventsAndARecordLeftEmptyIsDropped() {
        List<String> events = List.of(event(0, "app"), event(1, "debug"));
        List<FirehoseTransformation.Result> results = transformation(Set.of("app"),
                FirehoseTransformation.LAMBDA_RESPONSE_LIMIT).transform(List.of(input("r1", ndjson(events)),
                input("r2", utf8(event(3, "debug")))));

        assertThat(new String(results.get(0).data(), StandardCharsets.UTF_8)).isEqualTo(events.get(0) + "\n");
        assertThat(results.get(1).status()).isEqualTo(FirehoseTransformation.Status.Dropped);
    }

    @Test
    void eventsWithoutATypeGoToTheUnknownPartitionAtTheirArrivalHour() {
        FirehoseTransformation.Result result = transformation(Set.of(), FirehoseTransformation.LAMBDA_RESPONSE_LIMIT)
                .transform(List.of(input("r1", utf8("{\"message\":\"plain\"}")))).get(0);

        assertThat(result.partitionKeys()).containsEntry("log_type", "unknown").containsEntry("hour", "15");
    }

    @Test
    void anyUndecodablePartFailsTheWholeRecord() {
        byte[] record = ndjson(List.of(event(0, "app"), "not json", event(1, "app")));
        FirehoseTransformation.Result result = transformation(Set.of(), FirehoseTransformation.LAMBDA_RESPONSE_LIMIT)
                .transform(List.of(input("r1", record))).get(0);

        assertThat(result.status()).isEqualTo(FirehoseTransformation.Status.ProcessingFailed);
        assertThat(result.reason()).isEqualTo("record > line 2: not a JSON object (starts with byte 0x6E)");
        assertThat(result.data()).isNull();
    }
}

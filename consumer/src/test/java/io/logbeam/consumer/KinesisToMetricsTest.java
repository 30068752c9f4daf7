package io.logbeam.consumer;

import static io.logbeam.consumer.TestData.event;
import static io.logbeam.consumer.TestData.ndjson;
import static io.logbeam.consumer.TestData.utf8;
import static org.assertj.core.api.Assertions.assertThat;

import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class KinesisToMetricsTest {

    private static final Instant NOW = Instant.parse("2026-11-22T15:00:00Z");

    private final FakeCloudWatch cloudWatch = new FakeCloudWatch();

    private KinesisToMetrics metrics(String dimension, Set<String> allowList) {
        EventKeys keys = dimension == null ? EventKeys.defaults() : EventKeys.defaults().withField(dimension);
        return new KinesisToMetrics(cloudWatch, "Logbeam", dimension, new LogTypeRouting(allowList, "unknown"),
                new RecordDecoder(keys), () -> NOW);
    }

    private static Map<String, Double> byCell(List<MetricDatum> data) {
        Map<String, Double> cells = new TreeMap<>();
        for (MetricDatum d : data) {
            String dims = d.dimensions().stream().map(x -> x.name() + "=" + x.value()).collect(Collectors.joining(","));
            cells.put(d.metricName() + " " + d.timestamp() + " " + dims, d.value());
        }
        return cells;
    }

    @Test
    void countsPerMinuteByLogTypeAndLevel() {
        // 180 events one second apart from 14:00:00: minutes 14:00, 14:01, 14:02; ERROR for every 7th.
        List<String> events = IntStream.range(0, 180).mapToObj(i -> event(i, "app", "audit")).toList();
        BatchOutcome outcome = metrics(null, Set.of()).process(List.of(
                new SourceRecord("1", "k", TestData.gzip(ndjson(events)), NOW)));

        assertThat(outcome.failedRecords()).isEmpty();
        assertThat(cloudWatch.calls()).hasSize(1);
        Map<String, Double> cells = byCell(cloudWatch.calls().get(0).metricData());
        long expectedAppInfo = IntStream.range(0, 60).filter(i -> i % 2 == 0 && i % 7 != 0).count();
        assertThat(cells).containsEntry("Events 2026-11-22T14:00:00Z log_type=app,level=INFO", (double) expectedAppInfo);
        assertThat(cells.values().stream().mapToDouble(Double::doubleValue).sum()).isEqualTo(180.0);
        assertThat(cloudWatch.calls().get(0).metricData()).allSatisfy(d -> {
            assertThat(d.storageResolution()).isEqualTo(60);
            assertThat(d.unitAsString()).isEqualTo("Count");
        });
    }

    @Test
    void aConfiguredDimensionIsCountedAndMissingValuesAreNone() {
        String withFunction = "{\"log_type\":\"app\",\"time\":\"2026-11-22T14:00:01.000Z\",\"level\":\"INFO\","
                + "\"lambda\":{\"function\":\"orders-api\"}}";
        String without = "{\"log_type\":\"app\",\"time\":\"2026-11-22T14:00:02.000Z\",\"level\":\"INFO\"}";
        metrics("lambda.function", Set.of()).process(List.of(new SourceRecord("1", "k",
                ndjson(List.of(withFunction, without, withFunction)), NOW)));

        assertThat(byCell(cloudWatch.calls().get(0).metricData())).containsExactly(
                Map.entry("Events 2026-11-22T14:00:00Z log_type=app,level=INFO,lambda.function=none", 1.0),
                Map.entry("Events 2026-11-22T14:00:00Z log_type=app,level=INFO,lambda.function=orders-api", 2.0));
    }

    @Test
    void undecodableInputAndNotAllowedTypesAreCountedApart() {
        BatchOutcome outcome = metrics(null, Set.of("app")).process(List.of(
                new SourceRecord("1", "k", utf8("Hello, this is a test."), NOW.minusSeconds(30)),
                new SourceRecord("2", "k", utf8(event(1, "debug")), NOW)));

        assertThat(outcome.notAllowed()).containsEntry("debug", 1L);
        assertThat(byCell(cloudWatch.calls().get(0).metricData()))
                .containsExactly(Map.entry("UndecodableInput 2026-11-22T14:59:00Z ", 1.0));
    }

    @Test
    void eventsCloudWatchWouldRefuseAreLeftOut() {
        String old = event("app", "x", "2026-10-01T00:00:00.000Z", "INFO", "too old");
        String ahead = event("app", "y", "2026-11-22T18:00:00.000Z", "INFO", "too new");
        metrics(null, Set.of()).process(List.of(new SourceRecord("1", "k", ndjson(List.of(old, ahead)), NOW)));

        assertThat(cloudWatch.calls()).isEmpty();
    }

    @Test
    void moreThanAThousandCellsTakeSeveralCalls() {
        List<String> events = IntStream.range(0, 1500).mapToObj(i -> event("t" + i, "id" + i,
                "2026-11-22T14:00:00.000Z", "INFO", "m")).toList();
        metrics(null, Set.of()).process(List.of(new SourceRecord("1", "k", ndjson(events), NOW)));

        assertThat(cloudWatch.calls()).extracting(c -> c.metricData().size()).containsExactly(1000, 500);
    }

    @Test
    void aFailedPublishReportsEveryRecord() {
        cloudWatch.fail();
        BatchOutcome outcome = metrics(null, Set.of()).process(List.of(
                new SourceRecord("1", "k", utf8(event(0, "app")), NOW), new SourceRecord("2", "k", utf8(event(1, "app")),
                        NOW)));

        assertThat(outcome.failedRecords()).containsExactly("1", "2");
    }
}

package io.logbeam.core.firehose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.logbeam.core.aws.AwsSettings;
import io.logbeam.core.config.AppenderProperties;
import io.logbeam.core.config.DestinationTypes;
import io.logbeam.core.engine.OverflowPolicy;
import io.logbeam.core.engine.Shipper;
import io.logbeam.core.engine.ShipperConfig;
import io.logbeam.core.engine.ShipperStats;
import io.logbeam.core.event.JsonSchema;
import io.logbeam.core.event.LogTypes;
import io.logbeam.core.testing.CapturingDiagnostics;
import io.logbeam.core.testing.CapturingFallback;
import io.logbeam.core.testing.TestAdapter;
import io.logbeam.core.testing.TestEvent;
import io.logbeam.core.testing.TestShippers;
import io.logbeam.core.util.Substitutions;
import io.logbeam.testkit.AwsOperation;
import io.logbeam.testkit.FaultKind;
import io.logbeam.testkit.LocalAwsEndpoint;
import io.logbeam.testkit.TestCredentials;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The Firehose destination end to end through the shipper, against the testkit's strict in-process Firehose. */
@Timeout(120)
class FirehoseDestinationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger NAMES = new AtomicInteger();
    private static final String STREAM = "app-logs";

    private final CapturingFallback fallback = new CapturingFallback();
    private final CapturingDiagnostics diagnostics = new CapturingDiagnostics();
    private final List<Shipper<TestEvent>> started = new ArrayList<>();
    private LocalAwsEndpoint endpoint;

    @BeforeEach
    void startEndpoint() {
        endpoint = LocalAwsEndpoint.builder().seed(42).start();
        endpoint.firehose().createDeliveryStream(STREAM);
    }

    @AfterEach
    void stopAll() {
        for (Shipper<TestEvent> s : started) {
            s.stop(Duration.ofSeconds(5));
        }
        endpoint.close();
    }

    private AwsSettings aws() {
        return AwsSettings.builder().region(TestCredentials.REGION).endpoint(endpoint.uri().toString())
                .accessKeyId(TestCredentials.ACCESS_KEY_ID).secretAccessKey(TestCredentials.SECRET_ACCESS_KEY).build();
    }

    private ShipperConfig.Builder config() {
        return ShipperConfig.builder().name("firehose-" + NAMES.incrementAndGet()).maxBatchDelay(Duration.ofMillis(50))
                .bufferSize(1024).overflowPolicy(OverflowPolicy.BLOCK).blockTimeout(Duration.ofSeconds(30))
                .retryBaseDelay(Duration.ofMillis(1)).retryMaxDelay(Duration.ofMillis(20)).maxRetries(50).jmx(false);
    }

    private Shipper<TestEvent> start(String stream, boolean pack, int maxRecordBytes, ShipperConfig config) {
        FirehoseDestination destination = new FirehoseDestination(stream, pack, maxRecordBytes, aws());
        Shipper<TestEvent> shipper = Shipper.builder(new TestAdapter(), destination).config(config)
                .logTypes(LogTypes.defaults()).schema(JsonSchema.builder().host("h").lambdaInfo(null).build())
                .fallback(fallback).diagnostics(diagnostics).start();
        started.add(shipper);
        return shipper;
    }

    private Shipper<TestEvent> start(boolean pack) {
        return start(STREAM, pack, FirehoseLimits.MAX_RECORD_BYTES, config().build());
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Every stored record, split into its lines; checks the NDJSON framing: each record is whole lines, each
     * line one complete JSON object, so no event was split across records.
     */
    private List<JsonNode> storedEvents(String stream, int maxLinesPerRecord) {
        List<JsonNode> events = new ArrayList<>();
        for (byte[] record : endpoint.firehose().records(stream)) {
            String text = new String(record, StandardCharsets.UTF_8);
            assertThat(text).endsWith("\n");
            String[] lines = text.substring(0, text.length() - 1).split("\n", -1);
            assertThat(lines.length).isLessThanOrEqualTo(maxLinesPerRecord);
            for (String line : lines) {
                JsonNode event = parse(line);
                assertThat(event.isObject()).as("line parses as one JSON object: %s", line).isTrue();
                events.add(event);
            }
        }
        return events;
    }

    private static Set<String> messages(List<JsonNode> events) {
        Set<String> out = new HashSet<>();
        events.forEach(e -> out.add(e.get("message").asText()));
        return out;
    }

    private static Set<String> logIds(List<JsonNode> events) {
        Set<String> out = new HashSet<>();
        events.forEach(e -> out.add(e.get("log_id").asText()));
        return out;
    }

    @ParameterizedTest(name = "packRecords={0}")
    @ValueSource(booleans = {false, true})
    void everyEventArrivesOnceAsOneNdjsonLine(boolean pack) {
        // Only size limits and the flush close records here, so the count is exact.
        Shipper<TestEvent> shipper = start(STREAM, pack, FirehoseLimits.MAX_RECORD_BYTES,
                config().maxBatchDelay(Duration.ofMinutes(5)).build());
        int n = 2_000;
        for (int i = 0; i < n; i++) {
            shipper.publish(TestEvent.of("event " + i), false);
        }
        assertThat(shipper.flush(Duration.ofSeconds(30))).isTrue();

        List<JsonNode> events = storedEvents(STREAM, pack ? 500 : 1);
        assertThat(events).hasSize(n);
        assertThat(messages(events)).hasSize(n);
        assertThat(logIds(events)).hasSize(n);
        assertThat(events).allSatisfy(e -> Instant.parse(e.get("time").asText()));
        assertThat(endpoint.firehose().records(STREAM)).hasSize(pack ? n / 500 : n);
        assertThat(endpoint.violations()).isEmpty();
        assertThat(fallback.entries()).isEmpty();
        TestShippers.assertSettled(shipper.stats());
    }

    @ParameterizedTest(name = "packRecords={0}, maxRecordBytes={1}")
    @CsvSource({"false, 1024000", "true, 1024000", "false, 8193", "true, 8193", "true, 65536"})
    void randomEventSizesNeverBreakAServiceLimit(boolean pack, int maxRecordBytes) {
        Shipper<TestEvent> shipper = start(STREAM, pack, maxRecordBytes, config().build());
        Random random = new Random(maxRecordBytes + (pack ? 1 : 0));
        int n = maxRecordBytes > 100_000 ? 150 : 400;
        for (int i = 0; i < n; i++) {
            int size;
            switch (random.nextInt(8)) {
                case 0:
                    size = maxRecordBytes + random.nextInt(50_000); // truncated to fit
                    break;
                case 1:
                    size = random.nextInt(maxRecordBytes);
                    break;
                default:
                    size = random.nextInt(3_000);
                    break;
            }
            shipper.publish(TestEvent.of(i + ":" + "m".repeat(size)), false);
        }
        assertThat(shipper.flush(Duration.ofSeconds(60))).isTrue();

        // The endpoint refuses (and lists) any call over 500 records or 4 MiB, and any record over 1,000 KiB.
        assertThat(endpoint.violations()).isEmpty();
        assertThat(endpoint.firehose().records(STREAM)).allSatisfy(r -> assertThat(r.length)
                .isLessThanOrEqualTo(maxRecordBytes));
        List<JsonNode> events = storedEvents(STREAM, pack ? 500 : 1);
        assertThat(events).hasSize(n);
        Set<String> numbers = new HashSet<>();
        events.forEach(e -> numbers.add(e.get("message").asText().split(":", 2)[0]));
        assertThat(numbers).hasSize(n);
        assertThat(fallback.entries()).isEmpty();
        assertThat(shipper.stats().getTruncated()).isPositive();
    }

    @ParameterizedTest(name = "{0}, packRecords={1}")
    @CsvSource({"ServiceUnavailableException, false", "InternalFailure, false", "ServiceUnavailableException, true"})
    void failedEntriesAreResentExactlyOnceEachAndAloneWithoutDuplicates(String code, boolean pack) {
        endpoint.faults().failEntries(0.2, code);
        Shipper<TestEvent> shipper = start(pack);
        int n = pack ? 20_000 : 3_000;
        for (int i = 0; i < n; i++) {
            shipper.publish(TestEvent.of("event " + i), false);
        }
        assertThat(shipper.flush(Duration.ofSeconds(60))).isTrue();

        long failedEntries = endpoint.faults().injected(FaultKind.ENTRY_FAILURE);
        assertThat(failedEntries).isPositive();
        ShipperStats stats = shipper.stats();
        // Each failed record was resent exactly once per failure, and no record that was stored was sent again.
        assertThat(stats.getRetried()).isEqualTo(failedEntries);
        assertThat(stats.getPossibleDuplicates()).isZero();
        List<JsonNode> events = storedEvents(STREAM, pack ? 500 : 1);
        assertThat(events).hasSize(n);
        assertThat(logIds(events)).hasSize(n);
        assertThat(stats.getDelivered()).isEqualTo(n);
        assertThat(fallback.entries()).isEmpty();
        assertThat(endpoint.violations()).isEmpty();
    }

    @Test
    void requestLevelServiceUnavailableAndThrottlingAreRetried() {
        endpoint.faults().failNext(3, 500, "ServiceUnavailableException")
                .failNext(2, 400, "LimitExceededException");
        Shipper<TestEvent> shipper = start(false);
        for (int i = 0; i < 100; i++) {
            shipper.publish(TestEvent.of("event " + i), false);
        }
        assertThat(shipper.flush(Duration.ofSeconds(30))).isTrue();

        assertThat(endpoint.faults().injected(FaultKind.REQUEST_FAILURE)).isEqualTo(5);
        assertThat(storedEvents(STREAM, 1)).hasSize(100);
        assertThat(shipper.stats().getRetried()).isPositive();
        assertThat(shipper.stats().getPossibleDuplicates()).isZero();
        assertThat(fallback.entries()).isEmpty();
    }

    @Test
    void aMissingDeliveryStreamSendsEventsToTheFallbackWithOneClearMessage() {
        Shipper<TestEvent> shipper = start("no-such-stream", false, FirehoseLimits.MAX_RECORD_BYTES, config().build());
        for (int i = 0; i < 3; i++) {
            shipper.publish(TestEvent.of("event " + i), false);
            assertThat(shipper.flush(Duration.ofSeconds(10))).isTrue();
        }

        assertThat(fallback.entries()).hasSize(3).allSatisfy(e -> assertThat(e.reason())
                .contains("ResourceNotFoundException", "'no-such-stream' does not exist"));
        assertThat(diagnostics.lines()).filteredOn(l -> l.contains("ResourceNotFoundException")).hasSize(1);
        // Unusable: one request, then a cooldown instead of a request per batch.
        assertThat(endpoint.requests().count(AwsOperation.FIREHOSE_PUT_RECORD_BATCH)).isEqualTo(1);
        TestShippers.assertSettled(shipper.stats());
    }

    @ParameterizedTest
    @CsvSource({"AccessDeniedException, IAM", "InvalidKMSResourceException, KMS key",
            "InvalidArgumentException, refused the request as invalid"})
    void permanentErrorsGoToTheFallbackWithTheReasonAndOneMessage(String code, String explanation) {
        endpoint.faults().failAlways(400, code);
        Shipper<TestEvent> shipper = start(false);
        for (int i = 0; i < 3; i++) {
            shipper.publish(TestEvent.of("event " + i), false);
            assertThat(shipper.flush(Duration.ofSeconds(10))).isTrue();
        }

        assertThat(fallback.entries()).hasSize(3).allSatisfy(e -> assertThat(e.reason()).contains(code, explanation));
        assertThat(diagnostics.lines()).filteredOn(l -> l.contains(code)).hasSize(1);
        assertThat(shipper.stats().getRetried()).isZero();
        assertThat(endpoint.firehose().records(STREAM)).isEmpty();
    }

    @Test
    void timeMillisKeyAddsEpochMillisForJqPartitioning() {
        AppenderProperties settings = new AppenderProperties(DestinationTypes.FIREHOSE);
        settings.set("deliveryStreamName", "{env:STREAM}");
        settings.set("region", TestCredentials.REGION);
        settings.set("endpoint", endpoint.uri().toString());
        settings.set("accessKeyId", TestCredentials.ACCESS_KEY_ID);
        settings.set("secretAccessKey", TestCredentials.SECRET_ACCESS_KEY);
        settings.set("timeMillisKey", "time_ms");
        settings.set("logType", "audit");
        settings.set("jmx", false);
        settings.set("maxBatchDelay", "50ms");
        Shipper<TestEvent> shipper = settings.start("firehose-" + NAMES.incrementAndGet(), new TestAdapter(),
                diagnostics, new Substitutions(Map.of("STREAM", STREAM), key -> null, Clock.systemUTC()));
        started.add(shipper);
        long time = Instant.parse("2026-11-22T14:39:24.123Z").toEpochMilli();
        shipper.publish(TestEvent.of("hello").at(time), false);
        assertThat(shipper.flush(Duration.ofSeconds(10))).isTrue();

        List<JsonNode> events = storedEvents(STREAM, 1);
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.get("time_ms").isIntegralNumber()).isTrue();
            assertThat(e.get("time_ms").asLong()).isEqualTo(time);
            assertThat(e.get("time").asText()).isEqualTo("2026-11-22T14:39:24.123Z");
            assertThat(e.get("log_type").asText()).isEqualTo("audit");
        });
    }

    @Test
    void withoutTimeMillisKeyThereIsNoEpochField() {
        Shipper<TestEvent> shipper = start(false);
        shipper.publish(TestEvent.of("hello"), false);
        assertThat(shipper.flush(Duration.ofSeconds(10))).isTrue();

        JsonNode event = storedEvents(STREAM, 1).get(0);
        List<String> names = new ArrayList<>();
        event.fieldNames().forEachRemaining(names::add);
        assertThat(names).startsWith("log_type", "log_id", "time");
        assertThat(event.size()).isGreaterThan(3);
        for (String name : names) {
            JsonNode value = event.get(name);
            assertThat(value.isIntegralNumber() && value.asLong() > 1_000_000_000_000L).as(name).isFalse();
        }
    }

    @Test
    void recoversWhenTheStreamAppearsAfterTheCooldown() {
        endpoint.firehose().deleteDeliveryStream(STREAM);
        Shipper<TestEvent> shipper = start(false);
        shipper.publish(TestEvent.of("lost"), false);
        assertThat(shipper.flush(Duration.ofSeconds(10))).isTrue();
        assertThat(fallback.entries()).hasSize(1);

        endpoint.firehose().createDeliveryStream(STREAM);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            shipper.publish(TestEvent.of("kept"), false);
            assertThat(shipper.flush(Duration.ofSeconds(5))).isTrue();
            assertThat(endpoint.firehose().records(STREAM)).isNotEmpty();
        });
        assertThat(diagnostics.lines()).anySatisfy(l -> assertThat(l).contains("accepts events again"));
    }
}

package io.logbeam.core.kinesis;

import static io.logbeam.core.kinesis.KinesisTestSupport.consume;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.logbeam.core.aws.AwsSettings;
import io.logbeam.core.engine.OverflowPolicy;
import io.logbeam.core.engine.Shipper;
import io.logbeam.core.engine.ShipperConfig;
import io.logbeam.core.event.JsonSchema;
import io.logbeam.core.testing.CapturingDiagnostics;
import io.logbeam.core.testing.CapturingFallback;
import io.logbeam.core.testing.TestAdapter;
import io.logbeam.core.testing.TestEvent;
import io.logbeam.core.util.ConfigException;
import io.logbeam.core.util.Substitutions;
import io.logbeam.testkit.AwsOperation;
import io.logbeam.testkit.FakeKinesis;
import io.logbeam.testkit.KinesisRecord;
import io.logbeam.testkit.KinesisStreamLimits;
import io.logbeam.testkit.LocalAwsEndpoint;
import io.logbeam.testkit.ManualClock;
import io.logbeam.testkit.ShardRates;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.kinesis.retrieval.KinesisClientRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Kinesis destination end to end through a real SDK client against the testkit endpoint, which enforces
 * the service limits strictly, records what it accepted and injects faults.
 */
@Timeout(120)
class KinesisDestinationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger NAMES = new AtomicInteger();

    private LocalAwsEndpoint endpoint;
    private final CapturingFallback fallback = new CapturingFallback();
    private final CapturingDiagnostics diagnostics = new CapturingDiagnostics();
    private final List<Shipper<TestEvent>> shippers = new ArrayList<>();
    private Map<String, Shard> listed;

    @BeforeEach
    void startEndpoint() {
        endpoint = LocalAwsEndpoint.start();
    }

    @AfterEach
    void stopAll() {
        shippers.forEach(s -> s.stop(Duration.ofSeconds(5)));
        endpoint.close();
    }

    private AwsSettings aws() {
        return AwsSettings.builder().region("us-east-1").endpoint(endpoint.uri().toString()).accessKeyId("test")
                .secretAccessKey("test").build();
    }

    private Shipper<TestEvent> start(UnaryOperator<KinesisDestination.Builder> options) {
        KinesisDestination destination = options.apply(KinesisDestination.builder().aws(aws()).streamName("logs"))
                .build();
        ShipperConfig config = ShipperConfig.builder().name("kinesis-" + NAMES.incrementAndGet()).bufferSize(16384)
                .maxBatchDelay(Duration.ofMillis(50)).retryBaseDelay(Duration.ofMillis(1))
                .retryMaxDelay(Duration.ofMillis(50)).maxRetries(60).retryDeadline(Duration.ofSeconds(60))
                .overflowPolicy(io.logbeam.core.engine.OverflowPolicy.BLOCK).blockTimeout(Duration.ofSeconds(30)).jmx(false)
                .build();
        Shipper<TestEvent> shipper = Shipper.builder(new TestAdapter(), destination).config(config)
                .schema(JsonSchema.builder().host("h").lambdaInfo(null).build()).fallback(fallback)
                .diagnostics(diagnostics).start();
        shippers.add(shipper);
        return shipper;
    }

    /** The events' JSON as stored: de-aggregated and gunzipped where configured. */
    private List<JsonNode> stored(boolean aggregated, boolean gzip) {
        List<JsonNode> events = new ArrayList<>();
        for (KinesisRecord record : endpoint.kinesis().records("logs")) {
            for (KinesisClientRecord r : consume(record.data(), record.partitionKey(), gzip, aggregated)) {
                events.add(parse(KinesisTestSupport.bytes(r.data())));
            }
        }
        return events;
    }

    private static JsonNode parse(byte[] json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void assertUniqueIds(List<JsonNode> events, int expected) {
        Set<String> ids = new HashSet<>();
        for (JsonNode e : events) {
            assertThat(e.get("log_type").asText()).isEqualTo("app");
            assertThat(e.get("time").asText()).isNotEmpty();
            assertThat(ids.add(e.get("log_id").asText())).as("duplicate log_id").isTrue();
        }
        assertThat(ids).hasSize(expected);
    }

    @ParameterizedTest(name = "aggregation={0} compression={1}")
    @CsvSource({"false,none", "false,gzip", "true,none", "true,gzip"})
    void randomSizesUpToBeyondTheRecordLimitNeverBreakALimit(boolean aggregation, String compression) {
        endpoint.kinesis().createStream("logs", 4);
        // The record and request limits are tested here; some 18 MB are beyond four shards' byte rate for seconds.
        endpoint.kinesis().shardRates("logs", ShardRates.UNLIMITED);
        Shipper<TestEvent> shipper = start(b -> b.aggregation(aggregation).compression(compression));
        Random random = new Random(3);
        int count = 600;
        for (int i = 0; i < count; i++) {
            int size = random.nextInt(20) == 0 ? 1 + random.nextInt(1_200 * 1024) : 1 + random.nextInt(2000);
            StringBuilder message = new StringBuilder(size);
            for (int c = 0; c < size; c++) {
                message.append((char) ('!' + random.nextInt(90)));
            }
            shipper.publish(TestEvent.of(message.toString()), false);
        }
        assertThat(shipper.flush(Duration.ofSeconds(60))).isTrue();

        assertThat(endpoint.violations()).isEmpty();
        assertThat(fallback.entries()).isEmpty();
        List<JsonNode> events = stored(aggregation, compression.equals("gzip"));
        assertUniqueIds(events, count);
        assertThat(shipper.stats().getTruncated()).isPositive(); // the 1.2 MiB messages were cut to fit
    }

    @ParameterizedTest(name = "aggregation={0} compression={1}")
    @CsvSource({"false,none", "true,gzip"})
    void transientFaultsDeliverEveryEventExactlyOnce(boolean aggregation, String compression) {
        endpoint.kinesis().createStream("logs", 2);
        endpoint.faults().seed(11)
                .failEntries(0.3, "ProvisionedThroughputExceededException")
                .failEntries(0.1, "InternalFailure")
                .failRandomly(0.1, 500, "InternalFailure")
                .failRandomly(0.1, 503, "ServiceUnavailable")
                .throttle(0.2, Duration.ofMinutes(5), AwsOperation.KINESIS_PUT_RECORDS);
        Shipper<TestEvent> shipper = start(b -> b.aggregation(aggregation).compression(compression)
                .aggregationMaxBytes(aggregation ? 4096 : 0)); // small aggregates: many records to fail
        int count = 3000;
        for (int i = 0; i < count; i++) {
            shipper.publish(TestEvent.of("event " + i), false);
        }
        assertThat(shipper.flush(Duration.ofSeconds(90))).isTrue();

        assertThat(fallback.entries()).isEmpty();
        assertThat(shipper.stats().getRetried()).isPositive();
        assertThat(shipper.stats().getDelivered()).isEqualTo(count);
        assertUniqueIds(stored(aggregation, compression.equals("gzip")), count);
        assertThat(endpoint.violations()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "ResourceNotFoundException, does not exist",
        "AccessDeniedException, kinesis:PutRecords",
        "KMSDisabledException, KMS key",
        "KMSNotFoundException, KMS key"})
    void aPermanentErrorSendsEventsToTheFallbackAndIsReportedOnce(String code, String hint) {
        endpoint.kinesis().createStream("logs", 1);
        endpoint.faults().failAlways(400, code);
        Shipper<TestEvent> shipper = start(b -> b);
        for (int i = 0; i < 50; i++) {
            shipper.publish(TestEvent.of("event " + i), true); // urgent: one request each
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> fallback.size() == 50);

        assertThat(fallback.entries()).allSatisfy(e -> assertThat(e.reason()).contains(code));
        assertThat(fallback.entries().get(0).reason()).contains(hint);
        List<String> reports = diagnostics.lines().stream().filter(l -> l.contains(code)).toList();
        assertThat(reports).hasSize(1);
        assertThat(reports.get(0)).contains("can not accept events").contains(hint);
        // The destination is left alone for a cooldown instead of being called for every batch.
        assertThat(endpoint.requests().count(AwsOperation.KINESIS_PUT_RECORDS)).isLessThan(5);
    }

    @Test
    void aMissingStreamIsNamedInOneClearMessage() {
        Shipper<TestEvent> shipper = start(b -> b.streamName("no-such-stream"));
        for (int i = 0; i < 20; i++) {
            shipper.publish(TestEvent.of("event " + i), true);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> fallback.size() == 20);

        List<String> reports = diagnostics.lines().stream().filter(l -> l.contains("ResourceNotFoundException")).toList();
        assertThat(reports).hasSize(1);
        assertThat(reports.get(0)).contains("Kinesis stream 'no-such-stream'").contains("does not exist")
                .contains("streamName 'no-such-stream'");
    }

    @Test
    void anInvalidArgumentRejectsTheRequestWithTheReasonAndSaysSoOnce() {
        endpoint.kinesis().createStream("logs", 1);
        endpoint.faults().failAlways(400, "InvalidArgumentException");
        Shipper<TestEvent> shipper = start(b -> b);
        for (int i = 0; i < 10; i++) {
            shipper.publish(TestEvent.of("event " + i), true);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> fallback.size() == 10);

        assertThat(fallback.entries()).allSatisfy(e -> assertThat(e.reason()).contains("InvalidArgumentException"));
        assertThat(diagnostics.lines().stream().filter(l -> l.contains("InvalidArgumentException"))).hasSize(1);
    }

    @ParameterizedTest(name = "aggregateByShard={0}")
    @CsvSource({"false", "true"})
    void keyedAggregatesCarryTheirKeyAndKeepOrderPerKey(boolean byShard) {
        endpoint.kinesis().createStream("logs", 4);
        Shipper<TestEvent> shipper = start(b -> b.aggregation(true).partitionKey("{mdc:tenant}")
                .aggregateByShard(byShard));
        if (byShard) {
            awaitShardMap(shipper, 4);
        }
        int count = 2000;
        for (int i = 0; i < count; i++) {
            TestEvent e = TestEvent.of(Integer.toString(i));
            if (i % 10 != 0) {
                e.mdc("tenant", "t" + (i % 3));
            }
            shipper.publish(e, false);
        }
        assertThat(shipper.flush(Duration.ofSeconds(30))).isTrue();

        List<String> order = new ArrayList<>();
        for (KinesisRecord record : endpoint.kinesis().records("logs")) {
            // KCL's view: de-aggregated with the hash key range of the shard the record is stored on.
            for (KinesisClientRecord r : readAsKcl(record, false)) {
                JsonNode e = parse(KinesisTestSupport.bytes(r.data()));
                JsonNode tenant = e.path("mdc").path("tenant");
                if (!tenant.isMissingNode()) {
                    assertThat(r.partitionKey()).isEqualTo(tenant.asText());
                    if (!byShard) {
                        assertThat(record.partitionKey()).isEqualTo(tenant.asText());
                    }
                    order.add(tenant.asText() + ":" + e.get("message").asText());
                } else {
                    // Events without a tenant share random-keyed aggregates, never a tenant's aggregate.
                    assertThat(record.partitionKey()).isEqualTo(r.partitionKey()).isNotIn("t0", "t1", "t2");
                }
            }
        }
        for (String tenant : List.of("t0", "t1", "t2")) {
            List<Integer> seen = order.stream().filter(s -> s.startsWith(tenant + ":"))
                    .map(s -> Integer.parseInt(s.substring(3))).toList();
            assertThat(seen).isSorted().isNotEmpty();
        }
        assertThat(order).hasSize(count - count / 10);
    }

    /**
     * A thousand tenants on four shards: a few records per shard rather than one per tenant, and every event read
     * back, as KCL reads it, from the shard its own tenant hashes to.
     */
    @Test
    void manyKeysAreAggregatedPerShardAndEachEventIsReadFromItsKeysShard() {
        endpoint.kinesis().createStream("logs", 4);
        Shipper<TestEvent> shipper = start(b -> b.aggregation(true).compression("gzip").partitionKey("{mdc:tenant}"));
        awaitShardMap(shipper, 4);
        int count = 20_000;
        for (int i = 0; i < count; i++) {
            shipper.publish(TestEvent.of("event " + i).mdc("tenant", "tenant-" + (i * 7919 % 1_000)), false);
        }
        assertThat(shipper.flush(Duration.ofSeconds(60))).isTrue();

        assertThat(fallback.entries()).isEmpty();
        assertThat(endpoint.violations()).isEmpty();
        List<KinesisRecord> records = endpoint.kinesis().records("logs");
        assertThat(records).as("aggregated per shard, not per tenant").hasSizeLessThan(count / 100);
        List<JsonNode> events = new ArrayList<>();
        for (KinesisRecord record : records) {
            for (KinesisClientRecord r : readAsKcl(record, true)) {
                JsonNode e = parse(KinesisTestSupport.bytes(r.data()));
                String tenant = e.get("mdc").get("tenant").asText();
                assertThat(r.partitionKey()).isEqualTo(tenant);
                assertThat(endpoint.kinesis().shardFor("logs", tenant)).isEqualTo(record.shardId());
                events.add(e);
            }
        }
        assertUniqueIds(events, count);
    }

    @Test
    void withoutListShardsKeyedEventsAreAggregatedPerKeyAndThatIsSaidOnce() {
        endpoint.kinesis().createStream("logs", 4);
        endpoint.faults().failAlways(400, "AccessDeniedException", AwsOperation.KINESIS_LIST_SHARDS);
        Shipper<TestEvent> shipper = start(b -> b.aggregation(true).partitionKey("{mdc:tenant}")
                .shardMapRefresh(Duration.ofMillis(20)));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> endpoint.requests().count(AwsOperation.KINESIS_LIST_SHARDS) >= 3);
        for (int i = 0; i < 300; i++) {
            shipper.publish(TestEvent.of("event " + i).mdc("tenant", "t" + (i % 3)), false);
        }
        assertThat(shipper.flush(Duration.ofSeconds(30))).isTrue();

        assertThat(fallback.entries()).isEmpty();
        assertThat(endpoint.kinesis().records("logs")).hasSize(3)
                .allSatisfy(r -> assertThat(r.partitionKey()).isIn("t0", "t1", "t2"));
        List<String> reports = diagnostics.lines().stream().filter(l -> l.contains("ListShards")).toList();
        assertThat(reports).hasSize(1);
        assertThat(reports.get(0)).contains("AccessDeniedException").contains("kinesis:ListShards")
                .contains("aggregateByShard=false").contains("per key");
    }

    @Test
    void aStreamThatRefusesExplicitHashKeysGetsAggregatesPerKeyAndLosesNothing() {
        endpoint.kinesis().createStream("logs", 2);
        endpoint.kinesis().refuseExplicitHashKeys("logs");
        Shipper<TestEvent> shipper = start(b -> b.aggregation(true).partitionKey("{mdc:tenant}"));
        awaitShardMap(shipper, 2);
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < 300; i++) {
                shipper.publish(TestEvent.of("event " + round + "-" + i).mdc("tenant", "t" + (i % 3)), false);
            }
            assertThat(shipper.flush(Duration.ofSeconds(30))).isTrue();
        }

        assertThat(fallback.entries()).isEmpty();
        assertUniqueIds(stored(true, false), 600);
        assertThat(endpoint.kinesis().records("logs")).allSatisfy(r -> assertThat(r.partitionKey()).isIn("t0", "t1",
                "t2"));
        assertThat(((KinesisDestination) shipper.destination()).knownShards()).as("per key from then on").isZero();
        assertThat(endpoint.violations()).as("one refused request, then per key").hasSize(1);
        assertThat(diagnostics.lines().stream().filter(l -> l.contains("explicit hash keys"))).hasSize(1);
    }

    /**
     * The stream is resharded while the appender runs and still believes the old shard map: the aggregates it made
     * for the old shards land on new shards, where KCL would drop them. They are sent again per key; read as KCL
     * reads (each shard with its own hash key range), every event is there exactly once, on its key's shard.
     */
    @Test
    void reshardingInTheMiddleOfARunLosesNothing() {
        endpoint.kinesis().createStream("logs", 2);
        Shipper<TestEvent> shipper = start(b -> b.aggregation(true).partitionKey("{mdc:tenant}"));
        awaitShardMap(shipper, 2);
        int half = 3_000;
        for (int i = 0; i < 2 * half; i++) {
            if (i == half) {
                assertThat(shipper.flush(Duration.ofSeconds(30))).isTrue();
                endpoint.kinesis().updateShardCount("logs", 3);
            }
            shipper.publish(TestEvent.of("event " + i).mdc("tenant", "tenant-" + (i % 200)), false);
        }
        assertThat(shipper.flush(Duration.ofSeconds(60))).isTrue();

        assertThat(fallback.entries()).isEmpty();
        assertThat(shipper.stats().getDelivered()).isEqualTo(2 * half);
        assertThat(((KinesisDestination) shipper.destination()).knownShards()).isEqualTo(3);
        int stored = 0;
        List<JsonNode> kept = new ArrayList<>();
        for (KinesisRecord record : endpoint.kinesis().records("logs")) {
            stored += consume(record.data(), record.partitionKey(), false, true).size();
            for (KinesisClientRecord r : readAsKcl(record, false)) {
                JsonNode e = parse(KinesisTestSupport.bytes(r.data()));
                assertThat(hashesInto(r.partitionKey(), record.shardId())).as("read from the shard its key hashes to")
                        .isTrue();
                kept.add(e);
            }
        }
        assertUniqueIds(kept, 2 * half);
        assertThat(stored).as("aggregates made for the old shards were stored on new ones too").isGreaterThan(2 * half);
        assertThat(shipper.stats().getPossibleDuplicates()).isGreaterThanOrEqualTo(stored - 2L * half);
        assertThat(endpoint.violations()).isEmpty();
    }

    /**
     * One fixed key puts everything on one shard: one event per record meets its 1,000 records per second, the
     * endpoint refuses the rest per record, and the retries deliver them in the next second; aggregated, the same
     * events take two records and are not throttled at all. The endpoint's clock stands still but when the test moves
     * it, so the second is the test's.
     */
    @ParameterizedTest(name = "aggregation={0}")
    @CsvSource({"false", "true"})
    void oneShardsRateIsMetAndRetriedOrAvoidedByAggregation(boolean aggregation) {
        endpoint.close();
        ManualClock clock = new ManualClock(Instant.parse("2026-11-22T14:00:00Z"));
        endpoint = LocalAwsEndpoint.builder().clock(clock).start();
        endpoint.kinesis().createStream("logs", 1);
        Shipper<TestEvent> shipper = start(b -> b.partitionKey("orders").aggregation(aggregation));
        int count = 1_500;
        for (int i = 0; i < count; i++) {
            shipper.publish(TestEvent.of("event " + i), false);
        }
        if (aggregation) {
            assertThat(shipper.flush(Duration.ofSeconds(30))).isTrue();
            assertThat(endpoint.kinesis().throttledRecords("logs")).isZero();
            assertThat(endpoint.kinesis().records("logs")).hasSizeLessThanOrEqualTo(2);
        } else {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(5))
                    .until(() -> endpoint.kinesis().throttledRecords("logs") > 0);
            assertThat(endpoint.kinesis().records("logs")).hasSize(1_000);
            clock.advance(Duration.ofSeconds(1));
            assertThat(shipper.flush(Duration.ofSeconds(30))).isTrue();
            assertThat(shipper.stats().getRetried()).isPositive();
        }
        assertThat(fallback.entries()).isEmpty();
        assertUniqueIds(stored(aggregation, false), count);
    }

    private void awaitShardMap(Shipper<TestEvent> shipper, int shards) {
        KinesisDestination destination = (KinesisDestination) shipper.destination();
        await().atMost(Duration.ofSeconds(30)).until(() -> destination.knownShards() == shards);
    }

    /** What KCL hands the record processor of the shard {@code record} is stored on (after gunzip). */
    private List<KinesisClientRecord> readAsKcl(KinesisRecord record, boolean gzip) {
        Shard shard = shard(record.shardId());
        byte[] data = gzip ? KinesisTestSupport.gunzip(record.data()) : record.data();
        return KinesisTestSupport.consumeFromShard(data, record.partitionKey(),
                new BigInteger(shard.hashKeyRange().startingHashKey()),
                new BigInteger(shard.hashKeyRange().endingHashKey()));
    }

    private boolean hashesInto(String partitionKey, String shardId) {
        Shard shard = shard(shardId);
        BigInteger hash = FakeKinesis.hashKeyOf(partitionKey);
        return hash.compareTo(new BigInteger(shard.hashKeyRange().startingHashKey())) >= 0
                && hash.compareTo(new BigInteger(shard.hashKeyRange().endingHashKey())) <= 0;
    }

    /** A shard of the stream "logs", as ListShards describes it; listed once per test, after the run. */
    private Shard shard(String shardId) {
        if (listed == null) {
            listed = new HashMap<>();
            listShards().forEach(s -> listed.put(s.shardId(), s));
        }
        return listed.get(shardId);
    }

    private List<Shard> listShards() {
        try (KinesisClient client = KinesisClient.builder().endpointOverride(endpoint.uri()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .build()) {
            return client.listShards(r -> r.streamName("logs")).shards();
        }
    }

    @Test
    void raisedRecordLimitsAreUsedWhenConfigured() {
        endpoint.kinesis().createStream("logs", 1, KinesisStreamLimits.withMaxRecordSizeInKiB(4096));
        endpoint.kinesis().shardRates("logs", ShardRates.UNLIMITED); // 3 MiB records: seconds each at 1 MiB/s
        Shipper<TestEvent> shipper = start(b -> b.maxRecordBytes(4 * 1024 * 1024).maxRequestBytes(10 * 1024 * 1024));
        String big = "x".repeat(3 * 1024 * 1024);
        for (int i = 0; i < 5; i++) {
            shipper.publish(TestEvent.of(big), false);
        }
        assertThat(shipper.flush(Duration.ofSeconds(30))).isTrue();

        assertThat(endpoint.violations()).isEmpty();
        assertThat(shipper.stats().getTruncated()).isZero();
        assertThat(endpoint.kinesis().records("logs")).hasSize(5)
                .allSatisfy(r -> assertThat(r.dataLength()).isGreaterThan(3 * 1024 * 1024));
    }

    @Test
    void autoCreateMakesAMissingStreamAndDelivers() {
        Shipper<TestEvent> shipper = start(b -> b.autoCreate(true).shardCount(2));
        for (int i = 0; i < 100; i++) {
            shipper.publish(TestEvent.of("event " + i), false);
        }
        assertThat(shipper.flush(Duration.ofSeconds(60))).isTrue();

        assertThat(endpoint.kinesis().streamExists("logs")).isTrue();
        assertThat(endpoint.kinesis().shardIds("logs")).hasSize(2);
        assertThat(fallback.entries()).isEmpty();
        assertUniqueIds(stored(false, false), 100);
    }

    @Test
    void noStreamIsCreatedByDefault() {
        Shipper<TestEvent> shipper = start(b -> b);
        shipper.publish(TestEvent.of("event"), true);
        await().atMost(Duration.ofSeconds(30)).until(() -> fallback.size() == 1);
        assertThat(endpoint.kinesis().streamExists("logs")).isFalse();
        assertThat(endpoint.requests().count(AwsOperation.KINESIS_CREATE_STREAM)).isZero();
    }

    private static final Substitutions SUBSTITUTIONS = new Substitutions(Map.of("STAGE", "prod"), k -> null,
            Clock.systemUTC());

    @Test
    void placeholdersInTheStreamNameAreResolved() {
        KinesisDestination d = KinesisTestSupport.destination().substitutions(SUBSTITUTIONS)
                .streamName("logs-{env:STAGE}").build();
        assertThat(d.describe()).isEqualTo("Kinesis stream 'logs-prod' (us-east-1)");
    }

    @Test
    void compressionIsCaseInsensitive() {
        assertThat(Compression.parse("GZIP")).isEqualTo(Compression.GZIP);
        assertThat(Compression.parse(null)).isEqualTo(Compression.NONE);
        assertThatThrownBy(() -> Compression.parse("snappy")).isInstanceOf(ConfigException.class)
                .hasMessageContaining("compression");
    }
}

package io.logbeam.core.kinesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.logbeam.core.config.AppenderProperties;
import io.logbeam.core.config.DestinationTypes;
import io.logbeam.core.engine.Shipper;
import io.logbeam.core.testing.CapturingDiagnostics;
import io.logbeam.core.testing.TestAdapter;
import io.logbeam.core.testing.TestEvent;
import io.logbeam.testkit.FakeKinesis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ScalingType;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamDescriptionSummary;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;
import software.amazon.kinesis.retrieval.KinesisClientRecord;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Ships events through {@link AppenderProperties} (the appenders' configuration path) to an emulator, reads
 * them back with GetRecords as a consumer would (gunzip, KCL de-aggregation) and checks count, uniqueness
 * of {@code log_id} and the schema. Shared by the emulator integration tests.
 */
final class KinesisRoundTrip {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final URI endpoint;
    private final int maxInFlight;

    /** @param maxInFlight concurrent PutRecords calls (1 for emulators that lose records under concurrency) */
    KinesisRoundTrip(URI endpoint, int maxInFlight) {
        this.endpoint = endpoint;
        this.maxInFlight = maxInFlight;
    }

    /** A plain SDK client for setup and reading; built with whatever CBOR setting the JVM has. */
    KinesisClient client() {
        return KinesisClient.builder().endpointOverride(endpoint).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .build();
    }

    void createStream(String stream, int shards) {
        try (KinesisClient kinesis = client()) {
            kinesis.createStream(r -> r.streamName(stream).shardCount(shards));
            // The SDK waiter polls every 10 s; emulators are ACTIVE within milliseconds.
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                    .until(() -> kinesis.describeStreamSummary(r -> r.streamName(stream)).streamDescriptionSummary()
                            .streamStatus() == StreamStatus.ACTIVE);
        }
    }

    /** Ships {@code count} events with the given options and checks what a consumer reads back. */
    void shipAndReadBack(String stream, int count, boolean aggregation, String compression, String partitionKey) {
        shipAndReadBack(stream, count, aggregation, compression, partitionKey, Map.of());
    }

    /** As above, with more appender properties (e.g. {@code httpClient}). */
    void shipAndReadBack(String stream, int count, boolean aggregation, String compression, String partitionKey,
            Map<String, String> more) {
        AppenderProperties settings = settings(stream, aggregation, compression, partitionKey);
        more.forEach(settings::set);
        CapturingDiagnostics diagnostics = new CapturingDiagnostics();
        Shipper<TestEvent> shipper = settings.start("it-" + stream, new TestAdapter(), diagnostics);
        try {
            for (int i = 0; i < count; i++) {
                TestEvent e = TestEvent.of("event " + i + " " + "x".repeat(i % 300)).mdc("tenant", "t" + (i % 5));
                shipper.publish(e, false);
            }
            assertThat(shipper.flush(Duration.ofSeconds(120))).as("flushed; diagnostics: %s", diagnostics.lines())
                    .isTrue();
            assertThat(shipper.stats().getFallback()).as("diagnostics: %s", diagnostics.lines()).isZero();
            assertThat(shipper.stats().getDelivered()).isEqualTo(count);
        } finally {
            shipper.stop(Duration.ofSeconds(10));
        }

        List<JsonNode> events = readBack(stream, aggregation, compression.equals("gzip"), count);
        assertThat(events).hasSize(count);
        Set<String> ids = new HashSet<>();
        Set<String> messages = new HashSet<>();
        for (JsonNode e : events) {
            Iterator<String> names = e.fieldNames();
            assertThat(List.of(names.next(), names.next(), names.next())).containsExactly("log_type", "log_id", "time");
            assertThat(e.get("log_type").asText()).isEqualTo("app");
            assertThat(Instant.parse(e.get("time").asText())).isNotNull();
            assertThat(e.get("level").asText()).isEqualTo("INFO");
            assertThat(e.get("mdc").get("tenant").asText()).startsWith("t");
            assertThat(ids.add(e.get("log_id").asText())).as("unique log_id").isTrue();
            messages.add(e.get("message").asText());
        }
        assertThat(messages).hasSize(count);
    }

    /**
     * Ships {@code count} events of {@code tenants} tenants ({@code partitionKey={mdc:tenant}}, aggregation, gzip)
     * once the appender knows the stream's {@code shards} shards; with {@code reshardTo > 0} the stream is resharded
     * to that many shards (UpdateShardCount) after the first half. Then reads every shard as KCL does (each record
     * de-aggregated with the hash key range of the shard it was read from, which drops an aggregate holding a key of
     * another shard) and checks that every event is there exactly once, read from the shard its tenant hashes to.
     */
    void shipByShardAndReadBack(String stream, int count, int tenants, int shards, int reshardTo) {
        AppenderProperties settings = settings(stream, true, "gzip", "{mdc:tenant}");
        CapturingDiagnostics diagnostics = new CapturingDiagnostics();
        Shipper<TestEvent> shipper = settings.start("it-" + stream, new TestAdapter(), diagnostics);
        int records;
        long possibleDuplicates;
        try {
            KinesisDestination destination = (KinesisDestination) shipper.destination();
            await().atMost(Duration.ofSeconds(60)).until(() -> destination.knownShards() == shards);
            for (int i = 0; i < count; i++) {
                if (i == count / 2 && reshardTo > 0) {
                    assertThat(shipper.flush(Duration.ofSeconds(120))).isTrue();
                    reshard(stream, reshardTo);
                }
                shipper.publish(TestEvent.of("event " + i).mdc("tenant", "tenant-" + (i * 7919 % tenants)), false);
            }
            assertThat(shipper.flush(Duration.ofSeconds(120))).as("flushed; diagnostics: %s", diagnostics.lines())
                    .isTrue();
            assertThat(shipper.stats().getFallback()).as("diagnostics: %s", diagnostics.lines()).isZero();
            assertThat(shipper.stats().getDelivered()).isEqualTo(count);
            possibleDuplicates = shipper.stats().getPossibleDuplicates();
        } finally {
            shipper.stop(Duration.ofSeconds(10));
        }

        Set<String> ids = new HashSet<>();
        int read = 0;
        int stored = 0;
        try (KinesisClient kinesis = client()) {
            records = 0;
            for (Shard shard : kinesis.listShards(r -> r.streamName(stream)).shards()) {
                BigInteger start = new BigInteger(shard.hashKeyRange().startingHashKey());
                BigInteger end = new BigInteger(shard.hashKeyRange().endingHashKey());
                for (Record record : readShard(kinesis, stream, shard.shardId())) {
                    records++;
                    stored += KinesisTestSupport.consume(record.data().asByteArrayUnsafe(), record.partitionKey(), true,
                            true).size();
                    byte[] plain = KinesisTestSupport.gunzip(record.data().asByteArrayUnsafe());
                    for (KinesisClientRecord r : KinesisTestSupport.consumeFromShard(plain, record.partitionKey(),
                            start, end)) {
                        JsonNode e = parse(KinesisTestSupport.bytes(r.data()));
                        String tenant = e.get("mdc").get("tenant").asText();
                        assertThat(r.partitionKey()).isEqualTo(tenant);
                        BigInteger hash = FakeKinesis.hashKeyOf(tenant);
                        assertThat(hash).as("%s read from %s", tenant, shard.shardId()).isBetween(start, end);
                        assertThat(ids.add(e.get("log_id").asText())).as("unique log_id").isTrue();
                        read++;
                    }
                }
            }
        }
        assertThat(read).isEqualTo(count);
        assertThat(possibleDuplicates).as("copies a consumer that ignores shard ranges reads").isGreaterThanOrEqualTo(
                stored - count);
        if (reshardTo == 0) {
            assertThat(records).as("aggregated per shard, not per tenant").isLessThan(count / 100);
            assertThat(stored).isEqualTo(count);
        } else {
            assertThat(stored).as("aggregates made for the old shards were stored on new ones too").isGreaterThan(count);
        }
    }

    private void reshard(String stream, int shards) {
        try (KinesisClient kinesis = client()) {
            kinesis.updateShardCount(r -> r.streamName(stream).targetShardCount(shards)
                    .scalingType(ScalingType.UNIFORM_SCALING));
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50)).until(() -> {
                StreamDescriptionSummary summary = kinesis.describeStreamSummary(r -> r.streamName(stream))
                        .streamDescriptionSummary();
                return summary.streamStatus() == StreamStatus.ACTIVE && summary.openShardCount() == shards;
            });
        }
    }

    /** Every record of one shard, from its start. */
    private static List<Record> readShard(KinesisClient kinesis, String stream, String shardId) {
        List<Record> records = new ArrayList<>();
        String iterator = kinesis.getShardIterator(r -> r.streamName(stream).shardId(shardId)
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
        int emptyReads = 0;
        while (iterator != null && emptyReads < 3) {
            String current = iterator;
            GetRecordsResponse page = kinesis.getRecords(r -> r.shardIterator(current).limit(10_000));
            records.addAll(page.records());
            emptyReads = page.records().isEmpty() ? emptyReads + 1 : 0;
            if (page.records().isEmpty() && page.millisBehindLatest() != null && page.millisBehindLatest() == 0) {
                break;
            }
            iterator = page.nextShardIterator();
        }
        return records;
    }

    /** The appender's properties for {@code stream} on the emulator, with the given options. */
    private AppenderProperties settings(String stream, boolean aggregation, String compression, String partitionKey) {
        AppenderProperties settings = new AppenderProperties(DestinationTypes.KINESIS);
        settings.set("streamName", stream);
        settings.set("region", "us-east-1");
        settings.set("endpoint", endpoint.toString());
        settings.set("accessKeyId", "test");
        settings.set("secretAccessKey", "test");
        settings.set("aggregation", aggregation);
        settings.set("compression", compression);
        settings.set("partitionKey", partitionKey);
        settings.set("maxBatchDelay", "200 ms");
        settings.set("requestTimeout", "30 seconds");
        settings.set("jmx", false);
        settings.set("maxInFlight", maxInFlight);
        settings.set("overflowPolicy", "block");
        settings.set("blockTimeout", "30 seconds");
        return settings;
    }

    /** Every record of every shard, decoded as a consumer would. */
    private List<JsonNode> readBack(String stream, boolean aggregated, boolean gzip, int expected) {
        List<JsonNode> events = new ArrayList<>();
        try (KinesisClient kinesis = client()) {
            for (Shard shard : kinesis.listShards(r -> r.streamName(stream)).shards()) {
                String iterator = kinesis.getShardIterator(r -> r.streamName(stream).shardId(shard.shardId())
                        .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
                int emptyReads = 0;
                while (iterator != null && emptyReads < 3 && events.size() < expected) {
                    String current = iterator;
                    GetRecordsResponse page = kinesis.getRecords(r -> r.shardIterator(current).limit(10_000));
                    if (page.records().isEmpty()) {
                        emptyReads++;
                    }
                    for (Record record : page.records()) {
                        for (KinesisClientRecord r : KinesisTestSupport.consume(record.data().asByteArrayUnsafe(),
                                record.partitionKey(), gzip, aggregated)) {
                            events.add(parse(KinesisTestSupport.bytes(r.data())));
                        }
                    }
                    iterator = page.nextShardIterator();
                    if (page.millisBehindLatest() != null && page.millisBehindLatest() == 0 && page.records().isEmpty()) {
                        break;
                    }
                }
            }
        }
        return events;
    }

    private static JsonNode parse(byte[] json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}

package io.logbeam.core.kinesis;

import static io.logbeam.core.kinesis.KinesisTestSupport.data;
import static io.logbeam.core.kinesis.KinesisTestSupport.event;
import static io.logbeam.core.kinesis.KinesisTestSupport.gunzip;
import static io.logbeam.core.kinesis.KinesisTestSupport.wire;
import static org.assertj.core.api.Assertions.assertThat;

import io.logbeam.core.destination.BatchEntry;
import io.logbeam.core.destination.Batcher;
import io.logbeam.core.event.EncodedEvent;
import io.logbeam.core.kinesis.KinesisTestSupport.CapturingSink;
import io.logbeam.testkit.FakeKinesis;
import io.logbeam.testkit.LocalAwsEndpoint;

import software.amazon.kinesis.retrieval.KinesisClientRecord;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Aggregating by shard: the shard map, the hashing, and what the batcher makes of many keys. */
class ShardAggregationTest {

    private static final BigInteger HASH_SPACE = BigInteger.ONE.shiftLeft(128);

    @Test
    void theShardOfAKeyIsTheOneKinesisPicks() {
        try (LocalAwsEndpoint endpoint = LocalAwsEndpoint.start()) {
            for (int shards : new int[] {1, 3, 4, 7}) {
                endpoint.kinesis().createStream("s" + shards, shards);
                ShardMap map = ShardMap.even(shards);
                KeyHasher hasher = new KeyHasher();
                Random random = new Random(shards);
                for (int i = 0; i < 2_000; i++) {
                    String key = i % 10 == 0 ? "t\u00e9nant-\u4e2d" + random.nextInt() : "tenant-" + random.nextInt();
                    hasher.hash(key);
                    BigInteger expected = FakeKinesis.hashKeyOf(key);
                    assertThat(hasher.high).isEqualTo(expected.shiftRight(64).longValue());
                    assertThat(hasher.low).isEqualTo(expected.longValue());
                    assertThat(map.shardOf(hasher.high, hasher.low).id())
                            .isEqualTo(endpoint.kinesis().shardFor("s" + shards, key));
                }
            }
        }
    }

    @Test
    void aListingThatDoesNotCoverTheHashKeySpaceOnceIsNotUsed() {
        BigInteger half = HASH_SPACE.shiftRight(1);
        BigInteger top = HASH_SPACE.subtract(BigInteger.ONE);
        assertThat(ShardMap.of(List.of(listed("a", BigInteger.ZERO, half.subtract(BigInteger.ONE)),
                listed("b", half, top)))).isNotNull();
        assertThat(ShardMap.of(List.of(listed("b", half, top), listed("a", BigInteger.ZERO,
                half.subtract(BigInteger.ONE))))).as("listed in any order").isNotNull();
        assertThat(ShardMap.of(List.of(listed("a", BigInteger.ZERO, half), listed("b", half, top))))
                .as("overlap").isNull();
        assertThat(ShardMap.of(List.of(listed("a", BigInteger.ZERO, half.subtract(BigInteger.TWO)),
                listed("b", half, top)))).as("gap").isNull();
        assertThat(ShardMap.of(List.of(listed("a", BigInteger.ZERO, half)))).as("short of the top").isNull();
        assertThat(ShardMap.of(List.of())).isNull();
        assertThat(ShardMap.even(4).sameAs(ShardMap.even(4))).isTrue();
        assertThat(ShardMap.even(4).sameAs(ShardMap.even(5))).isFalse();
        assertThat(ShardMap.even(4).contains("shardId-000000000003")).isTrue();
        assertThat(ShardMap.even(4).contains("shardId-000000000004")).isFalse();
    }

    /**
     * A thousand keys on four shards: one aggregate per shard instead of one per key, and KCL, de-aggregating each
     * record with the hash key range of the shard it is stored on, keeps every inner record, each under its own key.
     */
    @ParameterizedTest(name = "gzip={0}")
    @ValueSource(booleans = {false, true})
    void manyKeysMakeOneAggregatePerShardThatKclKeepsWhole(boolean gzip) {
        int shards = 4;
        ShardMap map = ShardMap.even(shards);
        KinesisDestination destination = KinesisTestSupport.destination().aggregation(true)
                .compression(gzip ? "gzip" : "none").partitionKey("{mdc:tenant}").build();
        CapturingSink byShard = new CapturingSink();
        CapturingSink byKey = new CapturingSink();
        Batcher shardBatcher = destination.newBatcher(() -> map);
        Batcher keyBatcher = destination.newBatcher(null);
        List<EncodedEvent> sent = new ArrayList<>();
        Random random = new Random(11);
        for (int i = 0; i < 20_000; i++) {
            String tenant = "tenant-" + random.nextInt(1_000);
            EncodedEvent e = event("{\"n\":" + i + ",\"tenant\":\"" + tenant + "\",\"message\":\"" + "x".repeat(
                    random.nextInt(200)) + "\"}", tenant);
            sent.add(e);
            shardBatcher.add(e, byShard);
            keyBatcher.add(e, byKey);
        }
        shardBatcher.drain(byShard);
        keyBatcher.drain(byKey);

        assertThat(byKey.entries()).as("per key: about one event per record").hasSizeGreaterThan(18_000);
        assertThat(byShard.entries()).as("per shard: a few full aggregates per shard").hasSizeLessThanOrEqualTo(
                3 * shards);
        Map<String, Integer> lastPerKey = new HashMap<>();
        int received = 0;
        for (BatchEntry entry : byShard.entries()) {
            String explicitHashKey = wire(entry).explicitHashKey();
            assertThat(explicitHashKey).isNotNull();
            int shard = shardIndex(new BigInteger(explicitHashKey), shards);
            assertThat(entry.<KinesisEntry>wire().expectedShardId()).isEqualTo(String.format("shardId-%012d", shard));
            byte[] plain = gzip ? gunzip(data(entry)) : data(entry);
            List<KinesisClientRecord> inner = deaggregate(plain, wire(entry).partitionKey(), shard, shards);
            assertThat(inner).as("KCL keeps the whole aggregate").hasSize(entry.events().size());
            for (int i = 0; i < inner.size(); i++) {
                EncodedEvent e = entry.events().get(i);
                assertThat(inner.get(i).partitionKey()).isEqualTo(e.partitionKey());
                assertThat(KinesisTestSupport.bytes(inner.get(i).data())).isEqualTo(e.json());
                int n = sent.indexOf(e);
                assertThat(n).isGreaterThan(lastPerKey.getOrDefault(e.partitionKey(), -1));
                lastPerKey.put(e.partitionKey(), n);
            }
            received += inner.size();
        }
        assertThat(received).isEqualTo(sent.size());
    }

    @Test
    void eventsWithoutAKeyKeepRandomlyKeyedAggregatesOfTheirOwn() {
        ShardMap map = ShardMap.even(4);
        Batcher batcher = KinesisTestSupport.destination().aggregation(true).partitionKey("{mdc:tenant}").build()
                .newBatcher(() -> map);
        CapturingSink sink = new CapturingSink();
        for (int i = 0; i < 100; i++) {
            batcher.add(event("{\"n\":" + i + "}", i % 2 == 0 ? null : "tenant-" + i), sink);
        }
        batcher.drain(sink);
        for (BatchEntry entry : sink.entries()) {
            boolean keyed = entry.events().get(0).partitionKey() != null;
            assertThat(entry.events()).allSatisfy(e -> assertThat(e.partitionKey() != null).isEqualTo(keyed));
            assertThat(wire(entry).explicitHashKey() != null).isEqualTo(keyed);
        }
        assertThat(sink.entries().stream().filter(e -> wire(e).explicitHashKey() == null)).hasSize(1);
    }

    @Test
    void aNewShardMapClosesWhatWasOpenSoThatEachKeyKeepsItsOrder() {
        AtomicReference<ShardMap> current = new AtomicReference<>(null);
        Batcher batcher = KinesisTestSupport.destination().aggregation(true).partitionKey("{mdc:tenant}").build()
                .newBatcher(current::get);
        CapturingSink sink = new CapturingSink();
        List<EncodedEvent> sent = new ArrayList<>();
        for (int phase = 0; phase < 3; phase++) {
            current.set(phase == 0 ? null : ShardMap.even(phase == 1 ? 2 : 8)); // unknown, 2 shards, resharded to 8
            for (int i = 0; i < 300; i++) {
                EncodedEvent e = event("{\"phase\":" + phase + ",\"n\":" + i + "}", "tenant-" + (i % 7));
                sent.add(e);
                batcher.add(e, sink);
            }
        }
        batcher.drain(sink);
        for (BatchEntry entry : sink.entries()) {
            String phase = new String(entry.events().get(0).json()).substring(0, 10);
            assertThat(entry.events()).as("a change of map closes every aggregate made before it")
                    .allSatisfy(e -> assertThat(new String(e.json())).startsWith(phase));
        }
        List<EncodedEvent> emitted = new ArrayList<>();
        sink.entries().forEach(entry -> emitted.addAll(entry.events()));
        assertThat(emitted).containsExactlyInAnyOrderElementsOf(sent);
        for (int t = 0; t < 7; t++) {
            String tenant = "tenant-" + t;
            assertThat(emitted.stream().filter(e -> e.partitionKey().equals(tenant)).toList())
                    .isEqualTo(sent.stream().filter(e -> e.partitionKey().equals(tenant)).toList());
        }
    }

    @Test
    void aStreamOfMoreShardsThanSixteenKeepsOneAggregateOpenPerShard() {
        ShardMap map = ShardMap.even(64);
        Batcher batcher = KinesisTestSupport.destination().aggregation(true).partitionKey("{mdc:tenant}").build()
                .newBatcher(() -> map);
        CapturingSink sink = new CapturingSink();
        for (int i = 0; i < 6_400; i++) {
            batcher.add(event("{\"n\":" + i + "}", "tenant-" + (i % 1_000)), sink);
        }
        assertThat(sink.requests).as("nothing closed before the drain").isEmpty();
        batcher.drain(sink);
        assertThat(sink.entries()).hasSize(64);
    }

    private static ShardMap.Listed listed(String id, BigInteger start, BigInteger end) {
        return new ShardMap.Listed(id, start, end);
    }

    private static int shardIndex(BigInteger hashKey, int shards) {
        BigInteger width = HASH_SPACE.divide(BigInteger.valueOf(shards));
        return Math.min(shards - 1, hashKey.divide(width).intValue());
    }

    /** What KCL hands a record processor of shard {@code shard} (of {@code shards} even shards) for this record. */
    private static List<KinesisClientRecord> deaggregate(byte[] data, String partitionKey, int shard, int shards) {
        BigInteger width = HASH_SPACE.divide(BigInteger.valueOf(shards));
        BigInteger start = width.multiply(BigInteger.valueOf(shard));
        BigInteger end = shard == shards - 1 ? HASH_SPACE.subtract(BigInteger.ONE)
                : start.add(width).subtract(BigInteger.ONE);
        return KinesisTestSupport.consumeFromShard(data, partitionKey, start, end);
    }
}

package io.logbeam.core.kinesis;

import static io.logbeam.core.kinesis.KinesisTestSupport.consume;
import static io.logbeam.core.kinesis.KinesisTestSupport.data;
import static io.logbeam.core.kinesis.KinesisTestSupport.event;
import static io.logbeam.core.kinesis.KinesisTestSupport.keyBytes;
import static io.logbeam.core.kinesis.KinesisTestSupport.wire;
import static org.assertj.core.api.Assertions.assertThat;

import io.logbeam.core.destination.BatchEntry;
import io.logbeam.core.destination.Batcher;
import io.logbeam.core.event.EncodedEvent;
import io.logbeam.core.kinesis.KinesisTestSupport.CapturingSink;
import io.logbeam.testkit.FakeKinesis;

import software.amazon.kinesis.retrieval.KinesisClientRecord;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Property-style: thousands of events of random sizes (1 B .. 1.2 MiB, clipped to maxEventBytes as the
 * serializer clips them), random content (incompressible bytes too, gzip's worst case), random keys; every
 * request and record must stay within the limits and every event must come out once, in order per key.
 */
class KinesisBatchLimitsTest {

    private static final int MIB = 1024 * 1024;
    private static final byte[] NOISE = new byte[2 * MIB];
    private static final byte[] TEXT = new byte[2 * MIB];

    static {
        Random random = new Random(1);
        random.nextBytes(NOISE);
        byte[] words = "level INFO message order shipped to customer \"id\": 12345, ".getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < TEXT.length; i++) {
            TEXT[i] = random.nextInt(8) == 0 ? (byte) ('a' + random.nextInt(26)) : words[i % words.length];
        }
    }

    static Stream<Arguments> modes() {
        return Stream.of(
                Arguments.of("plain", false, "none", "random", MIB, 5 * MIB, 0, 0),
                Arguments.of("gzip", false, "gzip", "random", MIB, 5 * MIB, 0, 0),
                Arguments.of("aggregated", true, "none", "random", MIB, 5 * MIB, 0, 0),
                Arguments.of("aggregated+gzip", true, "gzip", "random", MIB, 5 * MIB, 0, 0),
                Arguments.of("aggregated, mdc keys", true, "none", "{mdc:tenant}", MIB, 5 * MIB, 0, 0),
                Arguments.of("aggregated+gzip, small target", true, "gzip", "{mdc:tenant}", MIB, 5 * MIB, 64 * 1024, 0),
                Arguments.of("plain, mdc keys, small limits", false, "none", "{mdc:tenant}", 64 * 1024, 128 * 1024, 0,
                        0),
                Arguments.of("aggregated, small limits", true, "none", "{mdc:tenant}", 64 * 1024, 64 * 1024, 0, 0),
                Arguments.of("aggregated+gzip, raised limits", true, "gzip", "random", 10 * MIB, 10 * MIB, 0, 0),
                Arguments.of("aggregated by shard, 4 shards", true, "none", "{mdc:tenant}", MIB, 5 * MIB, 0, 4),
                Arguments.of("aggregated+gzip by shard, 3 shards", true, "gzip", "{mdc:tenant}", MIB, 5 * MIB, 0, 3),
                Arguments.of("aggregated by shard, 40 shards, small limits", true, "none", "{mdc:tenant}", 64 * 1024,
                        64 * 1024, 0, 40));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modes")
    void neverExceedsALimitAndLosesNothing(String name, boolean aggregation, String compression, String partitionKey,
            int maxRecordBytes, int maxRequestBytes, int aggregationMaxBytes, int shards) {
        KinesisDestination destination = KinesisTestSupport.destination().aggregation(aggregation)
                .compression(compression).partitionKey(partitionKey).maxRecordBytes(maxRecordBytes)
                .maxRequestBytes(maxRequestBytes).aggregationMaxBytes(aggregationMaxBytes).build();
        int maxEventBytes = destination.maxEventBytes();
        ShardMap map = shards == 0 ? null : ShardMap.even(shards);
        Batcher batcher = map == null ? destination.newBatcher() : destination.newBatcher(() -> map);
        CapturingSink sink = new CapturingSink();
        Random random = new Random(name.hashCode());
        List<EncodedEvent> sent = new ArrayList<>();
        boolean keyed = !partitionKey.equals("random");
        int count = compression.equals("gzip") ? 1200 : 3000; // deflating noise is slow
        for (int i = 0; i < count; i++) {
            int size = Math.min(randomSize(random), maxEventBytes);
            byte[] source = random.nextBoolean() ? NOISE : TEXT;
            int from = random.nextInt(source.length - size + 1);
            String key = keyed && random.nextInt(5) > 0 ? longKey(random) : null;
            EncodedEvent e = event(Arrays.copyOfRange(source, from, from + size), key);
            sent.add(e);
            batcher.add(e, sink);
            if (random.nextInt(500) == 0) {
                batcher.drain(sink); // linger expiry or flush at a random point
            }
        }
        batcher.drain(sink);

        assertThat(sink.rejected).isEmpty();
        assertThat(batcher.isEmpty()).isTrue();
        for (List<BatchEntry> request : sink.requests) {
            assertThat(request).isNotEmpty().hasSizeLessThanOrEqualTo(KinesisLimits.MAX_RECORDS_PER_REQUEST);
            long requestBytes = 0;
            for (BatchEntry entry : request) {
                int recordBytes = data(entry).length + keyBytes(entry);
                assertThat(entry.bytes()).isEqualTo(recordBytes);
                assertThat(recordBytes).isLessThanOrEqualTo(maxRecordBytes);
                assertThat(wire(entry).partitionKey().length()).isBetween(1, KinesisLimits.MAX_PARTITION_KEY_CHARS);
                requestBytes += recordBytes;
            }
            assertThat(requestBytes).isLessThanOrEqualTo(maxRequestBytes);
        }
        assertDeliveredOnceInOrderPerKey(sent, sink, aggregation, compression.equals("gzip"), map);
        if (aggregation && aggregationMaxBytes > 0) {
            for (BatchEntry entry : sink.entries()) {
                byte[] raw = compression.equals("gzip") ? KinesisTestSupport.gunzip(data(entry)) : data(entry);
                if (entry.events().size() > 1) {
                    assertThat(raw.length).isLessThanOrEqualTo(aggregationMaxBytes);
                }
            }
        }
    }

    /** Mostly log-uniform small sizes, one in 25 up to 1.2 MiB. */
    private static int randomSize(Random random) {
        if (random.nextInt(25) == 0) {
            return 1 + random.nextInt(1_200 * 1024);
        }
        return (int) Math.max(1, Math.exp(random.nextDouble() * Math.log(64 * 1024)));
    }

    /** A few tenants, some with keys beyond 256 characters and multi-byte characters. */
    private static String longKey(Random random) {
        int tenant = random.nextInt(24);
        if (tenant == 0) {
            return "\u00e9\u4e2d".repeat(150); // 300 chars: the strategy cuts them to 256, so does the batcher
        }
        return "tenant-" + tenant;
    }

    /**
     * Every event once, in order per key; on the wire (as KCL decodes it) each event under its own key, and with a
     * shard map, every inner key of a shard's aggregate hashing into the shard its explicit hash key names.
     */
    private static void assertDeliveredOnceInOrderPerKey(List<EncodedEvent> sent, CapturingSink sink,
            boolean aggregation, boolean gzip, ShardMap map) {
        Map<EncodedEvent, Boolean> seen = new IdentityHashMap<>();
        Map<String, Integer> lastIndexPerKey = new java.util.HashMap<>();
        Map<EncodedEvent, Integer> index = new IdentityHashMap<>();
        for (int i = 0; i < sent.size(); i++) {
            index.put(sent.get(i), i);
        }
        for (BatchEntry entry : sink.entries()) {
            String key = wire(entry).partitionKey();
            String explicitHashKey = wire(entry).explicitHashKey();
            assertThat(explicitHashKey != null).as("explicit hash key only with a shard map").isEqualTo(
                    map != null && entry.events().get(0).partitionKey() != null);
            List<KinesisClientRecord> records = consume(data(entry), key, gzip, aggregation);
            assertThat(records).hasSize(entry.events().size());
            for (int i = 0; i < records.size(); i++) {
                EncodedEvent e = entry.events().get(i);
                KinesisClientRecord r = records.get(i);
                // The bytes on the wire are the events, as a consumer decodes them.
                assertThat(KinesisTestSupport.bytes(r.data())).isEqualTo(e.json());
                assertThat(seen.put(e, Boolean.TRUE)).as("event carried twice").isNull();
                if (e.partitionKey() != null) {
                    String own = PartitionKeys.usable(e.partitionKey());
                    assertThat(r.partitionKey()).isEqualTo(own);
                    if (explicitHashKey != null) {
                        assertThat(shardOf(map, own)).isSameAs(shardOf(map, new BigInteger(explicitHashKey)));
                    } else {
                        assertThat(key).isEqualTo(own);
                    }
                    int previous = lastIndexPerKey.getOrDefault(own, -1);
                    assertThat(index.get(e)).isGreaterThan(previous);
                    lastIndexPerKey.put(own, index.get(e));
                }
            }
        }
        assertThat(seen).hasSize(sent.size());
    }

    static ShardMap.Shard shardOf(ShardMap map, String key) {
        return shardOf(map, FakeKinesis.hashKeyOf(key));
    }

    static ShardMap.Shard shardOf(ShardMap map, BigInteger hash) {
        return map.shardOf(hash.shiftRight(64).longValue(), hash.longValue());
    }

    @Test
    void theLargestEventFitsOneRecordWithTheLongestKeyInEveryMode() {
        for (boolean aggregation : new boolean[] {false, true}) {
            for (String compression : new String[] {"none", "gzip"}) {
                KinesisDestination destination = KinesisTestSupport.destination().aggregation(aggregation)
                        .compression(compression).partitionKey("{mdc:tenant}").build();
                int max = destination.maxEventBytes();
                assertThat(max).isGreaterThan(1_040_000).isLessThan(MIB);
                Batcher batcher = destination.newBatcher();
                CapturingSink sink = new CapturingSink();
                String longestKey = "\u4e2d".repeat(KinesisLimits.MAX_PARTITION_KEY_CHARS);
                byte[] incompressible = Arrays.copyOf(NOISE, max);
                batcher.add(event(incompressible, longestKey), sink);
                batcher.drain(sink);
                assertThat(sink.rejected).isEmpty();
                BatchEntry entry = sink.entries().get(0);
                assertThat(entry.bytes()).isLessThanOrEqualTo(MIB);
                assertThat(keyBytes(entry)).isEqualTo(KinesisLimits.MAX_PARTITION_KEY_BYTES);
            }
        }
    }

    @Test
    void randomKeysLeaveMoreRoomThanLongKeys() {
        int random = KinesisTestSupport.destination().build().maxEventBytes();
        int keyed = KinesisTestSupport.destination().partitionKey("{log_type}").build().maxEventBytes();
        int fixed = KinesisTestSupport.destination().partitionKey("orders").build().maxEventBytes();
        assertThat(random).isEqualTo(MIB - RandomPartitionKeys.MAX_KEY_CHARS);
        assertThat(keyed).isEqualTo(MIB - KinesisLimits.MAX_PARTITION_KEY_BYTES);
        assertThat(fixed).isEqualTo(MIB - "orders".length());
    }

    @Test
    void manyKeysKeepAtMostSixteenAggregatesOpenAndEachRecordHasOneKey() {
        Batcher batcher = KinesisTestSupport.destination().aggregation(true).partitionKey("{mdc:tenant}").build()
                .newBatcher();
        CapturingSink sink = new CapturingSink();
        for (int i = 0; i < 17 * 10; i++) {
            batcher.add(event("{\"n\":" + i + "}", "tenant-" + (i % 17)), sink);
        }
        // 17 keys in turn: the 17th closes the oldest each time, so records go out before any drain.
        assertThat(sink.requests).isEmpty();
        batcher.drain(sink);
        List<BatchEntry> records = sink.entries();
        assertThat(records.size()).isGreaterThan(17 * 9);
        for (BatchEntry entry : records) {
            assertThat(entry.events()).allSatisfy(e -> assertThat(e.partitionKey()).isEqualTo(wire(entry).partitionKey()));
        }
    }

    @Test
    void openKeyedAggregatesHoldAtMostOneRequestOfBytes() {
        int request = 64 * 1024;
        KinesisDestination destination = KinesisTestSupport.destination().aggregation(true).partitionKey("{mdc:t}")
                .maxRecordBytes(request).maxRequestBytes(request).build();
        Batcher batcher = destination.newBatcher();
        CapturingSink sink = new CapturingSink();
        byte[] json = new byte[4000];
        for (int i = 0; i < 8 * 20; i++) {
            batcher.add(event(json, "k" + (i % 8)), sink);
        }
        long closedBeforeDrain = sink.entries().size();
        // 8 keys x 20 events x 4 KB = 640 KB were added. Held now: open aggregates (at most one request's
        // bytes together) and the request being filled (at most one request).
        long heldEvents = 8 * 20 - sink.entries().stream().mapToLong(e -> e.events().size()).sum();
        assertThat(closedBeforeDrain).isPositive();
        assertThat(heldEvents * 4000).isLessThanOrEqualTo(2L * request);
    }

    @Test
    void anEventAboveTheLimitIsRejectedWithTheReasonNotSent() {
        Batcher batcher = KinesisTestSupport.destination().aggregation(true).build().newBatcher();
        CapturingSink sink = new CapturingSink();
        EncodedEvent tooBig = event(new byte[MIB], null);
        batcher.add(tooBig, sink);
        batcher.drain(sink);
        assertThat(sink.requests).isEmpty();
        assertThat(sink.rejected).containsExactly(tooBig);
        assertThat(sink.reasons.get(0)).contains("does not fit one Kinesis record");
    }

    @Test
    void fullRequestsGoOutWhileEventsKeepComing() {
        Batcher batcher = KinesisTestSupport.destination().build().newBatcher();
        CapturingSink sink = new CapturingSink();
        for (int i = 0; i < 1200; i++) {
            batcher.add(event("{\"n\":" + i + "}", null), sink);
        }
        assertThat(sink.requests).hasSize(2).allSatisfy(r -> assertThat(r).hasSize(500));
        batcher.drain(sink);
        assertThat(sink.requests).hasSize(3);
        assertThat(sink.requests.get(2)).hasSize(200);
    }
}

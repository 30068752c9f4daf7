package io.logbeam.core.kinesis;

import static io.logbeam.core.kinesis.KinesisTestSupport.bytes;
import static io.logbeam.core.kinesis.KinesisTestSupport.consume;
import static io.logbeam.core.kinesis.KinesisTestSupport.data;
import static io.logbeam.core.kinesis.KinesisTestSupport.event;
import static io.logbeam.core.kinesis.KinesisTestSupport.wire;
import static org.assertj.core.api.Assertions.assertThat;

import io.logbeam.core.destination.BatchEntry;
import io.logbeam.core.destination.Batcher;
import io.logbeam.core.event.EncodedEvent;
import io.logbeam.core.kinesis.KinesisTestSupport.CapturingSink;

import software.amazon.kinesis.retrieval.AggregatorUtil;
import software.amazon.kinesis.retrieval.KinesisClientRecord;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class KplAggregationTest {

    @Test
    void matchesAKnownAggregateByteForByte() throws Exception {
        KplAggregate aggregate = new KplAggregate();
        aggregate.start("partition_key");
        aggregate.add(event("data", "partition_key"));

        byte[] record = aggregate.finishToArray(MessageDigest.getInstance("MD5"));

        assertThat(HexFormat.of().formatHex(record)).isEqualTo("f3899ac2" + "0a0d706172746974696f6e5f6b6579"
                + "1a0808001a0464617461" + "d03699da5a222fa32108ad1bd955a14e");
    }

    @Test
    void sizeArithmeticMatchesTheBytesWritten() throws Exception {
        KplAggregate aggregate = new KplAggregate();
        Random random = new Random(7);
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        for (int round = 0; round < 50; round++) {
            String key = "k".repeat(1 + random.nextInt(300));
            aggregate.start(key);
            int expected = KinesisLimits.kplEmptyAggregate(key.length());
            assertThat(aggregate.finishedSize()).isEqualTo(expected);
            for (int i = 0; i < 1 + random.nextInt(20); i++) {
                EncodedEvent e = event(new byte[random.nextInt(i % 3 == 0 ? 300_000 : 200)], key);
                assertThat(aggregate.finishedSizeWith(e)).isEqualTo(expected + KinesisLimits.kplRecordField(e.size()));
                aggregate.add(e);
                expected += KinesisLimits.kplRecordField(e.size());
            }
            assertThat(aggregate.finishToArray(md5)).hasSize(expected);
        }
    }

    /**
     * An aggregate for a shard: keys of every length, more than 127 of them (two-byte indexes), sizes predicted to
     * the byte, and KCL reads each event back under its own key.
     */
    @Test
    void anAggregateOfManyKeysPredictsItsSizeAndKclReadsEachKey() throws Exception {
        KplAggregate aggregate = new KplAggregate();
        MessageDigest md5 = MessageDigest.getInstance("MD5");
        Random random = new Random(3);
        ShardMap.Shard shard = ShardMap.even(1).shardOf(0, 0);
        aggregate.start("r4nd0m", shard);
        int expected = KinesisLimits.KPL_MAGIC.length + KinesisLimits.KPL_MD5_BYTES;
        assertThat(aggregate.finishedSize()).isEqualTo(expected);
        List<String> keys = new ArrayList<>();
        List<EncodedEvent> events = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            String key = i % 3 == 0 && !keys.isEmpty() ? keys.get(random.nextInt(keys.size()))
                    : "k".repeat(1 + random.nextInt(200)) + i;
            EncodedEvent e = event(new byte[random.nextInt(300)], key);
            int table = keys.contains(key) ? 0 : KinesisLimits.lengthDelimitedField(key.length());
            int index = keys.contains(key) ? keys.indexOf(key) : keys.size();
            assertThat(aggregate.finishedSizeWith(e, key)).isEqualTo(expected + table
                    + KinesisLimits.kplRecordField(e.size(), index));
            aggregate.add(e, key);
            expected += table + KinesisLimits.kplRecordField(e.size(), index);
            assertThat(aggregate.finishedSize()).isEqualTo(expected);
            if (!keys.contains(key)) {
                keys.add(key);
            }
            events.add(e);
        }
        assertThat(keys).hasSizeGreaterThan(128);
        byte[] record = aggregate.finishToArray(md5);
        assertThat(record).hasSize(expected);
        assertThat(aggregate.shard()).isSameAs(shard);

        List<KinesisClientRecord> inner = consume(record, "r4nd0m", false, true);
        assertThat(inner).hasSize(events.size());
        for (int i = 0; i < inner.size(); i++) {
            assertThat(inner.get(i).partitionKey()).isEqualTo(events.get(i).partitionKey());
            assertThat(bytes(inner.get(i).data())).isEqualTo(events.get(i).json());
        }
        // Reused for an aggregate of one key, it writes the known layout again.
        aggregate.start("partition_key");
        aggregate.add(event("data", "partition_key"));
        assertThat(HexFormat.of().formatHex(aggregate.finishToArray(md5))).startsWith("f3899ac20a0d");
    }

    @ParameterizedTest(name = "gzip={0}")
    @ValueSource(booleans = {false, true})
    void kclDeaggregatesTenThousandEventsInOrder(boolean gzip) {
        Batcher batcher = KinesisTestSupport.destination().aggregation(true).compression(gzip ? "gzip" : "none")
                .build().newBatcher();
        CapturingSink sink = new CapturingSink();
        List<EncodedEvent> sent = new ArrayList<>();
        Random random = new Random(42);
        for (int i = 0; i < 10_000; i++) {
            StringBuilder json = new StringBuilder("{\"log_type\":\"app\",\"log_id\":\"id-").append(i)
                    .append("\",\"message\":\"");
            int extra = i % 100 == 0 ? 20_000 + random.nextInt(200_000) : random.nextInt(400);
            for (int c = 0; c < extra; c++) {
                json.append((char) ('a' + random.nextInt(26)));
            }
            EncodedEvent e = event(json.append("\"}").toString(), null);
            sent.add(e);
            batcher.add(e, sink);
        }
        batcher.drain(sink);

        assertThat(sink.rejected).isEmpty();
        List<byte[]> received = new ArrayList<>();
        for (BatchEntry entry : sink.entries()) {
            String key = wire(entry).partitionKey();
            List<KinesisClientRecord> records = consume(data(entry), key, gzip, true);
            assertThat(records).hasSize(entry.events().size());
            for (KinesisClientRecord r : records) {
                assertThat(r.partitionKey()).isEqualTo(key);
                received.add(bytes(r.data()));
            }
        }
        assertThat(received).hasSize(sent.size());
        for (int i = 0; i < sent.size(); i++) {
            assertThat(received.get(i)).isEqualTo(sent.get(i).json());
        }
        // Many events per record: the point of aggregating.
        assertThat(sink.entries().size()).isLessThan(sent.size() / 100);
    }

    @Test
    void kclKeepsEveryInnerRecordOfAnAggregateReadFromTheOuterKeysShard() throws Exception {
        Batcher batcher = KinesisTestSupport.destination().aggregation(true).partitionKey("{log_type}").build()
                .newBatcher();
        CapturingSink sink = new CapturingSink();
        for (int i = 0; i < 100; i++) {
            batcher.add(event("{\"n\":" + i + "}", i % 2 == 0 ? "orders" : "payments"), sink);
        }
        batcher.drain(sink);

        assertThat(sink.entries()).hasSize(2);
        for (BatchEntry entry : sink.entries()) {
            String key = wire(entry).partitionKey();
            BigInteger hash = new BigInteger(1, MessageDigest.getInstance("MD5").digest(key.getBytes(StandardCharsets.UTF_8)));
            KinesisClientRecord record = KinesisClientRecord.builder().data(ByteBuffer.wrap(data(entry)))
                    .partitionKey(key).sequenceNumber("1").approximateArrivalTimestamp(Instant.now()).build();
            // A shard whose hash range holds exactly the outer key: KCL would drop the whole aggregate if any
            // inner record hashed elsewhere.
            List<KinesisClientRecord> inner = new AggregatorUtil().deaggregate(List.of(record), hash, hash);
            assertThat(inner).hasSize(50).allSatisfy(r -> assertThat(r.partitionKey()).isEqualTo(key));
        }
    }
}

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

package io.logbeam.core.kinesis;

import io.logbeam.core.aws.AwsSettings;
import io.logbeam.core.destination.BatchEntry;
import io.logbeam.core.destination.BatchSink;
import io.logbeam.core.event.EncodedEvent;

import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.kinesis.retrieval.AggregatorUtil;
import software.amazon.kinesis.retrieval.KinesisClientRecord;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/** Helpers for the Kinesis tests: a capturing sink, events, and consumer-side decoding. */
final class KinesisTestSupport {

    private KinesisTestSupport() {
    }

    /** AWS settings for tests that never reach the network. */
    static AwsSettings offlineAws() {
        return AwsSettings.builder().region("us-east-1").accessKeyId("test").secretAccessKey("test").build();
    }

    /** A destination builder for {@code stream} with offline AWS settings. */
    static KinesisDestination.Builder destination() {
        return KinesisDestination.builder().aws(offlineAws()).streamName("logs");
    }

    static EncodedEvent event(byte[] json, String key) {
        return new EncodedEvent(json, System.currentTimeMillis(), "app", key, false);
    }

    static EncodedEvent event(String json, String key) {
        return event(json.getBytes(StandardCharsets.UTF_8), key);
    }

    /** Records what a batcher emits and rejects. */
    static final class CapturingSink implements BatchSink {
        final List<List<BatchEntry>> requests = new ArrayList<>();
        final List<EncodedEvent> rejected = new ArrayList<>();
        final List<String> reasons = new ArrayList<>();

        @Override
        public void emit(List<BatchEntry> entries) {
            requests.add(List.copyOf(entries));
        }

        @Override
        public void reject(EncodedEvent event, String reason) {
            rejected.add(event);
            reasons.add(reason);
        }

        List<BatchEntry> entries() {
            List<BatchEntry> all = new ArrayList<>();
            requests.forEach(all::addAll);
            return all;
        }
    }

    static PutRecordsRequestEntry wire(BatchEntry entry) {
        return entry.<KinesisEntry>wire().request();
    }

    static byte[] data(BatchEntry entry) {
        return wire(entry).data().asByteArrayUnsafe();
    }

    static int keyBytes(BatchEntry entry) {
        return wire(entry).partitionKey().getBytes(StandardCharsets.UTF_8).length;
    }

    static byte[] gunzip(byte[] data) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(data))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What a consumer sees in one record: gunzipped when {@code gzip}, then de-aggregated by KCL's
     * {@link AggregatorUtil} (which passes plain records through). Fails when an aggregate does not
     * de-aggregate (bad MD5 or protobuf: KCL would hand it over as one opaque record).
     */
    static List<KinesisClientRecord> consume(byte[] data, String partitionKey, boolean gzip, boolean aggregated) {
        byte[] plain = gzip ? gunzip(data) : data;
        KinesisClientRecord record = KinesisClientRecord.builder().data(ByteBuffer.wrap(plain))
                .partitionKey(partitionKey).sequenceNumber("1").approximateArrivalTimestamp(Instant.now()).build();
        List<KinesisClientRecord> out = new AggregatorUtil().deaggregate(List.of(record));
        if (aggregated) {
            for (KinesisClientRecord r : out) {
                if (!r.aggregated()) {
                    throw new AssertionError("KCL did not recognise the record as a KPL aggregate");
                }
            }
        }
        return out;
    }

    /**
     * What KCL hands the record processor of a shard whose hash key range is {@code [start, end]} for one record
     * (its data gunzipped already): every inner record of an aggregate, or none when one of them hashes outside.
     */
    static List<KinesisClientRecord> consumeFromShard(byte[] plain, String partitionKey, BigInteger start,
            BigInteger end) {
        KinesisClientRecord record = KinesisClientRecord.builder().data(ByteBuffer.wrap(plain))
                .partitionKey(partitionKey).sequenceNumber("1").approximateArrivalTimestamp(Instant.now()).build();
        return new AggregatorUtil().deaggregate(List.of(record), start, end);
    }

    static byte[] bytes(ByteBuffer buffer) {
        ByteBuffer b = buffer.duplicate();
        byte[] out = new byte[b.remaining()];
        b.get(out);
        return out;
    }
}

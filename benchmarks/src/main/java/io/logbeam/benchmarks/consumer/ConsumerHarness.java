package io.logbeam.benchmarks.consumer;

import io.logbeam.benchmarks.support.LocalAws;
import io.logbeam.benchmarks.support.ServiceLogLines;
import io.logbeam.benchmarks.support.TypicalEvents;
import io.logbeam.consumer.DecodeFailure;
import io.logbeam.consumer.EventSink;
import io.logbeam.consumer.LogEvent;
import io.logbeam.consumer.RecordDecoder;
import io.logbeam.consumer.lambda.ConsumerSettings;
import io.logbeam.consumer.lambda.KinesisToS3Handler;
import io.logbeam.core.destination.BatchEntry;
import io.logbeam.core.destination.BatchSink;
import io.logbeam.core.destination.Batcher;
import io.logbeam.core.event.EncodedEvent;
import io.logbeam.core.event.EventSerializer;
import io.logbeam.core.event.JsonSchema;
import io.logbeam.core.kinesis.KinesisDestination;
import io.logbeam.core.kinesis.KinesisEntry;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Figures for the reading side, on records exactly as the Kinesis destination writes them with
 * {@code aggregation=true} and {@code compression=gzip} (real serializer and batcher, typical ~200-byte events,
 * three log types):
 * <ol>
 *   <li>decode throughput on one thread: events/s, and MB/s of records (compressed) and of event JSON;</li>
 *   <li>{@link KinesisToS3Handler}'s time for one invocation carrying a full 6 MB Lambda payload (record data
 *       base64-encoded in the event JSON, as Lambda delivers it), with an S3 client that only counts bytes, and
 *       what the invocation allocates.</li>
 * </ol>
 * <pre>
 * mvn -B -q -pl benchmarks -am package -DskipTests
 * java -Xmx256m -XX:ActiveProcessorCount=1 -cp benchmarks/target/benchmarks.jar \
 *     io.logbeam.benchmarks.consumer.ConsumerHarness [events [rounds]]
 * </pre>
 */
public final class ConsumerHarness {

    /** Largest synchronous Lambda request payload. */
    private static final int LAMBDA_PAYLOAD_BYTES = 6 * 1024 * 1024;
    /** The JSON around one record's data in a Kinesis event (ids, ARNs, timestamps), rounded up. */
    private static final int EVENT_JSON_PER_RECORD = 600;
    private static final String[] LOG_TYPES = {"app", "app", "access", "audit"};

    private ConsumerHarness() {
    }

    public static void main(String[] args) {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        List<byte[]> records = produce(events);
        long recordBytes = records.stream().mapToLong(r -> r.length).sum();
        System.out.printf(Locale.ROOT, "%,d events in %,d aggregated+gzip records (%,d bytes, %,.0f events and %,.0f"
                + " bytes per record); %d processor(s) available%n", events, records.size(), recordBytes,
                (double) events / records.size(), (double) recordBytes / records.size(),
                Runtime.getRuntime().availableProcessors());

        decodeThroughput(records, events, recordBytes, rounds);
        handlerOnFullPayload(records, rounds);
    }

    private static void decodeThroughput(List<byte[]> records, int events, long recordBytes, int rounds) {
        RecordDecoder decoder = new RecordDecoder();
        Counter counter = new Counter();
        for (int warmup = 0; warmup < 2; warmup++) {
            records.forEach(r -> decoder.decode(r, counter));
        }
        System.out.println();
        System.out.println("decode (RecordDecoder, one thread: gunzip, MD5, KPL, JSON keys per event)");
        System.out.printf(Locale.ROOT, "%-6s %12s %14s %18s %16s%n", "round", "seconds", "events/s",
                "records MB/s", "event JSON MB/s");
        double[] rates = new double[rounds];
        for (int round = 0; round < rounds; round++) {
            counter.reset();
            long start = System.nanoTime();
            for (byte[] record : records) {
                decoder.decode(record, counter);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            if (counter.events != events || counter.failures != 0) {
                throw new IllegalStateException("decoded " + counter.events + " events, " + counter.failures
                        + " failures");
            }
            rates[round] = events / seconds;
            System.out.printf(Locale.ROOT, "%-6d %12.3f %14.0f %18.1f %16.1f%n", round + 1, seconds, events / seconds,
                    recordBytes / seconds / 1e6, counter.jsonBytes / seconds / 1e6);
        }
        Arrays.sort(rates);
        System.out.printf(Locale.ROOT, "median: %,.0f events/s%n", rates[rounds / 2]);
    }

    private static void handlerOnFullPayload(List<byte[]> records, int rounds) {
        List<byte[]> batch = new ArrayList<>();
        long payload = 0;
        for (byte[] record : records) {
            long more = (record.length + 2L) / 3 * 4 + EVENT_JSON_PER_RECORD;
            if (payload + more > LAMBDA_PAYLOAD_BYTES) {
                break;
            }
            batch.add(record);
            payload += more;
        }
        int batchEvents = 0;
        RecordDecoder decoder = new RecordDecoder();
        Counter counter = new Counter();
        batch.forEach(r -> decoder.decode(r, counter));
        batchEvents = (int) counter.events;
        CountingS3 s3 = new CountingS3();
        KinesisToS3Handler handler = new KinesisToS3Handler(s3, new ConsumerSettings(Map.of("LOGBEAM_S3_BUCKET",
                "bench")));
        KinesisEvent event = kinesisEvent(batch);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        System.out.println();
        System.out.printf(Locale.ROOT, "KinesisToS3Handler, one invocation = %,d records, %,d events, %,d bytes of"
                + " Lambda payload (base64 data + event JSON, limit %,d)%n", batch.size(), batchEvents, payload,
                LAMBDA_PAYLOAD_BYTES);
        System.out.printf(Locale.ROOT, "%-6s %10s %14s %12s %16s %14s%n", "round", "ms", "events/s", "S3 objects",
                "S3 bytes (gzip)", "allocated MB");
        for (int round = -3; round < rounds; round++) {
            s3.reset();
            long allocatedBefore = threads.getCurrentThreadAllocatedBytes();
            long start = System.nanoTime();
            StreamsEventResponse response = handler.handleRequest(event, null);
            double ms = (System.nanoTime() - start) / 1e6;
            long allocated = threads.getCurrentThreadAllocatedBytes() - allocatedBefore;
            if (!response.getBatchItemFailures().isEmpty()) {
                throw new IllegalStateException("failures: " + response.getBatchItemFailures());
            }
            if (round >= 0) {
                System.out.printf(Locale.ROOT, "%-6d %10.1f %14.0f %12d %16d %14.1f%n", round + 1, ms,
                        batchEvents / (ms / 1000), s3.objects, s3.bytes, allocated / 1e6);
            }
        }
        Runtime runtime = Runtime.getRuntime();
        System.out.printf(Locale.ROOT, "heap: max %,d MB (-Xmx)%n", runtime.maxMemory() / (1024 * 1024));
    }

    /** Records as the Kinesis destination builds them, aggregated and gzip'd. */
    private static List<byte[]> produce(int events) {
        KinesisDestination destination = KinesisDestination.builder().aws(LocalAws.offline()).streamName("bench")
                .aggregation(true).compression("gzip").build();
        JsonSchema schema = JsonSchema.builder().includeHost(false).lambdaInfo(null).build();
        EventSerializer<TypicalEvents.Event> serializer = new EventSerializer<>(schema, new TypicalEvents.Encoder(),
                destination.maxEventBytes(), Integer.MAX_VALUE);
        Batcher batcher = destination.newBatcher();
        List<byte[]> records = new ArrayList<>();
        BatchSink sink = new BatchSink() {
            @Override
            public void emit(List<BatchEntry> entries) {
                for (BatchEntry entry : entries) {
                    PutRecordsRequestEntry wire = entry.<KinesisEntry>wire().request();
                    records.add(wire.data().asByteArray());
                }
            }

            @Override
            public void reject(EncodedEvent event, String reason) {
                throw new IllegalStateException(reason);
            }
        };
        ServiceLogLines source = new ServiceLogLines();
        for (int i = 0; i < events; i++) {
            String logType = LOG_TYPES[i % LOG_TYPES.length];
            String key = destination.partitionKeys().keyFor(logType, TypicalEvents.NO_LOOKUP);
            batcher.add(serializer.serialize(source.next(), logType, key, null), sink);
        }
        batcher.drain(sink);
        return records;
    }

    private static KinesisEvent kinesisEvent(List<byte[]> batch) {
        List<KinesisEvent.KinesisEventRecord> out = new ArrayList<>();
        long sequence = 49_590_338_271_490_256L;
        for (byte[] data : batch) {
            KinesisEvent.Record record = new KinesisEvent.Record();
            record.setSequenceNumber(Long.toString(sequence++));
            record.setPartitionKey("k");
            record.setData(ByteBuffer.wrap(data));
            record.setApproximateArrivalTimestamp(new Date(1_795_000_000_000L));
            KinesisEvent.KinesisEventRecord eventRecord = new KinesisEvent.KinesisEventRecord();
            eventRecord.setKinesis(record);
            out.add(eventRecord);
        }
        KinesisEvent event = new KinesisEvent();
        event.setRecords(out);
        return event;
    }

    private static final class Counter implements EventSink {
        long events;
        long jsonBytes;
        long failures;

        void reset() {
            events = 0;
            jsonBytes = 0;
            failures = 0;
        }

        @Override
        public void event(LogEvent event) {
            events++;
            jsonBytes += event.json().length;
        }

        @Override
        public void failure(DecodeFailure failure) {
            failures++;
        }
    }

    /** Takes objects and keeps only their count and size. */
    private static final class CountingS3 implements S3Client {
        int objects;
        long bytes;

        void reset() {
            objects = 0;
            bytes = 0;
        }

        @Override
        public PutObjectResponse putObject(PutObjectRequest request, RequestBody body) {
            try (InputStream in = body.contentStreamProvider().newStream()) {
                bytes += in.transferTo(java.io.OutputStream.nullOutputStream());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            objects++;
            return PutObjectResponse.builder().build();
        }

        @Override
        public String serviceName() {
            return "s3";
        }

        @Override
        public void close() {
        }
    }
}

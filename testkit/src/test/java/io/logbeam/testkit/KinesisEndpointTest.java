package io.logbeam.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ExpiredIteratorException;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.InvalidArgumentException;
import software.amazon.awssdk.services.kinesis.model.KinesisException;
import software.amazon.awssdk.services.kinesis.model.PutRecordResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import software.amazon.awssdk.services.kinesis.model.ProvisionedThroughputExceededException;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesis.model.ResourceNotFoundException;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.kinesis.model.StreamDescription;
import software.amazon.awssdk.services.kinesis.model.StreamDescriptionSummary;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;
import software.amazon.awssdk.services.kinesis.model.ValidationException;

class KinesisEndpointTest {

    private static final int MIB = 1024 * 1024;
    private static final String CBOR = "application/x-amz-cbor-1.1";
    private static final String JSON = "application/x-amz-json-1.1";

    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:15:30.123Z"));
    private LocalAwsEndpoint endpoint;
    private KinesisClient cbor;
    private KinesisClient json;

    @BeforeEach
    void start() {
        endpoint = LocalAwsEndpoint.builder().clock(clock).start();
        cbor = SdkClients.kinesis(endpoint.uri());
        json = SdkClients.kinesisJson(endpoint.uri());
    }

    @AfterEach
    void stop() {
        cbor.close();
        json.close();
        endpoint.close();
    }

    @Test
    void putRecordsOverCborIsStoredAndAnsweredInCbor() {
        endpoint.kinesis().createStream("app", 4);
        List<PutRecordsRequestEntry> entries = IntStream.range(0, 50)
                .mapToObj(i -> entry("key-" + i, "{\"n\":" + i + "}"))
                .toList();

        PutRecordsResponse response = cbor.putRecords(r -> r.streamName("app").records(entries));

        assertThat(response.failedRecordCount()).isZero();
        assertThat(response.records()).hasSize(50);
        List<KinesisRecord> stored = endpoint.kinesis().records("app");
        assertThat(stored).extracting(KinesisRecord::dataAsUtf8)
                .containsExactlyElementsOf(IntStream.range(0, 50).mapToObj(i -> "{\"n\":" + i + "}").toList());
        for (int i = 0; i < 50; i++) {
            PutRecordsResultEntry result = response.records().get(i);
            assertThat(result.sequenceNumber()).isEqualTo(stored.get(i).sequenceNumber());
            assertThat(result.shardId()).isEqualTo(endpoint.kinesis().shardFor("app", "key-" + i));
            assertThat(stored.get(i).arrival()).isEqualTo(clock.instant());
        }
        assertThat(numeric(response.records())).isSorted().doesNotHaveDuplicates();
        assertThat(endpoint.requests().contentTypes(AwsOperation.KINESIS_PUT_RECORDS)).containsExactly(CBOR);
        assertThat(endpoint.requests().count(AwsOperation.KINESIS_PUT_RECORDS)).isEqualTo(1);
        assertThat(endpoint.violations()).isEmpty();
    }

    @Test
    void jsonClientIsAnsweredInJson() {
        endpoint.kinesis().createStream("app", 1);

        PutRecordResponse put = json.putRecord(r -> r.streamName("app").partitionKey("k")
                .data(SdkBytes.fromUtf8String("hello json")));
        GetRecordsResponse read = json.getRecords(r -> r.shardIterator(trimHorizon(json, "app", put.shardId())));

        assertThat(read.records()).singleElement().satisfies(record -> {
            assertThat(record.data().asUtf8String()).isEqualTo("hello json");
            assertThat(record.approximateArrivalTimestamp()).isEqualTo(clock.instant());
            assertThat(record.sequenceNumber()).isEqualTo(put.sequenceNumber());
        });
        assertThat(endpoint.requests().contentTypes(AwsOperation.KINESIS_PUT_RECORD)).containsExactly(JSON);
        assertThat(endpoint.requests().contentTypes(AwsOperation.KINESIS_GET_RECORDS)).containsExactly(JSON);
    }

    @Test
    void cborTimestampsAndBlobsDecodeInTheSdk() {
        endpoint.kinesis().createStream("app", 1);
        byte[] binary = new byte[256];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) i;
        }
        cbor.putRecord(r -> r.streamName("app").partitionKey("k").data(SdkBytes.fromByteArray(binary)));

        GetRecordsResponse read = cbor.getRecords(r -> r.shardIterator(trimHorizon(cbor, "app",
                "shardId-000000000000")));

        Record record = read.records().get(0);
        assertThat(record.data().asByteArray()).isEqualTo(binary);
        assertThat(record.approximateArrivalTimestamp()).isEqualTo(Instant.parse("2026-03-01T10:15:30.123Z"));
        assertThat(endpoint.kinesis().records("app").get(0).data()).isEqualTo(binary);
        StreamDescriptionSummary summary = cbor.describeStreamSummary(r -> r.streamName("app"))
                .streamDescriptionSummary();
        assertThat(summary.streamCreationTimestamp()).isEqualTo(clock.instant());
    }

    @Test
    void partitionKeysHashIntoShardRangesWithMd5AndExplicitHashKeysWin() {
        endpoint.kinesis().createStream("app", 3);
        List<Shard> shards = cbor.listShards(r -> r.streamName("app")).shards();
        assertThat(shards).extracting(Shard::shardId)
                .containsExactly("shardId-000000000000", "shardId-000000000001", "shardId-000000000002");
        assertThat(shards.get(0).hashKeyRange().startingHashKey()).isEqualTo("0");
        assertThat(shards.get(2).hashKeyRange().endingHashKey())
                .isEqualTo(BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE).toString());

        for (int i = 0; i < 30; i++) {
            String key = "user-" + i;
            String shardId = cbor.putRecord(r -> r.streamName("app").partitionKey(key)
                    .data(SdkBytes.fromUtf8String("x"))).shardId();
            BigInteger hash = FakeKinesis.hashKeyOf(key);
            Shard expected = shards.stream().filter(shard -> contains(shard, hash)).findFirst().orElseThrow();
            assertThat(shardId).isEqualTo(expected.shardId());
        }
        assertThat(cbor.putRecord(r -> r.streamName("app").partitionKey("any").explicitHashKey("0")
                .data(SdkBytes.fromUtf8String("x"))).shardId()).isEqualTo("shardId-000000000000");
        String top = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE).toString();
        assertThat(cbor.putRecord(r -> r.streamName("app").partitionKey("any").explicitHashKey(top)
                .data(SdkBytes.fromUtf8String("x"))).shardId()).isEqualTo("shardId-000000000002");
        // MD5("a") is a well-known value: pin it so the hashing itself cannot drift.
        assertThat(FakeKinesis.hashKeyOf("a").toString(16)).isEqualTo("cc175b9c0f1b6a831c399e269772661");
    }

    @Test
    void getRecordsIteratesWithEveryIteratorType() {
        endpoint.kinesis().createStream("app", 1);
        String shard = "shardId-000000000000";
        List<String> sequences = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            int n = i;
            sequences.add(cbor.putRecord(r -> r.streamName("app").partitionKey("k")
                    .data(SdkBytes.fromUtf8String("r" + n))).sequenceNumber());
        }
        String latest = cbor.getShardIterator(r -> r.streamName("app").shardId(shard)
                .shardIteratorType(ShardIteratorType.LATEST)).shardIterator();

        List<String> read = new ArrayList<>();
        String iterator = trimHorizon(cbor, "app", shard);
        for (int page = 0; page < 5; page++) {
            String current = iterator;
            GetRecordsResponse response = cbor.getRecords(r -> r.shardIterator(current).limit(3));
            response.records().forEach(record -> read.add(record.data().asUtf8String()));
            iterator = response.nextShardIterator();
        }
        assertThat(read).containsExactly("r0", "r1", "r2", "r3", "r4", "r5", "r6", "r7", "r8", "r9");

        assertThat(dataFrom(iterator(ShardIteratorType.AT_SEQUENCE_NUMBER, sequences.get(4))))
                .containsExactly("r4", "r5", "r6", "r7", "r8", "r9");
        assertThat(dataFrom(iterator(ShardIteratorType.AFTER_SEQUENCE_NUMBER, sequences.get(4))))
                .containsExactly("r5", "r6", "r7", "r8", "r9");

        String latestIterator = latest;
        GetRecordsResponse nothingYet = cbor.getRecords(r -> r.shardIterator(latestIterator));
        assertThat(nothingYet.records()).isEmpty();
        assertThat(nothingYet.millisBehindLatest()).isZero();
        cbor.putRecord(r -> r.streamName("app").partitionKey("k").data(SdkBytes.fromUtf8String("late")));
        String next = nothingYet.nextShardIterator();
        assertThat(cbor.getRecords(r -> r.shardIterator(next)).records())
                .extracting(record -> record.data().asUtf8String()).containsExactly("late");
    }

    @Test
    void atTimestampIteratorsReadTimestampsInBothEncodings() {
        endpoint.kinesis().createStream("app", 1);
        cbor.putRecord(r -> r.streamName("app").partitionKey("k").data(SdkBytes.fromUtf8String("before")));
        clock.advance(Duration.ofSeconds(2));
        Instant second = clock.instant();
        cbor.putRecord(r -> r.streamName("app").partitionKey("k").data(SdkBytes.fromUtf8String("after")));

        for (KinesisClient client : List.of(cbor, json)) {
            String iterator = client.getShardIterator(r -> r.streamName("app").shardId("shardId-000000000000")
                    .shardIteratorType(ShardIteratorType.AT_TIMESTAMP).timestamp(second)).shardIterator();
            assertThat(client.getRecords(r -> r.shardIterator(iterator)).records())
                    .extracting(record -> record.data().asUtf8String()).containsExactly("after");
        }
    }

    @Test
    void iteratorsExpireAfterFiveMinutes() {
        endpoint.kinesis().createStream("app", 1);
        String iterator = trimHorizon(cbor, "app", "shardId-000000000000");
        clock.advance(Duration.ofMinutes(5).plusMillis(1));

        assertThatThrownBy(() -> cbor.getRecords(r -> r.shardIterator(iterator)))
                .isInstanceOf(ExpiredIteratorException.class);
    }

    @Test
    void controlPlaneOperationsWorkAndReportMissingOrExistingStreams() {
        cbor.createStream(r -> r.streamName("made-by-sdk").shardCount(2));
        StreamDescription description = cbor.describeStream(r -> r.streamName("made-by-sdk")).streamDescription();
        assertThat(description.streamStatus()).isEqualTo(StreamStatus.ACTIVE);
        assertThat(description.shards()).hasSize(2);
        assertThat(description.streamARN()).isEqualTo("arn:aws:kinesis:us-east-1:000000000000:stream/made-by-sdk");
        assertThat(json.describeStreamSummary(r -> r.streamARN(description.streamARN()))
                .streamDescriptionSummary().openShardCount()).isEqualTo(2);
        assertThat(cbor.listStreams().streamNames()).containsExactly("made-by-sdk");
        cbor.waiter().waitUntilStreamExists(r -> r.streamName("made-by-sdk"));

        assertThatThrownBy(() -> cbor.createStream(r -> r.streamName("made-by-sdk").shardCount(1)))
                .isInstanceOf(ResourceInUseException.class)
                .satisfies(e -> assertThat(errorCode(e)).isEqualTo("ResourceInUseException"));

        cbor.deleteStream(r -> r.streamName("made-by-sdk"));
        assertThat(endpoint.kinesis().streamExists("made-by-sdk")).isFalse();
        assertThatThrownBy(() -> cbor.putRecords(r -> r.streamName("made-by-sdk").records(entry("k", "v"))))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("Stream made-by-sdk under account 000000000000 not found.")
                .satisfies(e -> assertThat(((KinesisException) e).statusCode()).isEqualTo(400));
        assertThatThrownBy(() -> json.describeStream(r -> r.streamName("made-by-sdk")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThat(endpoint.violations()).isEmpty();
    }

    @Test
    void moreThan500EntriesAreRejectedWithValidationException() {
        endpoint.kinesis().createStream("app", 1);
        List<PutRecordsRequestEntry> entries = IntStream.range(0, 501).mapToObj(i -> entry("k", "v")).toList();

        assertThatThrownBy(() -> cbor.putRecords(r -> r.streamName("app").records(entries)))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("Member must have length less than or equal to 500");
        cbor.putRecords(r -> r.streamName("app").records(entries.subList(0, 500)));
        assertThat(endpoint.kinesis().records("app")).hasSize(500);
        assertThat(endpoint.violations()).singleElement().asString().contains("ValidationException");
    }

    @Test
    void recordSizeCountsDataAndPartitionKey() {
        endpoint.kinesis().createStream("app", 1);
        byte[] exactlyOneMib = new byte[MIB];

        assertThatThrownBy(() -> cbor.putRecords(r -> r.streamName("app")
                .records(entry("k", new byte[MIB + 1]))))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("'records.1.member.data'")
                .hasMessageContaining("less than or equal to 1048576");
        assertThatThrownBy(() -> cbor.putRecords(r -> r.streamName("app").records(entry("k", exactlyOneMib))))
                .isInstanceOf(InvalidArgumentException.class);
        assertThatThrownBy(() -> cbor.putRecord(r -> r.streamName("app").partitionKey("k")
                .data(SdkBytes.fromByteArray(exactlyOneMib))))
                .isInstanceOf(InvalidArgumentException.class);

        cbor.putRecords(r -> r.streamName("app").records(entry("k", new byte[MIB - 1])));
        assertThat(endpoint.kinesis().records("app")).singleElement()
                .satisfies(record -> assertThat(record.dataLength()).isEqualTo(MIB - 1));
        assertThat(endpoint.violations()).hasSize(3);
    }

    @Test
    void requestSizeIsLimitedTo5MibIncludingPartitionKeys() {
        endpoint.kinesis().createStream("app", 1);
        endpoint.kinesis().shardRates("app", ShardRates.UNLIMITED); // 5 MiB at once is beyond one shard's 1 MiB/s
        // Five records of exactly 1 MiB (data + 2-byte key) make exactly 5 MiB: accepted.
        List<PutRecordsRequestEntry> fiveMib = IntStream.range(0, 5)
                .mapToObj(i -> entry("k" + i, new byte[MIB - 2])).toList();
        cbor.putRecords(r -> r.streamName("app").records(fiveMib));

        List<PutRecordsRequestEntry> oneByteMore = new ArrayList<>(fiveMib);
        oneByteMore.add(entry("x", new byte[0]));
        assertThatThrownBy(() -> cbor.putRecords(r -> r.streamName("app").records(oneByteMore)))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("Records size exceeds 5 MB limit");
        assertThat(endpoint.kinesis().records("app")).hasSize(5);
        assertThat(endpoint.violations()).hasSize(1);
    }

    @Test
    void partitionKeyMustHave1To256Characters() {
        endpoint.kinesis().createStream("app", 1);
        String longest = "k".repeat(256);
        cbor.putRecords(r -> r.streamName("app").records(entry(longest, "v")));

        assertThatThrownBy(() -> cbor.putRecords(r -> r.streamName("app").records(entry(longest + "k", "v"))))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("'records.1.member.partitionKey'");
        assertThatThrownBy(() -> cbor.putRecords(r -> r.streamName("app").records(entry("", "v"))))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("greater than or equal to 1");
        assertThatThrownBy(() -> cbor.putRecords(r -> r.streamName("app")
                .records(PutRecordsRequestEntry.builder().data(SdkBytes.fromUtf8String("v")).build())))
                .isInstanceOf(ValidationException.class)
                .hasMessageContaining("must not be null");
        assertThat(endpoint.kinesis().records("app")).hasSize(1);
    }

    @Test
    void raisedMaxRecordSizeAllowsLargerRecordsAnd10MibRequests() {
        cbor.createStream(r -> r.streamName("big").shardCount(1).maxRecordSizeInKiB(2048));
        endpoint.kinesis().shardRates("big", ShardRates.UNLIMITED); // the limits, not the shard's rate, are tested
        assertThat(cbor.describeStreamSummary(r -> r.streamName("big")).streamDescriptionSummary()
                .maxRecordSizeInKiB()).isEqualTo(2048);

        List<PutRecordsRequestEntry> entries = IntStream.range(0, 5)
                .mapToObj(i -> entry("k", new byte[2 * MIB - 1])).toList();
        cbor.putRecords(r -> r.streamName("big").records(entries));
        assertThatThrownBy(() -> cbor.putRecords(r -> r.streamName("big").records(entry("k", new byte[2 * MIB]))))
                .isInstanceOf(InvalidArgumentException.class);
        assertThat(endpoint.kinesis().records("big")).hasSize(5);

        endpoint.kinesis().createStream("custom", 1, new KinesisStreamLimits(1000, 2500));
        assertThatThrownBy(() -> cbor.putRecords(r -> r.streamName("custom")
                .records(entry("k", new byte[999]), entry("k", new byte[999]), entry("k", new byte[999]))))
                .isInstanceOf(InvalidArgumentException.class);
    }

    @Test
    void eachShardTakesAThousandRecordsPerClockSecond() {
        endpoint.kinesis().createStream("app", 2);
        String first = endpoint.kinesis().shardFor("app", "k");
        List<PutRecordsRequestEntry> five = IntStream.range(0, 500).mapToObj(i -> entry("k", "v")).toList();
        assertThat(cbor.putRecords(r -> r.streamName("app").records(five)).failedRecordCount()).isZero();
        assertThat(cbor.putRecords(r -> r.streamName("app").records(five)).failedRecordCount()).isZero();

        String other = firstKeyOnAnotherShard(first);
        PutRecordsResponse over = cbor.putRecords(r -> r.streamName("app").records(entry("k", "v"), entry(other, "v")));
        assertThat(over.failedRecordCount()).isEqualTo(1);
        assertThat(over.records().get(0).errorCode()).isEqualTo("ProvisionedThroughputExceededException");
        assertThat(over.records().get(0).errorMessage())
                .isEqualTo("Rate exceeded for shard " + first + " in stream app under account 000000000000.");
        assertThat(over.records().get(1).errorCode()).as("the other shard has its own rate").isNull();
        assertThatThrownBy(() -> cbor.putRecord(r -> r.streamName("app").partitionKey("k")
                .data(SdkBytes.fromUtf8String("v")))).isInstanceOf(ProvisionedThroughputExceededException.class);
        assertThat(endpoint.kinesis().records("app", first)).hasSize(1000);
        assertThat(endpoint.kinesis().throttledRecords("app")).isEqualTo(2);

        clock.advance(Duration.ofSeconds(1));
        assertThat(cbor.putRecords(r -> r.streamName("app").records(entry("k", "v"))).failedRecordCount()).isZero();
        assertThat(endpoint.violations()).as("throttling is no violation").isEmpty();
    }

    @Test
    void eachShardTakesOneMibPerClockSecondKeysIncludedByWhereTheHashKeyMaps() {
        endpoint.kinesis().createStream("app", 2);
        String top = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE).toString();
        // 3 x (349,524 + 1) bytes = 1,048,575: one byte under 1 MiB, then a 2-byte record is one too many.
        List<PutRecordsRequestEntry> three = IntStream.range(0, 3)
                .mapToObj(i -> PutRecordsRequestEntry.builder().partitionKey("x").explicitHashKey("0")
                        .data(SdkBytes.fromByteArray(new byte[349_524])).build()).toList();
        assertThat(cbor.putRecords(r -> r.streamName("app").records(three)).failedRecordCount()).isZero();
        PutRecordsResponse more = cbor.putRecords(r -> r.streamName("app").records(
                PutRecordsRequestEntry.builder().partitionKey("x").explicitHashKey("1")
                        .data(SdkBytes.fromByteArray(new byte[1])).build(),
                PutRecordsRequestEntry.builder().partitionKey("x").explicitHashKey(top)
                        .data(SdkBytes.fromByteArray(new byte[349_524])).build()));
        assertThat(more.records().get(0).errorCode()).isEqualTo("ProvisionedThroughputExceededException");
        assertThat(more.records().get(1).shardId()).isEqualTo("shardId-000000000001");

        endpoint.kinesis().shardRates("app", new ShardRates(1000, 10L * MIB));
        assertThat(cbor.putRecords(r -> r.streamName("app").records(three)).failedRecordCount()).isZero();
    }

    @Test
    void liftedRatesTakeAnything() {
        endpoint.kinesis().createStream("app", 1);
        endpoint.kinesis().shardRates("app", ShardRates.UNLIMITED);
        List<PutRecordsRequestEntry> batch = IntStream.range(0, 500).mapToObj(i -> entry("k", "v")).toList();
        for (int i = 0; i < 10; i++) {
            assertThat(cbor.putRecords(r -> r.streamName("app").records(batch)).failedRecordCount()).isZero();
        }
        assertThat(endpoint.kinesis().records("app")).hasSize(5000);
        assertThat(endpoint.kinesis().shardRates("app")).isEqualTo(ShardRates.UNLIMITED);
    }

    @Test
    void updateShardCountClosesTheOpenShardsAndNewRecordsGoToTheNewOnes() {
        endpoint.kinesis().createStream("app", 2);
        String before = cbor.putRecord(r -> r.streamName("app").partitionKey("k").data(SdkBytes.fromUtf8String("old")))
                .shardId();

        endpoint.kinesis().updateShardCount("app", 4);

        List<Shard> shards = cbor.listShards(r -> r.streamName("app")).shards();
        assertThat(shards).extracting(Shard::shardId).containsExactly("shardId-000000000000", "shardId-000000000001",
                "shardId-000000000002", "shardId-000000000003", "shardId-000000000004", "shardId-000000000005");
        assertThat(shards.subList(0, 2)).allSatisfy(s -> assertThat(s.sequenceNumberRange().endingSequenceNumber())
                .isNotNull());
        assertThat(shards.subList(2, 6)).allSatisfy(s -> {
            assertThat(s.sequenceNumberRange().endingSequenceNumber()).isNull();
            assertThat(s.parentShardId()).isIn("shardId-000000000000", "shardId-000000000001");
        });
        assertThat(endpoint.kinesis().openShardIds("app")).containsExactly("shardId-000000000002",
                "shardId-000000000003", "shardId-000000000004", "shardId-000000000005");

        String after = cbor.putRecord(r -> r.streamName("app").partitionKey("k").data(SdkBytes.fromUtf8String("new")))
                .shardId();
        assertThat(after).isEqualTo(endpoint.kinesis().shardFor("app", "k")).isNotEqualTo(before);
        assertThat(contains(shards.get(Integer.parseInt(after.substring(8))), FakeKinesis.hashKeyOf("k"))).isTrue();

        GetRecordsResponse closed = cbor.getRecords(r -> r.shardIterator(trimHorizon(cbor, "app", before)));
        assertThat(closed.records()).extracting(record -> record.data().asUtf8String()).containsExactly("old");
        assertThat(closed.nextShardIterator()).as("the end of a closed shard").isNull();
        assertThat(endpoint.kinesis().records("app")).hasSize(2);
        assertThat(json.describeStreamSummary(r -> r.streamName("app")).streamDescriptionSummary().openShardCount())
                .isEqualTo(4);
    }

    /** A partition key that maps to another shard than {@code shardId}. */
    private String firstKeyOnAnotherShard(String shardId) {
        for (int i = 0; ; i++) {
            if (!endpoint.kinesis().shardFor("app", "key-" + i).equals(shardId)) {
                return "key-" + i;
            }
        }
    }

    private String trimHorizon(KinesisClient client, String stream, String shardId) {
        return client.getShardIterator(r -> r.streamName(stream).shardId(shardId)
                .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
    }

    private String iterator(ShardIteratorType type, String sequenceNumber) {
        return cbor.getShardIterator(r -> r.streamName("app").shardId("shardId-000000000000")
                .shardIteratorType(type).startingSequenceNumber(sequenceNumber)).shardIterator();
    }

    private List<String> dataFrom(String iterator) {
        return cbor.getRecords(r -> r.shardIterator(iterator)).records().stream()
                .map(record -> record.data().asUtf8String()).toList();
    }

    private static boolean contains(Shard shard, BigInteger hash) {
        return hash.compareTo(new BigInteger(shard.hashKeyRange().startingHashKey())) >= 0
                && hash.compareTo(new BigInteger(shard.hashKeyRange().endingHashKey())) <= 0;
    }

    private static List<BigInteger> numeric(List<PutRecordsResultEntry> results) {
        return results.stream().map(result -> new BigInteger(result.sequenceNumber())).toList();
    }

    static PutRecordsRequestEntry entry(String key, String data) {
        return entry(key, data.getBytes(StandardCharsets.UTF_8));
    }

    static PutRecordsRequestEntry entry(String key, byte[] data) {
        return PutRecordsRequestEntry.builder().partitionKey(key).data(SdkBytes.fromByteArray(data)).build();
    }

    static String errorCode(Throwable e) {
        return ((KinesisException) e).awsErrorDetails().errorCode();
    }
}

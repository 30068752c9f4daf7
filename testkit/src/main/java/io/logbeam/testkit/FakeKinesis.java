package io.logbeam.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BinaryNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The Kinesis Data Streams part of {@link LocalAwsEndpoint}: streams, shards, records, and the setup and read-back
 * methods tests use directly.
 *
 * <p>Partition keys map to shards like the real service: the MD5 of the UTF-8 key, read as an unsigned 128-bit
 * number, selects the open shard whose hash key range contains it (an {@code ExplicitHashKey} replaces the MD5).
 * Sequence numbers are decimal strings that increase with every accepted record of the endpoint.
 *
 * <p>Each shard takes at most the stream's {@link ShardRates} per second of the endpoint's clock (by default what
 * Kinesis allows, 1,000 records and 1 MiB): beyond that a PutRecords entry fails with
 * {@code ProvisionedThroughputExceededException} and is not stored, a PutRecord call fails as a whole.
 * {@link #updateShardCount} reshards a stream as UpdateShardCount does: the open shards close (their records stay
 * readable, ListShards shows them with an ending sequence number) and evenly split new shards take their place.
 */
public final class FakeKinesis {

    private static final BigInteger HASH_SPACE = BigInteger.ONE.shiftLeft(128);
    private static final BigInteger MAX_HASH_KEY = HASH_SPACE.subtract(BigInteger.ONE);
    private static final Pattern HASH_KEY_PATTERN = Pattern.compile("0|([1-9]\\d{0,38})");
    private static final Pattern STREAM_NAME_PATTERN = Pattern.compile("[a-zA-Z0-9_.-]+");
    private static final int MAX_PUT_RECORDS_ENTRIES = 500;
    private static final int MAX_PARTITION_KEY_LENGTH = 256;
    private static final int MAX_GET_RECORDS_LIMIT = 10_000;
    private static final int MAX_GET_RECORDS_BYTES = 10 * 1024 * 1024;
    private static final int MAX_SHARDS = 500;
    private static final int ON_DEMAND_SHARDS = 4;
    private static final Duration ITERATOR_LIFETIME = Duration.ofMinutes(5);
    private static final String ACCOUNT = TestCredentials.ACCOUNT_ID;

    private final Clock clock;
    private final String region;
    private final Faults faults;
    private final Map<String, Stream> streams = new TreeMap<>();
    private long nextSequence = 1;
    private long nextIncarnation = 1;

    FakeKinesis(Clock clock, String region, Faults faults) {
        this.clock = clock;
        this.region = region;
        this.faults = faults;
    }

    // ---------------------------------------------------------------- public setup and read-back

    /** Creates an ACTIVE provisioned stream with {@code shardCount} evenly split shards and default limits. */
    public void createStream(String name, int shardCount) {
        createStream(name, shardCount, KinesisStreamLimits.DEFAULT);
    }

    /** Creates an ACTIVE provisioned stream with the given size limits. */
    public synchronized void createStream(String name, int shardCount, KinesisStreamLimits limits) {
        if (streams.containsKey(name)) {
            throw new IllegalStateException("stream exists: " + name);
        }
        if (shardCount < 1 || shardCount > MAX_SHARDS) {
            throw new IllegalArgumentException("shardCount must be within 1.." + MAX_SHARDS);
        }
        addStream(name, shardCount, "PROVISIONED", Objects.requireNonNull(limits, "limits"));
    }

    /** Changes the size limits of an existing stream, like UpdateMaxRecordSize. */
    public synchronized void limits(String name, KinesisStreamLimits limits) {
        existing(name).limits = Objects.requireNonNull(limits, "limits");
    }

    /** The size limits of an existing stream. */
    public synchronized KinesisStreamLimits limits(String name) {
        return existing(name).limits;
    }

    /** Sets the per-shard write rates of an existing stream (every stream starts with {@link ShardRates#KINESIS}). */
    public synchronized void shardRates(String name, ShardRates rates) {
        existing(name).rates = Objects.requireNonNull(rates, "rates");
    }

    /** The per-shard write rates of an existing stream. */
    public synchronized ShardRates shardRates(String name) {
        return existing(name).rates;
    }

    /**
     * Makes the stream refuse every PutRecords / PutRecord call that carries an explicit hash key, with an
     * {@code InvalidArgumentException} about it, like an emulator that does not implement them.
     */
    public synchronized void refuseExplicitHashKeys(String name) {
        existing(name).refuseExplicitHashKeys = true;
    }

    /** Records of PutRecords and PutRecord calls the stream refused because a shard was over its rate. */
    public synchronized long throttledRecords(String name) {
        return existing(name).throttled;
    }

    /**
     * Reshards like UpdateShardCount with uniform scaling: every open shard closes and {@code shardCount} evenly
     * split new shards, numbered after the existing ones, take their place. Records stay on the shards that stored
     * them; new records go to the new shards.
     */
    public synchronized void updateShardCount(String name, int shardCount) {
        if (shardCount < 1 || shardCount > MAX_SHARDS) {
            throw new IllegalArgumentException("shardCount must be within 1.." + MAX_SHARDS);
        }
        Stream stream = existing(name);
        List<Shard> parents = stream.openShards();
        String ending = sequenceNumber(nextSequence);
        for (Shard parent : parents) {
            parent.endingSequenceNumber = ending;
        }
        String starting = sequenceNumber(nextSequence);
        for (Shard shard : evenShards(stream.shards.size(), shardCount, starting)) {
            shard.parentShardId = shardFor(parents, shard.startHashKey).id;
            stream.shards.add(shard);
        }
    }

    /** Deletes a stream and its records. */
    public synchronized void deleteStream(String name) {
        existing(name);
        streams.remove(name);
    }

    /** Whether the stream exists. */
    public synchronized boolean streamExists(String name) {
        return streams.containsKey(name);
    }

    /** Names of all streams. */
    public synchronized Set<String> streamNames() {
        return Set.copyOf(streams.keySet());
    }

    /** Shard ids of a stream, in order, closed ones (after {@link #updateShardCount}) included. */
    public synchronized List<String> shardIds(String name) {
        return existing(name).shards.stream().map(shard -> shard.id).toList();
    }

    /** Ids of the shards of a stream that take new records, in hash key order. */
    public synchronized List<String> openShardIds(String name) {
        return existing(name).openShards().stream().map(shard -> shard.id).toList();
    }

    /** Every record the stream accepted, over all shards, in the order they were accepted. */
    public synchronized List<KinesisRecord> records(String name) {
        List<KinesisRecord> all = new ArrayList<>();
        for (Shard shard : existing(name).shards) {
            all.addAll(shard.records);
        }
        all.sort(Comparator.comparing(record -> new BigInteger(record.sequenceNumber())));
        return List.copyOf(all);
    }

    /** The records of one shard, in order. */
    public synchronized List<KinesisRecord> records(String name, String shardId) {
        return List.copyOf(existing(name).shard(shardId).records);
    }

    /** The open shard a partition key maps to in this stream (MD5 hash key range lookup). */
    public synchronized String shardFor(String name, String partitionKey) {
        return existing(name).shardFor(hashKeyOf(partitionKey)).id;
    }

    /** The 128-bit hash key Kinesis derives from a partition key: MD5 of its UTF-8 bytes, unsigned. */
    public static BigInteger hashKeyOf(String partitionKey) {
        try {
            byte[] digest = MessageDigest.getInstance("MD5").digest(partitionKey.getBytes(StandardCharsets.UTF_8));
            return new BigInteger(1, digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required by every JRE", e);
        }
    }

    synchronized void reset() {
        streams.clear();
    }

    // ---------------------------------------------------------------- wire operations

    synchronized ObjectNode handle(AwsOperation operation, ObjectNode request, WireFormat wire) {
        return switch (operation) {
            case KINESIS_PUT_RECORDS -> putRecords(request, wire);
            case KINESIS_PUT_RECORD -> putRecord(request, wire);
            case KINESIS_CREATE_STREAM -> createStream(request, wire);
            case KINESIS_DESCRIBE_STREAM -> describeStream(request, wire);
            case KINESIS_DESCRIBE_STREAM_SUMMARY -> describeStreamSummary(request, wire);
            case KINESIS_LIST_SHARDS -> listShards(request, wire);
            case KINESIS_GET_SHARD_ITERATOR -> getShardIterator(request, wire);
            case KINESIS_GET_RECORDS -> getRecords(request, wire);
            case KINESIS_DELETE_STREAM -> deleteStream(request, wire);
            case KINESIS_LIST_STREAMS -> listStreams(request, wire);
            default -> throw new IllegalArgumentException("not a Kinesis operation: " + operation);
        };
    }

    private ObjectNode putRecords(ObjectNode request, WireFormat wire) {
        Stream stream = streamOf(request);
        JsonNode records = Json.array(request, "Records");
        ValidationErrors errors = new ValidationErrors();
        if (records == null) {
            errors.mustNotBeNull("records");
            errors.throwIfAny("ValidationException");
        }
        if (records.size() < 1) {
            errors.minLength("records", "'[]'", 1);
        } else if (records.size() > MAX_PUT_RECORDS_ENTRIES) {
            errors.maxLength("records", "'[" + records.size() + " entries]'", MAX_PUT_RECORDS_ENTRIES);
        }
        errors.throwIfAny("ValidationException");

        List<IncomingRecord> incoming = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            String prefix = "records." + (i + 1) + ".member.";
            incoming.add(IncomingRecord.parse(records.get(i), prefix, stream.limits, errors));
        }
        errors.throwIfAny("ValidationException");

        long requestBytes = 0;
        for (IncomingRecord record : incoming) {
            record.checkExplicitHashKeyAllowed(stream);
            record.checkRecordSize(stream);
            requestBytes += record.size();
        }
        if (requestBytes > stream.limits.maxRequestBytes()) {
            throw ServiceError.invalid("InvalidArgumentException", "Records size exceeds "
                    + stream.limits.maxRequestBytes() / (1024 * 1024) + " MB limit (request carries " + requestBytes
                    + " bytes of data and partition keys)");
        }

        Instant arrival = now();
        ArrayNode results = wire.newObject().arrayNode();
        int failed = 0;
        for (IncomingRecord record : incoming) {
            Shard shard = stream.shardFor(record.hashKey());
            String errorCode = faults.entryFailure(AwsOperation.KINESIS_PUT_RECORDS);
            ObjectNode result = results.addObject();
            if (errorCode != null) {
                failed++;
                result.put("ErrorCode", errorCode);
                result.put("ErrorMessage", entryErrorMessage(errorCode, stream, shard));
                continue;
            }
            if (!shard.admit(clock.millis(), record.size(), stream.rates)) {
                failed++;
                stream.throttled++;
                result.put("ErrorCode", "ProvisionedThroughputExceededException");
                result.put("ErrorMessage", entryErrorMessage("ProvisionedThroughputExceededException", stream, shard));
                continue;
            }
            KinesisRecord stored = store(stream, shard, record, arrival);
            result.put("SequenceNumber", stored.sequenceNumber());
            result.put("ShardId", stored.shardId());
        }
        ObjectNode response = wire.newObject();
        response.put("FailedRecordCount", failed);
        response.set("Records", results);
        response.put("EncryptionType", "NONE");
        return response;
    }

    private ObjectNode putRecord(ObjectNode request, WireFormat wire) {
        Stream stream = streamOf(request);
        ValidationErrors errors = new ValidationErrors();
        IncomingRecord record = IncomingRecord.parse(request, "", stream.limits, errors);
        errors.throwIfAny("ValidationException");
        record.checkExplicitHashKeyAllowed(stream);
        record.checkRecordSize(stream);
        Shard shard = stream.shardFor(record.hashKey());
        if (!shard.admit(clock.millis(), record.size(), stream.rates)) {
            stream.throttled++;
            throw ServiceError.client("ProvisionedThroughputExceededException",
                    entryErrorMessage("ProvisionedThroughputExceededException", stream, shard));
        }
        KinesisRecord stored = store(stream, shard, record, now());
        ObjectNode response = wire.newObject();
        response.put("ShardId", stored.shardId());
        response.put("SequenceNumber", stored.sequenceNumber());
        response.put("EncryptionType", "NONE");
        return response;
    }

    private ObjectNode createStream(ObjectNode request, WireFormat wire) {
        String name = Json.text(request, "StreamName");
        ValidationErrors errors = new ValidationErrors();
        if (errors.requiredText("streamName", name, 128)) {
            errors.matches("streamName", name, STREAM_NAME_PATTERN, "[a-zA-Z0-9_.-]+");
        }
        ObjectNode modeDetails = Json.object(request, "StreamModeDetails");
        String mode = modeDetails == null ? "PROVISIONED" : Objects.requireNonNullElse(
                Json.text(modeDetails, "StreamMode"), "PROVISIONED");
        Long shardCount = Json.integer(request, "ShardCount");
        if (shardCount != null && shardCount < 1) {
            errors.minValue("shardCount", shardCount, 1);
        }
        Long maxRecordKiB = Json.integer(request, "MaxRecordSizeInKiB");
        if (maxRecordKiB != null && (maxRecordKiB < 1024 || maxRecordKiB > 10240)) {
            errors.custom("Value '" + maxRecordKiB + "' at 'maxRecordSizeInKiB' failed to satisfy constraint: "
                    + "Member must have value between 1024 and 10240");
        }
        errors.throwIfAny("ValidationException");
        if ("PROVISIONED".equals(mode) && shardCount == null) {
            throw ServiceError.invalid("InvalidArgumentException",
                    "ShardCount is required for streams in PROVISIONED mode");
        }
        int shards = shardCount == null ? ON_DEMAND_SHARDS : shardCount.intValue();
        if (shards > MAX_SHARDS) {
            throw ServiceError.client("LimitExceededException", "This request would exceed the shard limit for "
                    + "the account " + ACCOUNT + " in " + region + ". Current shard count for the account: 0. "
                    + "Limit: " + MAX_SHARDS + ". Number of additional shards that would have resulted from this "
                    + "request: " + shards + ".");
        }
        if (streams.containsKey(name)) {
            throw ServiceError.client("ResourceInUseException",
                    "Stream " + name + " under account " + ACCOUNT + " already exists.");
        }
        KinesisStreamLimits limits = maxRecordKiB == null ? KinesisStreamLimits.DEFAULT
                : KinesisStreamLimits.withMaxRecordSizeInKiB(maxRecordKiB.intValue());
        addStream(name, shards, mode, limits);
        return wire.newObject();
    }

    private ObjectNode describeStream(ObjectNode request, WireFormat wire) {
        Stream stream = streamOf(request);
        long limit = boundedInteger(request, "Limit", "limit", 100, 1, 10_000);
        String exclusiveStart = Json.text(request, "ExclusiveStartShardId");
        ArrayNode shards = wire.newObject().arrayNode();
        boolean more = false;
        for (Shard shard : stream.shards) {
            if (exclusiveStart != null && shard.id.compareTo(exclusiveStart) <= 0) {
                continue;
            }
            if (shards.size() == limit) {
                more = true;
                break;
            }
            shards.add(shardJson(shard, wire));
        }
        ObjectNode description = streamSummaryJson(stream, wire);
        description.remove("OpenShardCount");
        description.remove("ConsumerCount");
        description.remove("MaxRecordSizeInKiB");
        description.set("Shards", shards);
        description.put("HasMoreShards", more);
        ObjectNode response = wire.newObject();
        response.set("StreamDescription", description);
        return response;
    }

    private ObjectNode describeStreamSummary(ObjectNode request, WireFormat wire) {
        ObjectNode response = wire.newObject();
        response.set("StreamDescriptionSummary", streamSummaryJson(streamOf(request), wire));
        return response;
    }

    private ObjectNode listShards(ObjectNode request, WireFormat wire) {
        String nextToken = Json.text(request, "NextToken");
        long maxResults = boundedInteger(request, "MaxResults", "maxResults", 1000, 1, 10_000);
        Stream stream;
        int startIndex = 0;
        if (nextToken != null) {
            if (request.hasNonNull("StreamName") || request.hasNonNull("StreamARN")) {
                throw ServiceError.invalid("InvalidArgumentException",
                        "NextToken and StreamName cannot be provided together.");
            }
            String[] token = decodeToken(nextToken, 2);
            stream = streamNamed(token[0]);
            startIndex = parseIndex(token[1]);
        } else {
            stream = streamOf(request);
            String exclusiveStart = Json.text(request, "ExclusiveStartShardId");
            if (exclusiveStart != null) {
                while (startIndex < stream.shards.size()
                        && stream.shards.get(startIndex).id.compareTo(exclusiveStart) <= 0) {
                    startIndex++;
                }
            }
        }
        ArrayNode shards = wire.newObject().arrayNode();
        int index = startIndex;
        for (; index < stream.shards.size() && shards.size() < maxResults; index++) {
            shards.add(shardJson(stream.shards.get(index), wire));
        }
        ObjectNode response = wire.newObject();
        response.set("Shards", shards);
        if (index < stream.shards.size()) {
            response.put("NextToken", encodeToken(stream.name, Integer.toString(index)));
        }
        return response;
    }

    private ObjectNode getShardIterator(ObjectNode request, WireFormat wire) {
        Stream stream = streamOf(request);
        String shardId = Json.text(request, "ShardId");
        String type = Json.text(request, "ShardIteratorType");
        ValidationErrors errors = new ValidationErrors();
        if (shardId == null) {
            errors.mustNotBeNull("shardId");
        }
        if (type == null) {
            errors.mustNotBeNull("shardIteratorType");
        } else if (!Set.of("AT_SEQUENCE_NUMBER", "AFTER_SEQUENCE_NUMBER", "TRIM_HORIZON", "LATEST", "AT_TIMESTAMP")
                .contains(type)) {
            errors.custom("Value '" + type + "' at 'shardIteratorType' failed to satisfy constraint: Member must "
                    + "satisfy enum value set: [AFTER_SEQUENCE_NUMBER, AT_SEQUENCE_NUMBER, AT_TIMESTAMP, LATEST, "
                    + "TRIM_HORIZON]");
        }
        errors.throwIfAny("ValidationException");
        Shard shard = stream.shard(shardId);
        int position = switch (type) {
            case "TRIM_HORIZON" -> 0;
            case "LATEST" -> shard.records.size();
            case "AT_SEQUENCE_NUMBER", "AFTER_SEQUENCE_NUMBER" -> {
                String text = Json.text(request, "StartingSequenceNumber");
                if (text == null || !text.matches("0|([1-9]\\d{0,128})")) {
                    throw ServiceError.invalid("InvalidArgumentException", "StartingSequenceNumber " + text
                            + " used in GetShardIterator on shard " + shardId + " in stream " + stream.name
                            + " under account " + ACCOUNT + " is invalid.");
                }
                BigInteger sequence = new BigInteger(text);
                boolean inclusive = type.equals("AT_SEQUENCE_NUMBER");
                int index = 0;
                while (index < shard.records.size()) {
                    int cmp = new BigInteger(shard.records.get(index).sequenceNumber()).compareTo(sequence);
                    if (inclusive ? cmp >= 0 : cmp > 0) {
                        break;
                    }
                    index++;
                }
                yield index;
            }
            default -> { // AT_TIMESTAMP
                JsonNode timestamp = request.get("Timestamp");
                if (timestamp == null || timestamp.isNull()) {
                    throw ServiceError.invalid("InvalidArgumentException",
                            "Must specify timestampInMillis parameter for iterator of type AT_TIMESTAMP.");
                }
                Instant at = wire.readTimestamp(timestamp);
                int index = 0;
                while (index < shard.records.size() && shard.records.get(index).arrival().isBefore(at)) {
                    index++;
                }
                yield index;
            }
        };
        ObjectNode response = wire.newObject();
        response.put("ShardIterator", iterator(stream, shard, position));
        return response;
    }

    private ObjectNode getRecords(ObjectNode request, WireFormat wire) {
        String iteratorText = Json.text(request, "ShardIterator");
        ValidationErrors errors = new ValidationErrors();
        errors.requiredText("shardIterator", iteratorText, 512);
        Long limit = Json.integer(request, "Limit");
        if (limit != null && limit < 1) {
            errors.minValue("limit", limit, 1);
        } else if (limit != null && limit > MAX_GET_RECORDS_LIMIT) {
            errors.maxValue("limit", limit, MAX_GET_RECORDS_LIMIT);
        }
        errors.throwIfAny("ValidationException");

        ShardPosition position = parseIterator(iteratorText);
        Shard shard = position.shard;
        int maxRecords = limit == null ? MAX_GET_RECORDS_LIMIT : limit.intValue();
        ArrayNode records = wire.newObject().arrayNode();
        int index = position.index;
        long bytes = 0;
        while (index < shard.records.size() && records.size() < maxRecords) {
            KinesisRecord record = shard.records.get(index);
            bytes += record.dataLength() + record.partitionKey().getBytes(StandardCharsets.UTF_8).length;
            if (bytes > MAX_GET_RECORDS_BYTES && records.size() > 0) {
                break;
            }
            ObjectNode json = records.addObject();
            json.put("SequenceNumber", record.sequenceNumber());
            json.set("ApproximateArrivalTimestamp", wire.timestamp(record.arrival()));
            json.set("Data", new BinaryNode(record.data()));
            json.put("PartitionKey", record.partitionKey());
            index++;
        }
        Instant now = now();
        long behind = index < shard.records.size()
                ? Math.max(0, Duration.between(shard.records.get(index).arrival(), now).toMillis()) : 0;
        ObjectNode response = wire.newObject();
        response.set("Records", records);
        if (shard.endingSequenceNumber == null || index < shard.records.size()) {
            response.put("NextShardIterator", iterator(position.stream, shard, index)); // none past a closed shard's end
        }
        response.put("MillisBehindLatest", behind);
        return response;
    }

    private ObjectNode deleteStream(ObjectNode request, WireFormat wire) {
        Stream stream = streamOf(request);
        streams.remove(stream.name);
        return wire.newObject();
    }

    private ObjectNode listStreams(ObjectNode request, WireFormat wire) {
        long limit = boundedInteger(request, "Limit", "limit", 100, 1, 10_000);
        String after = Json.text(request, "ExclusiveStartStreamName");
        String nextToken = Json.text(request, "NextToken");
        if (nextToken != null) {
            after = decodeToken(nextToken, 1)[0];
        }
        ArrayNode names = wire.newObject().arrayNode();
        ArrayNode summaries = wire.newObject().arrayNode();
        boolean more = false;
        String last = null;
        for (Stream stream : streams.values()) {
            if (after != null && stream.name.compareTo(after) <= 0) {
                continue;
            }
            if (names.size() == limit) {
                more = true;
                break;
            }
            names.add(stream.name);
            ObjectNode summary = summaries.addObject();
            summary.put("StreamName", stream.name);
            summary.put("StreamARN", stream.arn);
            summary.put("StreamStatus", "ACTIVE");
            summary.putObject("StreamModeDetails").put("StreamMode", stream.mode);
            summary.set("StreamCreationTimestamp", wire.timestamp(stream.created));
            last = stream.name;
        }
        ObjectNode response = wire.newObject();
        response.set("StreamNames", names);
        response.put("HasMoreStreams", more);
        response.set("StreamSummaries", summaries);
        if (more) {
            response.put("NextToken", encodeToken(last));
        }
        return response;
    }

    // ---------------------------------------------------------------- helpers

    private void addStream(String name, int shardCount, String mode, KinesisStreamLimits limits) {
        Instant created = now();
        List<Shard> shards = evenShards(0, shardCount, sequenceNumber(nextSequence));
        String arn = "arn:aws:kinesis:" + region + ":" + ACCOUNT + ":stream/" + name;
        streams.put(name, new Stream(name, arn, mode, created, nextIncarnation++, shards, limits));
    }

    /** {@code count} shards splitting the hash key space evenly, numbered from {@code firstIndex}. */
    private static List<Shard> evenShards(int firstIndex, int count, String startingSequence) {
        List<Shard> shards = new ArrayList<>(count);
        BigInteger width = HASH_SPACE.divide(BigInteger.valueOf(count));
        for (int i = 0; i < count; i++) {
            BigInteger start = width.multiply(BigInteger.valueOf(i));
            BigInteger end = i == count - 1 ? MAX_HASH_KEY : width.multiply(BigInteger.valueOf(i + 1L))
                    .subtract(BigInteger.ONE);
            shards.add(new Shard(String.format("shardId-%012d", firstIndex + i), start, end, startingSequence));
        }
        return shards;
    }

    /** The shard of {@code shards} whose hash key range holds {@code hashKey}. */
    private static Shard shardFor(List<Shard> shards, BigInteger hashKey) {
        for (Shard shard : shards) {
            if (hashKey.compareTo(shard.startHashKey) >= 0 && hashKey.compareTo(shard.endHashKey) <= 0) {
                return shard;
            }
        }
        throw new IllegalStateException("hash key outside every shard: " + hashKey);
    }

    private KinesisRecord store(Stream stream, Shard shard, IncomingRecord record, Instant arrival) {
        KinesisRecord stored = new KinesisRecord(record.partitionKey, record.data, sequenceNumber(nextSequence++),
                shard.id, arrival);
        shard.records.add(stored);
        return stored;
    }

    /** Fixed width, so that string order and numeric order agree; "49" like the real ones. */
    private static String sequenceNumber(long counter) {
        return "49" + String.format("%054d", counter);
    }

    private String entryErrorMessage(String errorCode, Stream stream, Shard shard) {
        if (errorCode.equals("ProvisionedThroughputExceededException")) {
            return "Rate exceeded for shard " + shard.id + " in stream " + stream.name + " under account "
                    + ACCOUNT + ".";
        }
        return Faults.messageFor(errorCode);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    private Stream streamOf(ObjectNode request) {
        String name = Json.text(request, "StreamName");
        String arn = Json.text(request, "StreamARN");
        if (name == null && arn != null) {
            int slash = arn.indexOf(":stream/");
            if (slash < 0) {
                throw ServiceError.invalid("ValidationException", "1 validation error detected: Value '" + arn
                        + "' at 'streamARN' failed to satisfy constraint: Member must satisfy regular expression "
                        + "pattern: arn:aws.*:kinesis:.*:\\d{12}:stream/\\S+");
            }
            name = arn.substring(slash + ":stream/".length());
        }
        if (name == null) {
            throw ServiceError.invalid("ValidationException", "Either StreamName or StreamARN should be provided.");
        }
        return streamNamed(name);
    }

    private Stream streamNamed(String name) {
        Stream stream = streams.get(name);
        if (stream == null) {
            throw ServiceError.resourceNotFound("Stream " + name + " under account " + ACCOUNT + " not found.");
        }
        return stream;
    }

    private Stream existing(String name) {
        Stream stream = streams.get(name);
        if (stream == null) {
            throw new IllegalArgumentException("no Kinesis stream named " + name + "; streams: " + streams.keySet());
        }
        return stream;
    }

    private ObjectNode streamSummaryJson(Stream stream, WireFormat wire) {
        ObjectNode json = wire.newObject();
        json.put("StreamName", stream.name);
        json.put("StreamARN", stream.arn);
        json.put("StreamStatus", "ACTIVE");
        json.putObject("StreamModeDetails").put("StreamMode", stream.mode);
        json.put("RetentionPeriodHours", 24);
        json.set("StreamCreationTimestamp", wire.timestamp(stream.created));
        json.putArray("EnhancedMonitoring").addObject().putArray("ShardLevelMetrics");
        json.put("EncryptionType", "NONE");
        json.put("OpenShardCount", stream.openShards().size());
        json.put("ConsumerCount", 0);
        json.put("MaxRecordSizeInKiB", stream.limits.maxRecordSizeInKiB());
        return json;
    }

    private static ObjectNode shardJson(Shard shard, WireFormat wire) {
        ObjectNode json = wire.newObject();
        json.put("ShardId", shard.id);
        ObjectNode range = json.putObject("HashKeyRange");
        range.put("StartingHashKey", shard.startHashKey.toString());
        range.put("EndingHashKey", shard.endHashKey.toString());
        if (shard.parentShardId != null) {
            json.put("ParentShardId", shard.parentShardId);
        }
        ObjectNode sequences = json.putObject("SequenceNumberRange");
        sequences.put("StartingSequenceNumber", shard.startingSequenceNumber);
        if (shard.endingSequenceNumber != null) {
            sequences.put("EndingSequenceNumber", shard.endingSequenceNumber);
        }
        return json;
    }

    private static long boundedInteger(ObjectNode request, String member, String path, long absent, long min,
                                       long max) {
        Long value = Json.integer(request, member);
        if (value == null) {
            return absent;
        }
        ValidationErrors errors = new ValidationErrors();
        if (value < min) {
            errors.minValue(path, value, min);
        } else if (value > max) {
            errors.maxValue(path, value, max);
        }
        errors.throwIfAny("ValidationException");
        return value;
    }

    private String iterator(Stream stream, Shard shard, int position) {
        String plain = "v1|" + stream.incarnation + "|" + shard.id + "|" + position + "|"
                + clock.millis() + "|" + stream.name;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    private ShardPosition parseIterator(String text) {
        String[] parts;
        try {
            parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split("\\|", 6);
        } catch (IllegalArgumentException e) {
            parts = new String[0];
        }
        if (parts.length != 6 || !parts[0].equals("v1")) {
            throw ServiceError.invalid("InvalidArgumentException", "Invalid ShardIterator.");
        }
        Stream stream = streams.get(parts[5]);
        if (stream == null || stream.incarnation != Long.parseLong(parts[1])) {
            throw ServiceError.resourceNotFound("Shard " + parts[2] + " in stream " + parts[5] + " under account "
                    + ACCOUNT + " does not exist");
        }
        long issued = Long.parseLong(parts[4]);
        long now = clock.millis();
        if (now - issued > ITERATOR_LIFETIME.toMillis()) {
            throw ServiceError.client("ExpiredIteratorException", "Iterator expired. The iterator was created at "
                    + "time " + Instant.ofEpochMilli(issued) + " while right now it is " + Instant.ofEpochMilli(now)
                    + " which is further in the future than the tolerated delay of " + ITERATOR_LIFETIME.toMillis()
                    + " milliseconds.");
        }
        return new ShardPosition(stream, stream.shard(parts[2]), Integer.parseInt(parts[3]));
    }

    private static String encodeToken(String... parts) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(String.join("|", parts).getBytes(StandardCharsets.UTF_8));
    }

    private static String[] decodeToken(String token, int parts) {
        try {
            String[] decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8)
                    .split("\\|", parts);
            if (decoded.length == parts) {
                return decoded;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw ServiceError.invalid("InvalidArgumentException", "Invalid NextToken.");
    }

    private static int parseIndex(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw ServiceError.invalid("InvalidArgumentException", "Invalid NextToken.");
        }
    }

    // ---------------------------------------------------------------- state

    private static final class Stream {
        final String name;
        final String arn;
        final String mode;
        final Instant created;
        final long incarnation;
        final List<Shard> shards; // in creation order; closed ones stay
        KinesisStreamLimits limits;
        ShardRates rates = ShardRates.KINESIS;
        long throttled;
        boolean refuseExplicitHashKeys;

        Stream(String name, String arn, String mode, Instant created, long incarnation, List<Shard> shards,
               KinesisStreamLimits limits) {
            this.name = name;
            this.arn = arn;
            this.mode = mode;
            this.created = created;
            this.incarnation = incarnation;
            this.shards = shards;
            this.limits = limits;
        }

        Shard shard(String shardId) {
            for (Shard shard : shards) {
                if (shard.id.equals(shardId)) {
                    return shard;
                }
            }
            throw ServiceError.resourceNotFound("Shard " + shardId + " in stream " + name + " under account "
                    + ACCOUNT + " does not exist");
        }

        /** The open shard whose hash key range holds {@code hashKey}. */
        Shard shardFor(BigInteger hashKey) {
            return FakeKinesis.shardFor(openShards(), hashKey);
        }

        List<Shard> openShards() {
            return shards.stream().filter(shard -> shard.endingSequenceNumber == null).toList();
        }
    }

    private static final class Shard {
        final String id;
        final BigInteger startHashKey;
        final BigInteger endHashKey;
        final String startingSequenceNumber;
        final List<KinesisRecord> records = new ArrayList<>();
        String endingSequenceNumber; // null while open
        String parentShardId;
        private long rateSecond = Long.MIN_VALUE;
        private int recordsThisSecond;
        private long bytesThisSecond;

        Shard(String id, BigInteger startHashKey, BigInteger endHashKey, String startingSequenceNumber) {
            this.id = id;
            this.startHashKey = startHashKey;
            this.endHashKey = endHashKey;
            this.startingSequenceNumber = startingSequenceNumber;
        }

        /** Whether a record of {@code bytes} fits this shard's rates in the clock second of {@code millis}; counts it. */
        boolean admit(long millis, long bytes, ShardRates rates) {
            long second = Math.floorDiv(millis, 1000);
            if (second != rateSecond) {
                rateSecond = second;
                recordsThisSecond = 0;
                bytesThisSecond = 0;
            }
            boolean first = recordsThisSecond == 0;
            if (recordsThisSecond >= rates.recordsPerSecond()
                    || (!first && bytesThisSecond + bytes > rates.bytesPerSecond())) {
                return false;
            }
            recordsThisSecond++;
            bytesThisSecond += bytes;
            return true;
        }
    }

    private record ShardPosition(Stream stream, Shard shard, int index) {
    }

    /** One PutRecords entry or PutRecord request, validated against the model constraints. */
    private record IncomingRecord(String partitionKey, byte[] data, String explicitHashKey, String pathPrefix) {

        static IncomingRecord parse(JsonNode json, String prefix, KinesisStreamLimits limits,
                                    ValidationErrors errors) {
            if (json == null || !json.isObject()) {
                errors.mustNotBeNull(prefix.isEmpty() ? "record" : prefix.substring(0, prefix.length() - 1));
                return new IncomingRecord("", new byte[0], null, prefix);
            }
            String key = Json.text(json, "PartitionKey");
            byte[] data = WireFormat.blob(json.get("Data"), prefix + "data");
            String explicitHashKey = Json.text(json, "ExplicitHashKey");
            if (key == null) {
                errors.mustNotBeNull(prefix + "partitionKey");
            } else if (key.isEmpty()) {
                errors.minLength(prefix + "partitionKey", "''", 1);
            } else if (key.codePointCount(0, key.length()) > MAX_PARTITION_KEY_LENGTH) {
                errors.maxLength(prefix + "partitionKey", Json.shown(key), MAX_PARTITION_KEY_LENGTH);
            }
            if (data == null) {
                errors.mustNotBeNull(prefix + "data");
            } else if (data.length > limits.maxRecordBytes()) {
                errors.custom("Value at '" + prefix + "data' failed to satisfy constraint: Member must have length "
                        + "less than or equal to " + limits.maxRecordBytes());
            }
            if (explicitHashKey != null) {
                errors.matches(prefix + "explicitHashKey", explicitHashKey, HASH_KEY_PATTERN, "0|([1-9]\\d{0,38})");
            }
            return new IncomingRecord(key == null ? "" : key, data == null ? new byte[0] : data, explicitHashKey,
                    prefix);
        }

        long size() {
            return (long) data.length + partitionKey.getBytes(StandardCharsets.UTF_8).length;
        }

        BigInteger hashKey() {
            return explicitHashKey != null ? new BigInteger(explicitHashKey) : hashKeyOf(partitionKey);
        }

        void checkExplicitHashKeyAllowed(Stream stream) {
            if (explicitHashKey != null && stream.refuseExplicitHashKeys) {
                throw ServiceError.invalid("InvalidArgumentException", "ExplicitHashKey is not supported by this "
                        + "endpoint (stream " + stream.name + " was set to refuse it)");
            }
        }

        void checkRecordSize(Stream stream) {
            if (explicitHashKey != null && new BigInteger(explicitHashKey).compareTo(MAX_HASH_KEY) > 0) {
                throw ServiceError.invalid("InvalidArgumentException", "Invalid ExplicitHashKey. ExplicitHashKey "
                        + "must be in the range: [0, 2^128-1]. Specified value was " + explicitHashKey);
            }
            if (size() > stream.limits.maxRecordBytes()) {
                throw ServiceError.invalid("InvalidArgumentException", "Record size (data plus partition key) of "
                        + size() + " bytes at '" + pathPrefix + "data' exceeds the limit of "
                        + stream.limits.maxRecordBytes() + " bytes for stream " + stream.name + ".");
            }
        }
    }
}

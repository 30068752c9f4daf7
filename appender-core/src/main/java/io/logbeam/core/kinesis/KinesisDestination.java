package io.logbeam.core.kinesis;

import io.logbeam.core.aws.AwsClients;
import io.logbeam.core.aws.AwsSettings;
import io.logbeam.core.destination.BatchEntry;
import io.logbeam.core.destination.BatchSink;
import io.logbeam.core.destination.Batcher;
import io.logbeam.core.destination.Destination;
import io.logbeam.core.destination.Failure;
import io.logbeam.core.destination.PartitionKeyStrategy;
import io.logbeam.core.destination.SendOutcome;
import io.logbeam.core.event.EncodedEvent;
import io.logbeam.core.json.Utf8Text;
import io.logbeam.core.util.ConfigException;
import io.logbeam.core.util.Substitutions;

import software.amazon.awssdk.core.SdkSystemSetting;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.CreateStreamRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequest;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;
import software.amazon.awssdk.services.kinesis.model.ResourceInUseException;
import software.amazon.awssdk.services.kinesis.model.StreamMode;
import software.amazon.awssdk.services.kinesis.model.StreamModeDetails;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kinesis Data Streams as a Logbeam destination: PutRecords calls built to the exact limits (500 records,
 * {@code maxRequestBytes} per call, {@code maxRecordBytes} per record, partition keys included), one event
 * per record or KPL aggregates, optionally gzipped; per-record retries of throttled and failed entries
 * only; permanent errors classified by {@link KinesisErrors}.
 *
 * <p>With aggregation and a per-event partition key ({@code {log_type}}, {@code {mdc:KEY}}, {@code {kv:KEY}}),
 * aggregates are made per shard ({@code aggregateByShard}, on by default): {@link StreamShards} lists the stream's
 * shards, the batcher puts the events whose keys hash to one shard into one aggregate, each keeping its own key,
 * and the record goes to that shard by an explicit hash key. {@link #send} checks where each such record was
 * stored: one that landed on another shard (the stream was resharded) is sent again as one aggregate per key.
 *
 * <p>Built with {@link #builder()}, which validates every property ({@code KinesisSettings} forwards the
 * appender properties to it). Never touches the network before {@link #open()} builds the client (which starts
 * listing shards in the background when aggregating by shard), and never creates the stream unless
 * {@code autoCreate} is set.
 */
public final class KinesisDestination implements Destination {

    private static final Pattern STREAM_NAME = Pattern.compile("[a-zA-Z0-9_.-]{1,128}");
    private static final Pattern STREAM_ARN = Pattern.compile(
            "arn:aws[a-zA-Z-]*:kinesis:[a-z0-9-]+:[0-9]{12}:stream/([a-zA-Z0-9_.-]{1,128})");
    private static final long CREATE_WAIT_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final String streamName;
    private final String streamArn;
    private final PartitionKeys.Spec partitionKey;
    private final boolean aggregation;
    private final Compression compression;
    private final int compressionLevel;
    private final int maxRecordBytes;
    private final int maxRequestBytes;
    private final int aggregationMaxBytes;
    private final boolean autoCreate;
    private final int shardCount;
    private final AwsSettings aws;
    private final String description;
    private final KinesisErrors errors;
    private final StreamShards shards; // null unless aggregating by shard
    private volatile KinesisClient client;
    private volatile long createRequestedNanos;
    private volatile boolean createRequested;

    private KinesisDestination(Builder b, String streamName, String streamArn, PartitionKeys.Spec partitionKey,
            Compression compression) {
        this.streamName = streamName;
        this.streamArn = streamArn;
        this.partitionKey = partitionKey;
        this.aggregation = b.aggregation;
        this.compression = compression;
        this.compressionLevel = b.compressionLevel;
        this.maxRecordBytes = b.maxRecordBytes;
        this.maxRequestBytes = b.maxRequestBytes;
        this.aggregationMaxBytes = b.aggregationMaxBytes == 0 ? b.maxRecordBytes : b.aggregationMaxBytes;
        this.autoCreate = b.autoCreate;
        this.shardCount = b.shardCount;
        this.aws = b.aws;
        String name = streamName != null ? streamName : nameOfArn(streamArn);
        this.description = "Kinesis stream '" + name + "'" + aws.describeLocation();
        this.errors = new KinesisErrors(description, streamName != null ? "streamName '" + streamName + "'"
                : "streamArn '" + streamArn + "'", aws.endpoint() != null && cborEnabled());
        this.shards = aggregation && partitionKey.perEvent() && b.aggregateByShard
                ? new StreamShards(streamName, streamArn, errors, b.shardMapRefresh) : null;
    }

    /** A builder with the defaults: random keys, no aggregation, no compression, 1 MiB records, 5 MiB calls. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public int maxEventBytes() {
        return KinesisLimits.largestEvent(maxRecordBytes, partitionKey.maxKeyBytes(), aggregation,
                compression == Compression.GZIP);
    }

    @Override
    public PartitionKeyStrategy partitionKeys() {
        return partitionKey.strategy();
    }

    @Override
    public void reportProblemsTo(BiConsumer<String, String> problems) {
        if (shards != null) {
            shards.reportProblemsTo(problems);
        }
    }

    @Override
    public Batcher newBatcher() {
        return newBatcher(shards == null ? null : shards::current);
    }

    /** A batcher that aggregates by the shards of {@code shardMap}, or per key when it is null (tests too). */
    Batcher newBatcher(Supplier<ShardMap> shardMap) {
        boolean gzip = compression == Compression.GZIP;
        RecordFactory records = new RecordFactory(maxRecordBytes, gzip ? new GzipCompressor(compressionLevel) : null);
        RandomPartitionKeys randomKeys = new RandomPartitionKeys();
        if (aggregation) {
            return new AggregatingBatcher(maxRecordBytes, maxRequestBytes, aggregationMaxBytes, gzip, records,
                    randomKeys, partitionKey.maxKeyBytes(), shardMap);
        }
        return new RecordBatcher(maxRequestBytes, records, randomKeys);
    }

    /** Open shards as last listed for aggregating by shard; 0 while unknown or when not aggregating by shard. */
    public int knownShards() {
        ShardMap map = shards == null ? null : shards.current();
        return map == null ? 0 : map.size();
    }

    @Override
    public void open() {
        if (client == null) {
            client = AwsClients.build(KinesisClient.builder(), aws);
        }
        if (shards != null) {
            shards.start(client);
        }
    }

    /**
     * Sends the records of {@code entries}: normally one PutRecords call with one record per entry; an aggregate
     * that has to be sent again per key (see {@link #landedElsewhere}) may make more records than one call holds,
     * which then go in several calls.
     */
    @Override
    public SendOutcome send(List<BatchEntry> entries) {
        List<PutRecordsRequestEntry> records = new ArrayList<>(entries.size());
        int[] owner = new int[entries.size()];
        for (int i = 0; i < entries.size(); i++) {
            for (PutRecordsRequestEntry record : entries.get(i).<KinesisEntry>wire().pending()) {
                if (records.size() == owner.length) {
                    owner = Arrays.copyOf(owner, owner.length * 2);
                }
                owner[records.size()] = i;
                records.add(record);
            }
        }
        Failure[] failures = new Failure[entries.size()];
        int from = 0;
        while (from < records.size()) {
            int to = endOfCall(records, from);
            PutRecordsResponse response;
            try {
                response = client.putRecords(request(records.subList(from, to)));
            } catch (RuntimeException e) {
                Failure failure = errors.request(e);
                if (from == 0) {
                    return SendOutcome.failed(requestFailed(failure, entries));
                }
                // A later call of a resend that took several: what it and the rest hold is tried again.
                Failure retry = failure.kind() == Failure.Kind.RETRYABLE ? failure
                        : Failure.retryable(failure.code(), failure.message(), failure.ambiguous());
                for (int k = from; k < records.size(); k++) {
                    failures[owner[k]] = failures[owner[k]] != null ? failures[owner[k]] : retry;
                }
                break;
            }
            results(response, records, owner, from, to, entries, failures);
            from = to;
        }
        boolean allDelivered = true;
        for (int i = 0; i < failures.length; i++) {
            allDelivered &= failures[i] == null;
        }
        return allDelivered ? SendOutcome.delivered() : SendOutcome.perEntry(failures);
    }

    private PutRecordsRequest request(List<PutRecordsRequestEntry> records) {
        PutRecordsRequest.Builder request = PutRecordsRequest.builder().records(records);
        if (streamArn != null) {
            request.streamARN(streamArn);
        } else {
            request.streamName(streamName);
        }
        return request.build();
    }

    /** The end of the call that starts with {@code records[from]}: 500 records and {@code maxRequestBytes} at most. */
    private int endOfCall(List<PutRecordsRequestEntry> records, int from) {
        long bytes = 0;
        int to = from;
        while (to < records.size() && to - from < KinesisLimits.MAX_RECORDS_PER_REQUEST) {
            PutRecordsRequestEntry r = records.get(to);
            bytes += r.data().asByteArrayUnsafe().length + Utf8Text.utf8Length(r.partitionKey());
            if (bytes > maxRequestBytes && to > from) {
                break;
            }
            to++;
        }
        return to;
    }

    /** What a failed first call means for the whole request. */
    private Failure requestFailed(Failure failure, List<BatchEntry> entries) {
        if (autoCreate && "ResourceNotFoundException".equals(failure.code())) {
            return createStream();
        }
        if (shards != null && KinesisErrors.refusesExplicitHashKeys(failure)) {
            shards.explicitHashKeysRefused(failure.describe());
            for (BatchEntry entry : entries) {
                KinesisEntry wire = entry.wire();
                if (wire.expectedShardId() != null && wire.pending().contains(wire.request())) {
                    wire.replaceWith(perKeyRecords(entry.events()));
                }
            }
            return Failure.retryable(failure.code(), failure.message() + " (sent again, one aggregate per key)",
                    false);
        }
        return failure;
    }

    /** Applies the results of the call that sent {@code records[from, to)}. */
    private void results(PutRecordsResponse response, List<PutRecordsRequestEntry> records, int[] owner, int from,
            int to, List<BatchEntry> entries, Failure[] failures) {
        List<PutRecordsResultEntry> results = response.records();
        if (results.size() != to - from) {
            boolean none = response.failedRecordCount() != null && response.failedRecordCount() == 0;
            for (int k = from; k < to; k++) {
                if (none) {
                    entries.get(owner[k]).<KinesisEntry>wire().delivered(records.get(k));
                } else if (failures[owner[k]] == null) {
                    failures[owner[k]] = Failure.retryable("UnexpectedResponse", "PutRecords answered "
                            + results.size() + " results for " + (to - from) + " records", true);
                }
            }
            return;
        }
        for (int k = from; k < to; k++) {
            PutRecordsResultEntry result = results.get(k - from);
            BatchEntry entry = entries.get(owner[k]);
            KinesisEntry wire = entry.wire();
            PutRecordsRequestEntry record = records.get(k);
            String code = result.errorCode();
            if (code != null && !code.isEmpty()) {
                if (failures[owner[k]] == null) {
                    failures[owner[k]] = errors.entry(code, result.errorMessage());
                }
            } else if (record == wire.request() && wire.expectedShardId() != null
                    && !wire.expectedShardId().equals(result.shardId())) {
                Failure wrong = landedElsewhere(entry, result.shardId());
                if (wrong != null && failures[owner[k]] == null) {
                    failures[owner[k]] = wrong;
                }
            } else {
                wire.delivered(record);
            }
        }
    }

    /**
     * The aggregate of {@code entry}, made for one shard, was stored on {@code actualShardId}: the stream was
     * resharded. KCL drops an aggregate whose inner keys hash outside the shard it reads it from, so unless every
     * key of it belongs to that shard now (two shards merged, say), its events are sent again, one aggregate per
     * key; a consumer that does not check shard ranges sees them twice (hence an ambiguous failure). Null when it is
     * fine where it is.
     */
    private Failure landedElsewhere(BatchEntry entry, String actualShardId) {
        KinesisEntry wire = entry.wire();
        ShardMap map = shards.refreshFor(actualShardId);
        if (map != null && map.contains(actualShardId) && allKeysIn(entry.events(), map, actualShardId)) {
            wire.delivered(wire.request());
            return null;
        }
        shards.reshardingSuspected();
        wire.replaceWith(perKeyRecords(entry.events()));
        return errors.wrongShard(wire.expectedShardId(), actualShardId);
    }

    private static boolean allKeysIn(List<EncodedEvent> events, ShardMap map, String shardId) {
        KeyHasher hasher = new KeyHasher();
        for (EncodedEvent event : events) {
            String key = PartitionKeys.usable(event.partitionKey());
            if (key == null) {
                return false; // only keyed events go into a shard's aggregate
            }
            hasher.hash(key);
            if (!map.shardOf(hasher.high, hasher.low).id().equals(shardId)) {
                return false;
            }
        }
        return true;
    }

    /** {@code events} as the records a batcher that aggregates per key makes of them (sender thread, rare). */
    private List<PutRecordsRequestEntry> perKeyRecords(List<EncodedEvent> events) {
        List<PutRecordsRequestEntry> out = new ArrayList<>();
        BatchSink sink = new BatchSink() {
            @Override
            public void emit(List<BatchEntry> entries) {
                for (BatchEntry entry : entries) {
                    out.add(entry.<KinesisEntry>wire().request());
                }
            }

            @Override
            public void reject(EncodedEvent event, String reason) {
                // The events fitted an aggregate that left room for the longest key: they fit one of their own.
                throw new IllegalStateException("an event of an aggregate does not fit one per key: " + reason);
            }
        };
        Batcher perKey = newBatcher(null);
        for (EncodedEvent event : events) {
            perKey.add(event, sink);
        }
        perKey.drain(sink);
        return out;
    }

    /**
     * {@code autoCreate}: asks for the missing stream once per wait period and has the batch retried while
     * it becomes ACTIVE. A stream that already exists or is being created counts as success.
     */
    private Failure createStream() {
        long now = System.nanoTime();
        if (createRequested && now - createRequestedNanos < CREATE_WAIT_NANOS) {
            return Failure.retryable("StreamCreating", "waiting for stream '" + streamName
                    + "' (autoCreate) to become ACTIVE", false);
        }
        CreateStreamRequest.Builder create = CreateStreamRequest.builder().streamName(streamName);
        if (shardCount > 0) {
            create.shardCount(shardCount);
        } else {
            create.streamModeDetails(StreamModeDetails.builder().streamMode(StreamMode.ON_DEMAND).build());
        }
        try {
            client.createStream(create.build());
        } catch (ResourceInUseException e) {
            // Exists already or is being created by someone else: wait for it like for our own.
        } catch (RuntimeException e) {
            Failure f = errors.request(e);
            if (f.kind() == Failure.Kind.UNUSABLE) {
                return Failure.unusable(f.code(), "stream '" + streamName + "' does not exist and autoCreate could not "
                        + "create it (it needs kinesis:CreateStream): " + f.message());
            }
            return f;
        }
        createRequestedNanos = now;
        createRequested = true;
        return Failure.retryable("StreamCreating", "stream '" + streamName + "' did not exist; created it ("
                + (shardCount > 0 ? shardCount + " shard(s)" : "on-demand") + ", autoCreate), waiting for it to become "
                + "ACTIVE", false);
    }

    @Override
    public void close() {
        if (shards != null) {
            shards.close();
        }
        KinesisClient c = client;
        client = null;
        if (c != null) {
            c.close();
        }
    }

    /**
     * Whether SDK clients built now speak CBOR to Kinesis. SDK v2 reads {@code aws.cborEnabled} (or
     * {@code CBOR_ENABLED}) when each client is built; there is no per-client option.
     */
    static boolean cborEnabled() {
        try {
            return SdkSystemSetting.CBOR_ENABLED.getBooleanValue().orElse(true);
        } catch (IllegalStateException e) {
            return true;
        }
    }

    private static String nameOfArn(String arn) {
        Matcher m = STREAM_ARN.matcher(arn);
        return m.matches() ? m.group(1) : arn;
    }

    /** Kinesis destination properties; {@link #build()} validates them all at once. */
    public static final class Builder {
        private AwsSettings aws;
        private Substitutions substitutions = new Substitutions();
        private String streamName;
        private String streamArn;
        private String partitionKey = "random";
        private boolean aggregation;
        private String compression = "none";
        private int compressionLevel = Compression.DEFAULT_LEVEL;
        private int maxRecordBytes = KinesisLimits.DEFAULT_MAX_RECORD_BYTES;
        private int maxRequestBytes = KinesisLimits.DEFAULT_MAX_REQUEST_BYTES;
        private int aggregationMaxBytes;
        private boolean autoCreate;
        private int shardCount;
        private boolean aggregateByShard = true;
        private Duration shardMapRefresh = StreamShards.REFRESH_INTERVAL;

        private Builder() {
        }

        /** How to reach AWS (required). */
        public Builder aws(AwsSettings value) {
            this.aws = value;
            return this;
        }

        /** Resolves placeholders in {@code streamName}, {@code streamArn} and a fixed {@code partitionKey}. */
        public Builder substitutions(Substitutions value) {
            this.substitutions = value;
            return this;
        }

        /** The stream's name; placeholders such as {@code {env:STAGE}} allowed. This or {@link #streamArn}. */
        public Builder streamName(String value) {
            this.streamName = value;
            return this;
        }

        /** The stream's ARN (e.g. another account's stream). This or {@link #streamName}. */
        public Builder streamArn(String value) {
            this.streamArn = value;
            return this;
        }

        /** {@code random} (default), a fixed key, {@code {log_type}}, {@code {mdc:KEY}} or {@code {kv:KEY}}. */
        public Builder partitionKey(String value) {
            this.partitionKey = value;
            return this;
        }

        /** Pack events into KPL aggregated records. */
        public Builder aggregation(boolean value) {
            this.aggregation = value;
            return this;
        }

        /** {@code none} (default) or {@code gzip}. */
        public Builder compression(String value) {
            this.compression = value;
            return this;
        }

        /** gzip level, 1 (fastest) .. 9 (smallest), default 6 (zlib's default); used with {@code gzip} only. */
        public Builder compressionLevel(int value) {
            this.compressionLevel = value;
            return this;
        }

        /** Largest record, data (after compression) plus partition key: 16 KiB .. 10 MiB, default 1 MiB. */
        public Builder maxRecordBytes(int value) {
            this.maxRecordBytes = value;
            return this;
        }

        /** Largest PutRecords call, partition keys included: maxRecordBytes .. 10 MiB, default 5 MiB. */
        public Builder maxRequestBytes(int value) {
            this.maxRequestBytes = value;
            return this;
        }

        /**
         * Size to fill an aggregate to, before compression: 0 (default) fills up to the record limit;
         * otherwise 1 KiB .. maxRecordBytes. A single larger event still gets an aggregate of its own.
         */
        public Builder aggregationMaxBytes(int value) {
            this.aggregationMaxBytes = value;
            return this;
        }

        /**
         * With aggregation and a per-event partition key: aggregate per shard (default true; needs
         * kinesis:ListShards, without which aggregates are made per key).
         */
        public Builder aggregateByShard(boolean value) {
            this.aggregateByShard = value;
            return this;
        }

        /** Time between two scheduled ListShards calls when aggregating by shard (tests). */
        Builder shardMapRefresh(Duration value) {
            this.shardMapRefresh = value;
            return this;
        }

        /** Create the stream when it does not exist (default false; needs kinesis:CreateStream). */
        public Builder autoCreate(boolean value) {
            this.autoCreate = value;
            return this;
        }

        /** Shards of a stream made by autoCreate; 0 (default) makes an on-demand stream. */
        public Builder shardCount(int value) {
            this.shardCount = value;
            return this;
        }

        /**
         * Validates every property and builds the destination.
         *
         * @throws ConfigException naming every invalid property
         */
        public KinesisDestination build() {
            ConfigException.Collector problems = new ConfigException.Collector();
            KinesisDestination d = build(problems);
            problems.throwIfAny();
            return d;
        }

        /** Validates every property into {@code problems}; the destination, or null when any is invalid. */
        public KinesisDestination build(ConfigException.Collector problems) {
            int before = problems.problems().size();
            if (aws == null) {
                throw new IllegalStateException("aws settings are required");
            }
            String name = resolve(problems, "streamName", streamName);
            String arn = resolve(problems, "streamArn", streamArn);
            if (name == null && arn == null && !has(streamName) && !has(streamArn)) {
                problems.add("streamName", "is required (or set streamArn)");
            } else if (name != null && arn != null) {
                problems.add("streamArn", "set streamName or streamArn, not both");
            }
            if (name != null && !STREAM_NAME.matcher(name).matches()) {
                problems.add("streamName", "'" + name + "' is not a stream name (1 to 128 of a-z A-Z 0-9 _ . -)");
            }
            if (arn != null && !STREAM_ARN.matcher(arn).matches()) {
                problems.add("streamArn", "'" + arn + "' is not a Kinesis stream ARN "
                        + "(arn:aws:kinesis:REGION:ACCOUNT:stream/NAME)");
            }
            PartitionKeys.Spec key = attempt(problems, () -> PartitionKeys.parse(partitionKey, substitutions));
            Compression comp = attempt(problems, () -> Compression.parse(compression));
            // Checked with or without gzip: a typo should not wait until someone turns compression on.
            attempt(problems, () -> Compression.checkLevel(compressionLevel));
            if (maxRecordBytes < KinesisLimits.MIN_RECORD_BYTES || maxRecordBytes > KinesisLimits.MAX_CONFIGURABLE_BYTES) {
                problems.add("maxRecordBytes", maxRecordBytes + " is out of range: " + KinesisLimits.MIN_RECORD_BYTES
                        + " .. " + KinesisLimits.MAX_CONFIGURABLE_BYTES + " (10 MiB, for streams with a raised "
                        + "MaxRecordSizeInKiB; the default stream allows 1048576)");
            }
            if (maxRequestBytes > KinesisLimits.MAX_CONFIGURABLE_BYTES) {
                problems.add("maxRequestBytes", maxRequestBytes + " is above the PutRecords maximum of "
                        + KinesisLimits.MAX_CONFIGURABLE_BYTES + " (10 MiB)");
            } else if (maxRequestBytes < maxRecordBytes || maxRequestBytes < KinesisLimits.MIN_RECORD_BYTES) {
                problems.add("maxRequestBytes", maxRequestBytes + " is below maxRecordBytes (" + maxRecordBytes
                        + "): a request must hold at least one record");
            }
            if (aggregationMaxBytes != 0 && (aggregationMaxBytes < KinesisLimits.MIN_AGGREGATE_BYTES
                    || aggregationMaxBytes > maxRecordBytes)) {
                problems.add("aggregationMaxBytes", aggregationMaxBytes + " is out of range: 0 (fill up to the record "
                        + "limit) or " + KinesisLimits.MIN_AGGREGATE_BYTES + " .. maxRecordBytes (" + maxRecordBytes + ")");
            }
            if (shardCount < 0) {
                problems.add("shardCount", shardCount + " is negative; use 0 for an on-demand stream");
            } else if (shardCount > 0 && !autoCreate) {
                problems.add("shardCount", "only applies with autoCreate=true (Logbeam never creates streams otherwise)");
            }
            if (autoCreate && name == null && arn != null) {
                problems.add("autoCreate", "needs streamName: a stream given by ARN is not created");
            }
            if (problems.problems().size() > before) {
                return null;
            }
            return new KinesisDestination(this, name, arn, key, comp);
        }

        private String resolve(ConfigException.Collector problems, String property, String value) {
            if (!has(value)) {
                return null;
            }
            return attempt(problems, () -> substitutions.resolve(property, value.trim()));
        }

        private static boolean has(String value) {
            return value != null && !value.isBlank();
        }

        private static <T> T attempt(ConfigException.Collector problems, Supplier<T> step) {
            try {
                return step.get();
            } catch (ConfigException e) {
                problems.addAll(e);
                return null;
            }
        }
    }
}

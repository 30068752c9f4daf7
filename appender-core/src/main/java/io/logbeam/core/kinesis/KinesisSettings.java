package io.logbeam.core.kinesis;

import io.logbeam.core.ConfigException;
import io.logbeam.core.Substitutions;
import io.logbeam.core.aws.AwsSettings;
import io.logbeam.core.config.AppenderSettings;
import io.logbeam.core.send.Destination;

/**
 * Properties of the Kinesis Data Streams appenders ({@code KinesisAppender}, {@code <Kinesis>}). All are
 * validated at start by {@link KinesisDestination.Builder}; an invalid one stops the appender from starting
 * with a message naming it. See {@code docs/kinesis.md}.
 */
public final class KinesisSettings extends AppenderSettings {

    /** Default per-record limit: data plus partition key. */
    public static final int DEFAULT_MAX_RECORD_BYTES = KinesisLimits.DEFAULT_MAX_RECORD_BYTES;
    /** Default per-request limit. */
    public static final int DEFAULT_MAX_REQUEST_BYTES = KinesisLimits.DEFAULT_MAX_REQUEST_BYTES;

    private String streamName;
    private String streamArn;
    private String partitionKey = "random";
    private boolean aggregation;
    private String compression = "none";
    private int compressionLevel = Compression.DEFAULT_LEVEL;
    private int maxRecordBytes = DEFAULT_MAX_RECORD_BYTES;
    private int maxRequestBytes = DEFAULT_MAX_REQUEST_BYTES;
    private int aggregationMaxBytes;
    private boolean autoCreate;
    private int shardCount;

    @Override
    protected Destination createDestination(AwsSettings aws, Substitutions substitutions,
            ConfigException.Collector problems) {
        return KinesisDestination.builder().aws(aws).substitutions(substitutions).streamName(streamName)
                .streamArn(streamArn).partitionKey(partitionKey).aggregation(aggregation).compression(compression)
                .compressionLevel(compressionLevel).maxRecordBytes(maxRecordBytes).maxRequestBytes(maxRequestBytes)
                .aggregationMaxBytes(aggregationMaxBytes).autoCreate(autoCreate).shardCount(shardCount)
                .build(problems);
    }

    /** The stream to write to (required unless {@code streamArn} is set); placeholders such as {@code {env:STAGE}} allowed. */
    public void setStreamName(String value) {
        this.streamName = value;
    }

    /** The stream's ARN instead of its name, e.g. for a stream of another account (needs a resource policy there). */
    public void setStreamArn(String value) {
        this.streamArn = value;
    }

    /**
     * How records are keyed: {@code random} (default; even spread over shards, no order),
     * {@code {log_type}}, {@code {mdc:KEY}} or {@code {kv:KEY}} (ordered per value; random when absent), or a
     * fixed key (one shard, fully ordered, capped at that shard's 1 MiB/s and 1,000 records/s).
     */
    public void setPartitionKey(String value) {
        this.partitionKey = value;
    }

    /** Pack many events into KPL-format aggregated records (default false); consumers de-aggregate (KCL does). */
    public void setAggregation(boolean value) {
        this.aggregation = value;
    }

    /** {@code none} (default) or {@code gzip}, applied to each record's data (plain or aggregated). */
    public void setCompression(String value) {
        this.compression = value;
    }

    /**
     * gzip level with {@code compression=gzip}: 1 (fastest) .. 9 (smallest); default 6, zlib's default. Level 1
     * costs the consumer thread several times less CPU for somewhat larger records (see {@code docs/kinesis.md}).
     * Ignored without gzip.
     */
    public void setCompressionLevel(int value) {
        this.compressionLevel = value;
    }

    /** Largest record, data plus partition key (default 1 MiB; up to 10 MiB for streams with a raised MaxRecordSizeInKiB). */
    public void setMaxRecordBytes(int value) {
        this.maxRecordBytes = value;
    }

    /** Largest PutRecords request (default 5 MiB; up to 10 MiB, at least maxRecordBytes). */
    public void setMaxRequestBytes(int value) {
        this.maxRequestBytes = value;
    }

    /**
     * With aggregation: size to fill each aggregate to before compression (default 0: up to the record limit;
     * otherwise 1024 .. maxRecordBytes). Smaller aggregates lower consumer memory and latency per record.
     */
    public void setAggregationMaxBytes(int value) {
        this.aggregationMaxBytes = value;
    }

    /** Create the stream if it does not exist (default false: Logbeam never creates streams unless asked). */
    public void setAutoCreate(boolean value) {
        this.autoCreate = value;
    }

    /** With autoCreate: shards of the new stream; 0 (default) creates an on-demand stream. */
    public void setShardCount(int value) {
        this.shardCount = value;
    }

    String streamName() {
        return streamName;
    }

    String partitionKey() {
        return partitionKey;
    }

    boolean aggregation() {
        return aggregation;
    }

    String compression() {
        return compression;
    }

    int maxRecordBytes() {
        return maxRecordBytes;
    }

    int maxRequestBytes() {
        return maxRequestBytes;
    }
}

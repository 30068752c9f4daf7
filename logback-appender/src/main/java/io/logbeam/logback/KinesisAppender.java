package io.logbeam.logback;

import io.logbeam.core.kinesis.KinesisSettings;

/**
 * Ships JSON log events to a Kinesis Data Streams stream.
 *
 * <pre>{@code
 * <appender name="KINESIS" class="io.logbeam.logback.KinesisAppender">
 *   <streamName>app-logs</streamName>
 *   <logType>orders</logType>
 *   <region>eu-west-1</region>
 * </appender>
 * }</pre>
 *
 * Besides the shared properties of {@link LogbeamAppenderBase}: {@code streamName} (or {@code streamArn}),
 * {@code partitionKey}, {@code aggregation}, {@code compression}, {@code compressionLevel}, {@code maxRecordBytes},
 * {@code maxRequestBytes}, {@code aggregationMaxBytes}, {@code autoCreate}, {@code shardCount}. See
 * {@code docs/configuration.md} and {@code docs/kinesis.md}.
 */
public class KinesisAppender extends LogbeamAppenderBase<KinesisSettings> {

    /** An appender with every property at its default. */
    public KinesisAppender() {
        super(new KinesisSettings());
    }

    /** The stream to write to (required unless {@code streamArn} is set); placeholders such as {@code {env:STAGE}} allowed. */
    public void setStreamName(String value) {
        settings.setStreamName(value);
    }

    /** The stream's ARN instead of its name, e.g. for a stream of another account (needs a resource policy there). */
    public void setStreamArn(String value) {
        settings.setStreamArn(value);
    }

    /**
     * {@code random} (default; even spread, no order), {@code {log_type}}, {@code {mdc:KEY}} or {@code {kv:KEY}}
     * (ordered per value), or a fixed key (one shard, fully ordered).
     */
    public void setPartitionKey(String value) {
        settings.setPartitionKey(value);
    }

    /** Pack many events into KPL-format aggregated records (default false). */
    public void setAggregation(boolean value) {
        settings.setAggregation(value);
    }

    /** {@code none} (default) or {@code gzip}, applied to each record's data. */
    public void setCompression(String value) {
        settings.setCompression(value);
    }

    /** gzip level with {@code compression=gzip}: 1 (fastest) .. 9 (smallest), default 6; ignored without gzip. */
    public void setCompressionLevel(int value) {
        settings.setCompressionLevel(value);
    }

    /** Largest record, data plus partition key (default 1 MiB; raise for streams with a larger MaxRecordSizeInKiB). */
    public void setMaxRecordBytes(int value) {
        settings.setMaxRecordBytes(value);
    }

    /** Largest PutRecords request (default 5 MiB; up to 10 MiB, at least maxRecordBytes). */
    public void setMaxRequestBytes(int value) {
        settings.setMaxRequestBytes(value);
    }

    /** With aggregation: size to fill each aggregate to before compression (default 0: up to the record limit). */
    public void setAggregationMaxBytes(int value) {
        settings.setAggregationMaxBytes(value);
    }

    /** Create the stream if it does not exist (default false). */
    public void setAutoCreate(boolean value) {
        settings.setAutoCreate(value);
    }

    /** With autoCreate: shards of the new stream; 0 (default) creates an on-demand stream. */
    public void setShardCount(int value) {
        settings.setShardCount(value);
    }
}

package io.logbeam.logback;

import io.logbeam.core.config.DestinationTypes;
import io.logbeam.core.config.PropertyTable;

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
 * {@code maxRequestBytes}, {@code aggregationMaxBytes}, {@code aggregateByShard}, {@code autoCreate},
 * {@code shardCount}. See
 * {@link PropertyTable} ({@code docs/configuration.md}) and {@code docs/kinesis.md}.
 */
public class KinesisAppender extends LogbeamAppenderBase {

    /** An appender with every property at its default. */
    public KinesisAppender() {
        super(DestinationTypes.KINESIS);
    }

    /** {@link PropertyTable#STREAM_NAME streamName}. */
    public void setStreamName(String value) {
        set(PropertyTable.STREAM_NAME, value);
    }

    /** {@link PropertyTable#STREAM_ARN streamArn}. */
    public void setStreamArn(String value) {
        set(PropertyTable.STREAM_ARN, value);
    }

    /** {@link PropertyTable#PARTITION_KEY partitionKey}. */
    public void setPartitionKey(String value) {
        set(PropertyTable.PARTITION_KEY, value);
    }

    /** {@link PropertyTable#AGGREGATION aggregation}. */
    public void setAggregation(String value) {
        set(PropertyTable.AGGREGATION, value);
    }

    /** {@link PropertyTable#COMPRESSION compression}. */
    public void setCompression(String value) {
        set(PropertyTable.COMPRESSION, value);
    }

    /** {@link PropertyTable#COMPRESSION_LEVEL compressionLevel}. */
    public void setCompressionLevel(String value) {
        set(PropertyTable.COMPRESSION_LEVEL, value);
    }

    /** {@link PropertyTable#KINESIS_MAX_RECORD_BYTES maxRecordBytes}. */
    public void setMaxRecordBytes(String value) {
        set(PropertyTable.KINESIS_MAX_RECORD_BYTES, value);
    }

    /** {@link PropertyTable#MAX_REQUEST_BYTES maxRequestBytes}. */
    public void setMaxRequestBytes(String value) {
        set(PropertyTable.MAX_REQUEST_BYTES, value);
    }

    /** {@link PropertyTable#AGGREGATION_MAX_BYTES aggregationMaxBytes}. */
    public void setAggregationMaxBytes(String value) {
        set(PropertyTable.AGGREGATION_MAX_BYTES, value);
    }

    /** {@link PropertyTable#AGGREGATE_BY_SHARD aggregateByShard}. */
    public void setAggregateByShard(String value) {
        set(PropertyTable.AGGREGATE_BY_SHARD, value);
    }

    /** {@link PropertyTable#AUTO_CREATE autoCreate}. */
    public void setAutoCreate(String value) {
        set(PropertyTable.AUTO_CREATE, value);
    }

    /** {@link PropertyTable#SHARD_COUNT shardCount}. */
    public void setShardCount(String value) {
        set(PropertyTable.SHARD_COUNT, value);
    }
}

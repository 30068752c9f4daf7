package io.logbeam.log4j2;

import io.logbeam.core.config.DestinationType;
import io.logbeam.core.config.DestinationTypes;
import io.logbeam.core.config.PropertyTable;


import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.Core;
import org.apache.logging.log4j.core.config.plugins.Plugin;
import org.apache.logging.log4j.core.config.plugins.PluginBuilderAttribute;
import org.apache.logging.log4j.core.config.plugins.PluginBuilderFactory;

/**
 * The {@code <Kinesis>} appender: ships JSON events to a Kinesis Data Streams stream with PutRecords.
 *
 * <p>Attributes: the shared ones of {@link LogbeamAppender.Builder} plus {@code streamName}, {@code streamArn}, {@code partitionKey}, {@code aggregation}, {@code compression}, {@code compressionLevel}, {@code maxRecordBytes}, {@code maxRequestBytes}, {@code aggregationMaxBytes}, {@code aggregateByShard}, {@code autoCreate}, {@code shardCount}; see
 * {@code docs/configuration.md}.
 */
@Plugin(name = KinesisAppender.ELEMENT, category = Core.CATEGORY_NAME, elementType = Appender.ELEMENT_TYPE, printObject = true)
public final class KinesisAppender extends LogbeamAppender {

    /** The element name in {@code log4j2.xml}. */
    public static final String ELEMENT = "Kinesis";

    private KinesisAppender(Builder builder, Started started) {
        super(builder, started);
    }

    /** A builder, used by Log4j2 for each {@code <Kinesis>} element. */
    @PluginBuilderFactory
    public static Builder newBuilder() {
        return new Builder();
    }

    /** Builds a {@link KinesisAppender}; see the class documentation for its attributes. */
    public static final class Builder extends LogbeamAppender.Builder<Builder>
            implements org.apache.logging.log4j.core.util.Builder<KinesisAppender> {

        @PluginBuilderAttribute
        private String streamName;
        @PluginBuilderAttribute
        private String streamArn;
        @PluginBuilderAttribute
        private String partitionKey;
        @PluginBuilderAttribute
        private String aggregation;
        @PluginBuilderAttribute
        private String compression;
        @PluginBuilderAttribute
        private String compressionLevel;
        @PluginBuilderAttribute
        private String maxRecordBytes;
        @PluginBuilderAttribute
        private String maxRequestBytes;
        @PluginBuilderAttribute
        private String aggregationMaxBytes;
        @PluginBuilderAttribute
        private String aggregateByShard;
        @PluginBuilderAttribute
        private String autoCreate;
        @PluginBuilderAttribute
        private String shardCount;

        Builder() {
        }

        /** See {@link PropertyTable#STREAM_NAME}. */
        public Builder setStreamName(String value) {
            this.streamName = value;
            return asBuilder();
        }

        /** See {@link PropertyTable#STREAM_ARN}. */
        public Builder setStreamArn(String value) {
            this.streamArn = value;
            return asBuilder();
        }

        /** See {@link PropertyTable#PARTITION_KEY}. */
        public Builder setPartitionKey(String value) {
            this.partitionKey = value;
            return asBuilder();
        }

        /** See {@link PropertyTable#AGGREGATION}. */
        public Builder setAggregation(boolean value) {
            this.aggregation = String.valueOf(value);
            return asBuilder();
        }

        /** See {@link PropertyTable#COMPRESSION}. */
        public Builder setCompression(String value) {
            this.compression = value;
            return asBuilder();
        }

        /** See {@link PropertyTable#COMPRESSION_LEVEL}. */
        public Builder setCompressionLevel(int value) {
            this.compressionLevel = String.valueOf(value);
            return asBuilder();
        }

        /** See {@link PropertyTable#KINESIS_MAX_RECORD_BYTES}. */
        public Builder setMaxRecordBytes(int value) {
            this.maxRecordBytes = String.valueOf(value);
            return asBuilder();
        }

        /** See {@link PropertyTable#MAX_REQUEST_BYTES}. */
        public Builder setMaxRequestBytes(int value) {
            this.maxRequestBytes = String.valueOf(value);
            return asBuilder();
        }

        /** See {@link PropertyTable#AGGREGATION_MAX_BYTES}. */
        public Builder setAggregationMaxBytes(int value) {
            this.aggregationMaxBytes = String.valueOf(value);
            return asBuilder();
        }

        /** See {@link PropertyTable#AGGREGATE_BY_SHARD}. */
        public Builder setAggregateByShard(boolean value) {
            this.aggregateByShard = String.valueOf(value);
            return asBuilder();
        }

        /** See {@link PropertyTable#AUTO_CREATE}. */
        public Builder setAutoCreate(boolean value) {
            this.autoCreate = String.valueOf(value);
            return asBuilder();
        }

        /** See {@link PropertyTable#SHARD_COUNT}. */
        public Builder setShardCount(int value) {
            this.shardCount = String.valueOf(value);
            return asBuilder();
        }

        @Override
        DestinationType type() {
            return DestinationTypes.KINESIS;
        }

        /** The appender, or null (after status-logger errors naming each invalid attribute). */
        @Override
        public KinesisAppender build() {
            Started started = start(ELEMENT);
            return started == null ? null : new KinesisAppender(this, started);
        }
    }
}

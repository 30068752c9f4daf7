package io.logbeam.core.config;

import static io.logbeam.core.config.PropertyTable.AGGREGATE_BY_SHARD;
import static io.logbeam.core.config.PropertyTable.AGGREGATION;
import static io.logbeam.core.config.PropertyTable.AGGREGATION_MAX_BYTES;
import static io.logbeam.core.config.PropertyTable.AUTO_CREATE;
import static io.logbeam.core.config.PropertyTable.COMPRESSION;
import static io.logbeam.core.config.PropertyTable.COMPRESSION_LEVEL;
import static io.logbeam.core.config.PropertyTable.CREATE_LOG_GROUP;
import static io.logbeam.core.config.PropertyTable.CREATE_LOG_STREAM;
import static io.logbeam.core.config.PropertyTable.DELIVERY_STREAM_NAME;
import static io.logbeam.core.config.PropertyTable.FIREHOSE_MAX_RECORD_BYTES;
import static io.logbeam.core.config.PropertyTable.KINESIS_MAX_RECORD_BYTES;
import static io.logbeam.core.config.PropertyTable.LOG_GROUP;
import static io.logbeam.core.config.PropertyTable.LOG_GROUP_CLASS;
import static io.logbeam.core.config.PropertyTable.LOG_STREAM;
import static io.logbeam.core.config.PropertyTable.MAX_EVENT_BYTES;
import static io.logbeam.core.config.PropertyTable.MAX_REQUEST_BYTES;
import static io.logbeam.core.config.PropertyTable.PACK_RECORDS;
import static io.logbeam.core.config.PropertyTable.PARTITION_KEY;
import static io.logbeam.core.config.PropertyTable.RETENTION_DAYS;
import static io.logbeam.core.config.PropertyTable.SHARD_COUNT;
import static io.logbeam.core.config.PropertyTable.STREAM_ARN;
import static io.logbeam.core.config.PropertyTable.STREAM_NAME;

import io.logbeam.core.aws.AwsSettings;
import io.logbeam.core.cloudwatch.CloudWatchLogsDestination;
import io.logbeam.core.destination.Destination;
import io.logbeam.core.firehose.FirehoseDestination;
import io.logbeam.core.kinesis.KinesisDestination;
import io.logbeam.core.util.ConfigException;
import io.logbeam.core.util.Substitutions;

import java.util.List;

/**
 * The three AWS destinations: the only place that knows all of them. Each reads its properties and hands them to
 * its destination's own builder, which holds the service's limits and rules.
 */
public final class DestinationTypes {

    /** Kinesis Data Streams ({@code KinesisAppender}, {@code <Kinesis>}); see {@code docs/kinesis.md}. */
    public static final DestinationType KINESIS = new DestinationType() {
        @Override
        public List<Property> properties() {
            return PropertyTable.KINESIS;
        }

        @Override
        public Destination create(PropertyReader values, AwsSettings aws, Substitutions substitutions) {
            return KinesisDestination.builder().aws(aws).substitutions(substitutions).streamName(values.text(STREAM_NAME))
                    .streamArn(values.text(STREAM_ARN)).partitionKey(values.text(PARTITION_KEY))
                    .aggregation(values.flag(AGGREGATION)).compression(values.text(COMPRESSION))
                    .compressionLevel(values.wholeNumber(COMPRESSION_LEVEL))
                    .maxRecordBytes(values.bytesAsInt(KINESIS_MAX_RECORD_BYTES))
                    .maxRequestBytes(values.bytesAsInt(MAX_REQUEST_BYTES))
                    .aggregationMaxBytes(values.bytesAsInt(AGGREGATION_MAX_BYTES))
                    .aggregateByShard(values.flag(AGGREGATE_BY_SHARD)).autoCreate(values.flag(AUTO_CREATE))
                    .shardCount(values.wholeNumber(SHARD_COUNT)).build(values.problems());
        }

        @Override
        public String toString() {
            return "Kinesis";
        }
    };

    /** Kinesis Data Firehose ({@code FirehoseAppender}, {@code <Firehose>}); see {@code docs/firehose.md}. */
    public static final DestinationType FIREHOSE = new DestinationType() {
        @Override
        public List<Property> properties() {
            return PropertyTable.FIREHOSE;
        }

        @Override
        public Destination create(PropertyReader values, AwsSettings aws, Substitutions substitutions) {
            return FirehoseDestination.create(values.text(DELIVERY_STREAM_NAME), values.flag(PACK_RECORDS),
                    values.bytesAsInt(FIREHOSE_MAX_RECORD_BYTES), aws, substitutions, values.problems());
        }

        @Override
        public String toString() {
            return "Firehose";
        }
    };

    /** CloudWatch Logs ({@code CloudWatchLogsAppender}, {@code <CloudWatchLogs>}); see {@code docs/cloudwatch-logs.md}. */
    public static final DestinationType CLOUDWATCH_LOGS = new DestinationType() {
        @Override
        public List<Property> properties() {
            return PropertyTable.CLOUDWATCH_LOGS;
        }

        @Override
        public Destination create(PropertyReader values, AwsSettings aws, Substitutions substitutions) {
            ConfigException.Collector problems = values.problems();
            String group = values.nonBlank(LOG_GROUP);
            if (group == null) {
                problems.add(LOG_GROUP.name(), "is required");
            }
            String stream = values.nonBlank(LOG_STREAM);
            if (stream == null) {
                problems.add(LOG_STREAM.name(), "must not be empty (default " + LOG_STREAM.defaultValue() + ")");
            }
            // Placeholders are resolved once, here; the name rules apply to the result.
            String resolvedGroup = group == null ? null
                    : values.attempt(() -> substitutions.resolve(LOG_GROUP.name(), group));
            String resolvedStream = stream == null ? null
                    : values.attempt(() -> substitutions.resolve(LOG_STREAM.name(), stream));
            // A name already reported stands in as a valid one, so the other properties are still checked.
            CloudWatchLogsDestination.Builder builder = CloudWatchLogsDestination.builder(aws)
                    .logGroup(resolvedGroup == null ? "unresolved" : resolvedGroup)
                    .logStream(resolvedStream == null ? "unresolved" : resolvedStream)
                    .createLogGroup(values.flag(CREATE_LOG_GROUP)).createLogStream(values.flag(CREATE_LOG_STREAM))
                    .retentionDays(values.optionalWholeNumber(RETENTION_DAYS)).logGroupClass(values.text(LOG_GROUP_CLASS))
                    .maxEventBytes(values.bytesAsInt(MAX_EVENT_BYTES));
            CloudWatchLogsDestination destination = values.attempt(builder::build);
            return resolvedGroup == null || resolvedStream == null ? null : destination;
        }

        @Override
        public String toString() {
            return "CloudWatchLogs";
        }
    };

    private DestinationTypes() {
    }
}

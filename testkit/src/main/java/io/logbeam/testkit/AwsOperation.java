package io.logbeam.testkit;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The operations {@link LocalAwsEndpoint} understands, keyed by the {@code X-Amz-Target} header the AWS SDKs send.
 *
 * <p>Used to scope fault rules ({@link Faults}) and to read per-operation counters ({@link RequestStats}).
 */
public enum AwsOperation {
    KINESIS_PUT_RECORDS(Service.KINESIS, "PutRecords"),
    KINESIS_PUT_RECORD(Service.KINESIS, "PutRecord"),
    KINESIS_CREATE_STREAM(Service.KINESIS, "CreateStream"),
    KINESIS_DESCRIBE_STREAM(Service.KINESIS, "DescribeStream"),
    KINESIS_DESCRIBE_STREAM_SUMMARY(Service.KINESIS, "DescribeStreamSummary"),
    KINESIS_LIST_SHARDS(Service.KINESIS, "ListShards"),
    KINESIS_GET_SHARD_ITERATOR(Service.KINESIS, "GetShardIterator"),
    KINESIS_GET_RECORDS(Service.KINESIS, "GetRecords"),
    KINESIS_DELETE_STREAM(Service.KINESIS, "DeleteStream"),
    KINESIS_LIST_STREAMS(Service.KINESIS, "ListStreams"),

    FIREHOSE_PUT_RECORD_BATCH(Service.FIREHOSE, "PutRecordBatch"),
    FIREHOSE_PUT_RECORD(Service.FIREHOSE, "PutRecord"),
    FIREHOSE_CREATE_DELIVERY_STREAM(Service.FIREHOSE, "CreateDeliveryStream"),
    FIREHOSE_DESCRIBE_DELIVERY_STREAM(Service.FIREHOSE, "DescribeDeliveryStream"),
    FIREHOSE_DELETE_DELIVERY_STREAM(Service.FIREHOSE, "DeleteDeliveryStream"),

    LOGS_CREATE_LOG_GROUP(Service.LOGS, "CreateLogGroup"),
    LOGS_CREATE_LOG_STREAM(Service.LOGS, "CreateLogStream"),
    LOGS_DESCRIBE_LOG_STREAMS(Service.LOGS, "DescribeLogStreams"),
    LOGS_DESCRIBE_LOG_GROUPS(Service.LOGS, "DescribeLogGroups"),
    LOGS_PUT_LOG_EVENTS(Service.LOGS, "PutLogEvents"),
    LOGS_GET_LOG_EVENTS(Service.LOGS, "GetLogEvents"),
    LOGS_FILTER_LOG_EVENTS(Service.LOGS, "FilterLogEvents"),
    LOGS_PUT_RETENTION_POLICY(Service.LOGS, "PutRetentionPolicy"),
    LOGS_DELETE_LOG_GROUP(Service.LOGS, "DeleteLogGroup"),
    LOGS_DELETE_LOG_STREAM(Service.LOGS, "DeleteLogStream");

    /** The three emulated services and the target prefix of their JSON protocol version. */
    public enum Service {
        KINESIS("Kinesis_20131202"),
        FIREHOSE("Firehose_20150804"),
        LOGS("Logs_20140328");

        private final String targetPrefix;

        Service(String targetPrefix) {
            this.targetPrefix = targetPrefix;
        }

        /** The part of {@code X-Amz-Target} before the dot, e.g. {@code Kinesis_20131202}. */
        public String targetPrefix() {
            return targetPrefix;
        }
    }

    /**
     * The data-plane writes that fault rules apply to unless told otherwise, so that a test can still read back
     * what was stored while faults are active.
     */
    public static final Set<AwsOperation> DATA_PLANE_PUTS = Set.copyOf(EnumSet.of(
            KINESIS_PUT_RECORDS, KINESIS_PUT_RECORD, FIREHOSE_PUT_RECORD_BATCH, FIREHOSE_PUT_RECORD,
            LOGS_PUT_LOG_EVENTS));

    private final Service service;
    private final String operationName;

    AwsOperation(Service service, String operationName) {
        this.service = service;
        this.operationName = operationName;
    }

    /** The service this operation belongs to. */
    public Service service() {
        return service;
    }

    /** The bare operation name, e.g. {@code PutRecords}. */
    public String operationName() {
        return operationName;
    }

    /** The full {@code X-Amz-Target} header value, e.g. {@code Kinesis_20131202.PutRecords}. */
    public String target() {
        return service.targetPrefix() + "." + operationName;
    }

    /** Looks an operation up by its {@code X-Amz-Target} header value. */
    public static Optional<AwsOperation> fromTarget(String target) {
        if (target == null) {
            return Optional.empty();
        }
        for (AwsOperation operation : values()) {
            if (operation.target().equals(target.trim())) {
                return Optional.of(operation);
            }
        }
        return Optional.empty();
    }
}

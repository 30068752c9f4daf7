package io.logbeam.core.kinesis;

import io.logbeam.core.ConfigException;
import io.logbeam.core.Substitutions;
import io.logbeam.core.aws.AwsSettings;
import io.logbeam.core.config.AppenderSettings;
import io.logbeam.core.send.Destination;

/**
 * Properties of the Kinesis Data Streams appenders ({@code KinesisAppender}, {@code <Kinesis>}).
 */
public final class KinesisSettings extends AppenderSettings {

    /** Default per-record limit: data plus partition key. */
    public static final int DEFAULT_MAX_RECORD_BYTES = 1024 * 1024;
    /** Default per-request limit. */
    public static final int DEFAULT_MAX_REQUEST_BYTES = 5 * 1024 * 1024;

    private String streamName;
    private String partitionKey = "random";
    private boolean aggregation;
    private String compression = "none";
    private int maxRecordBytes = DEFAULT_MAX_RECORD_BYTES;
    private int maxRequestBytes = DEFAULT_MAX_REQUEST_BYTES;

    @Override
    protected Destination createDestination(AwsSettings aws, Substitutions substitutions,
            ConfigException.Collector problems) {
        // Filled in by the Kinesis destination issue.
        problems.require(blankToNull(streamName) != null, "streamName", "is required");
        return null;
    }

    /** The stream to write to (required); placeholders such as {@code {env:STAGE}} allowed. */
    public void setStreamName(String value) {
        this.streamName = value;
    }

    /** {@code random} (default), {@code {log_type}}, {@code {mdc:KEY}}, {@code {kv:KEY}} or a fixed key. */
    public void setPartitionKey(String value) {
        this.partitionKey = value;
    }

    /** Pack many events into KPL-format aggregated records (default false). */
    public void setAggregation(boolean value) {
        this.aggregation = value;
    }

    /** {@code none} (default) or {@code gzip}, applied to each record's data. */
    public void setCompression(String value) {
        this.compression = value;
    }

    /** Largest record, data plus partition key (default 1 MiB; raise for streams with a larger MaxRecordSizeInKiB). */
    public void setMaxRecordBytes(int value) {
        this.maxRecordBytes = value;
    }

    /** Largest PutRecords request (default 5 MiB). */
    public void setMaxRequestBytes(int value) {
        this.maxRequestBytes = value;
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

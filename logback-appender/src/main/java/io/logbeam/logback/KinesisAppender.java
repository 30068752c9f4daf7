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
 * Besides the shared properties of {@link LogbeamAppenderBase}: {@code streamName} (required),
 * {@code partitionKey}, {@code aggregation}, {@code compression}, {@code maxRecordBytes},
 * {@code maxRequestBytes}. See {@code docs/configuration.md}.
 */
public class KinesisAppender extends LogbeamAppenderBase<KinesisSettings> {

    /** An appender with every property at its default. */
    public KinesisAppender() {
        super(new KinesisSettings());
    }

    /** The stream to write to (required); placeholders such as {@code {env:STAGE}} allowed. */
    public void setStreamName(String value) {
        settings.setStreamName(value);
    }

    /** {@code random} (default), {@code {log_type}}, {@code {mdc:KEY}}, {@code {kv:KEY}} or a fixed key. */
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

    /** Largest record, data plus partition key (default 1 MiB; raise for streams with a larger MaxRecordSizeInKiB). */
    public void setMaxRecordBytes(int value) {
        settings.setMaxRecordBytes(value);
    }

    /** Largest PutRecords request (default 5 MiB). */
    public void setMaxRequestBytes(int value) {
        settings.setMaxRequestBytes(value);
    }
}

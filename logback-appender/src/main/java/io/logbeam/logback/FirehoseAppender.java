package io.logbeam.logback;

import io.logbeam.core.firehose.FirehoseSettings;

/**
 * Ships JSON log events, one NDJSON line each, to a Kinesis Data Firehose delivery stream.
 *
 * <pre>{@code
 * <appender name="FIREHOSE" class="io.logbeam.logback.FirehoseAppender">
 *   <deliveryStreamName>app-logs-to-s3</deliveryStreamName>
 *   <region>eu-west-1</region>
 * </appender>
 * }</pre>
 *
 * Besides the shared properties of {@link LogbeamAppenderBase}: {@code deliveryStreamName} (required),
 * {@code packRecords}, {@code maxRecordBytes}. See {@code docs/configuration.md}.
 */
public class FirehoseAppender extends LogbeamAppenderBase<FirehoseSettings> {

    /** An appender with every property at its default. */
    public FirehoseAppender() {
        super(new FirehoseSettings());
    }

    /** The delivery stream to write to (required). */
    public void setDeliveryStreamName(String value) {
        settings.setDeliveryStreamName(value);
    }

    /** Pack several NDJSON lines into one record, up to {@code maxRecordBytes} (default false). */
    public void setPackRecords(boolean value) {
        settings.setPackRecords(value);
    }

    /** Largest record (default and maximum 1,000 KiB). */
    public void setMaxRecordBytes(int value) {
        settings.setMaxRecordBytes(value);
    }
}

package io.logbeam.logback;

import io.logbeam.core.config.DestinationTypes;
import io.logbeam.core.config.PropertyTable;

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
 * {@code packRecords}, {@code maxRecordBytes}. See {@link PropertyTable} ({@code docs/configuration.md}).
 */
public class FirehoseAppender extends LogbeamAppenderBase {

    /** An appender with every property at its default. */
    public FirehoseAppender() {
        super(DestinationTypes.FIREHOSE);
    }

    /** {@link PropertyTable#DELIVERY_STREAM_NAME deliveryStreamName}. */
    public void setDeliveryStreamName(String value) {
        set(PropertyTable.DELIVERY_STREAM_NAME, value);
    }

    /** {@link PropertyTable#PACK_RECORDS packRecords}. */
    public void setPackRecords(String value) {
        set(PropertyTable.PACK_RECORDS, value);
    }

    /** {@link PropertyTable#FIREHOSE_MAX_RECORD_BYTES maxRecordBytes}. */
    public void setMaxRecordBytes(String value) {
        set(PropertyTable.FIREHOSE_MAX_RECORD_BYTES, value);
    }
}

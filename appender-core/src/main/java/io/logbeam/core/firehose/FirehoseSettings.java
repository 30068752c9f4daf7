package io.logbeam.core.firehose;

import io.logbeam.core.ConfigException;
import io.logbeam.core.Substitutions;
import io.logbeam.core.aws.AwsSettings;
import io.logbeam.core.config.AppenderSettings;
import io.logbeam.core.send.Destination;

/**
 * Properties of the Kinesis Data Firehose appenders ({@code FirehoseAppender}, {@code <Firehose>}).
 */
public final class FirehoseSettings extends AppenderSettings {

    /** The service's record limit: 1,000 KiB. */
    public static final int DEFAULT_MAX_RECORD_BYTES = 1000 * 1024;

    private String deliveryStreamName;
    private boolean packRecords;
    private int maxRecordBytes = DEFAULT_MAX_RECORD_BYTES;

    @Override
    protected Destination createDestination(AwsSettings aws, Substitutions substitutions,
            ConfigException.Collector problems) {
        // Filled in by the Firehose destination issue.
        problems.require(blankToNull(deliveryStreamName) != null, "deliveryStreamName", "is required");
        return null;
    }

    /** The delivery stream to write to (required). */
    public void setDeliveryStreamName(String value) {
        this.deliveryStreamName = value;
    }

    /** Pack several NDJSON lines into one record, up to {@code maxRecordBytes} (default false). */
    public void setPackRecords(boolean value) {
        this.packRecords = value;
    }

    /** Largest record (default and maximum 1,000 KiB). */
    public void setMaxRecordBytes(int value) {
        this.maxRecordBytes = value;
    }

    String deliveryStreamName() {
        return deliveryStreamName;
    }

    boolean packRecords() {
        return packRecords;
    }

    int maxRecordBytes() {
        return maxRecordBytes;
    }
}

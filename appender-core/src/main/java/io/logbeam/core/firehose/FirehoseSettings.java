package io.logbeam.core.firehose;

import io.logbeam.core.ConfigException;
import io.logbeam.core.Substitutions;
import io.logbeam.core.aws.AwsSettings;
import io.logbeam.core.config.AppenderSettings;
import io.logbeam.core.send.Destination;

import java.util.regex.Pattern;

/**
 * Properties of the Kinesis Data Firehose appenders ({@code FirehoseAppender}, {@code <Firehose>}): the
 * shared ones of {@link AppenderSettings} plus {@code deliveryStreamName}, {@code packRecords} and
 * {@code maxRecordBytes}. Every event is written as one compact JSON object followed by {@code '\n'}
 * (NDJSON); see {@code docs/firehose.md}.
 */
public final class FirehoseSettings extends AppenderSettings {

    /** The service's record limit: 1,000 KiB. */
    public static final int DEFAULT_MAX_RECORD_BYTES = FirehoseLimits.MAX_RECORD_BYTES;

    private static final Pattern STREAM_NAME = Pattern.compile("[a-zA-Z0-9_.-]+");

    private String deliveryStreamName;
    private boolean packRecords;
    private int maxRecordBytes = DEFAULT_MAX_RECORD_BYTES;

    @Override
    protected Destination createDestination(AwsSettings aws, Substitutions substitutions,
            ConfigException.Collector problems) {
        int before = problems.problems().size();
        String stream = resolveStreamName(substitutions, problems);
        if (maxRecordBytes < FirehoseLimits.MIN_RECORD_BYTES || maxRecordBytes > FirehoseLimits.MAX_RECORD_BYTES) {
            problems.add("maxRecordBytes", "must be between " + FirehoseLimits.MIN_RECORD_BYTES + " and "
                    + FirehoseLimits.MAX_RECORD_BYTES + " (1,000 KiB, the Firehose record limit), was " + maxRecordBytes);
        }
        if (problems.problems().size() > before) {
            return null;
        }
        return new FirehoseDestination(stream, packRecords, maxRecordBytes, aws);
    }

    private String resolveStreamName(Substitutions substitutions, ConfigException.Collector problems) {
        String raw = blankToNull(deliveryStreamName);
        if (raw == null) {
            problems.add("deliveryStreamName", "is required: the name of a DirectPut delivery stream");
            return null;
        }
        String name;
        try {
            name = substitutions.resolve("deliveryStreamName", raw);
        } catch (ConfigException e) {
            problems.addAll(e);
            return null;
        }
        // The service's own constraints, checked now rather than as a refused request later.
        if (name.isEmpty() || name.length() > 64 || !STREAM_NAME.matcher(name).matches()) {
            problems.add("deliveryStreamName", "'" + name + "'" + (name.equals(raw) ? "" : " (from '" + raw + "')")
                    + " is not a delivery stream name: 1 to 64 characters among a-z A-Z 0-9 _ . -");
            return null;
        }
        return name;
    }

    /** The delivery stream to write to (required); placeholders such as {@code {env:STAGE}} allowed. */
    public void setDeliveryStreamName(String value) {
        this.deliveryStreamName = value;
    }

    /**
     * Pack several NDJSON lines into one record, up to {@code maxRecordBytes} and 500 lines (default false).
     * Firehose bills each record rounded up to 5 KB, so small events cost far less packed; a transformation
     * Lambda then sees several lines per record, and dynamic partitioning needs multi-record deaggregation.
     */
    public void setPackRecords(boolean value) {
        this.packRecords = value;
    }

    /**
     * Largest record in bytes (default and maximum 1,024,000 = 1,000 KiB; at least 8,193). Also the largest
     * event, line end included: bigger events are truncated to fit.
     */
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

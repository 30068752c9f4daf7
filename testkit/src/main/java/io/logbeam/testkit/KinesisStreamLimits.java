package io.logbeam.testkit;

/**
 * Per-stream Kinesis size limits that {@link LocalAwsEndpoint} enforces on PutRecords and PutRecord.
 *
 * @param maxRecordBytes  largest record, counted as data bytes plus UTF-8 partition key bytes
 * @param maxRequestBytes largest PutRecords call, counted as the sum of every record's data and partition key
 */
public record KinesisStreamLimits(int maxRecordBytes, int maxRequestBytes) {

    private static final int MIB = 1024 * 1024;

    /** A stream as created by default: 1 MiB per record, 5 MiB per PutRecords call. */
    public static final KinesisStreamLimits DEFAULT = new KinesisStreamLimits(MIB, 5 * MIB);

    /** Checks that both limits are positive. */
    public KinesisStreamLimits {
        if (maxRecordBytes <= 0 || maxRequestBytes <= 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    /**
     * A stream whose {@code MaxRecordSizeInKiB} was raised (1024..10240): records up to that size, and 10 MiB per
     * PutRecords call.
     */
    public static KinesisStreamLimits withMaxRecordSizeInKiB(int maxRecordSizeInKiB) {
        if (maxRecordSizeInKiB < 1024 || maxRecordSizeInKiB > 10240) {
            throw new IllegalArgumentException("MaxRecordSizeInKiB must be within 1024..10240: " + maxRecordSizeInKiB);
        }
        if (maxRecordSizeInKiB == 1024) {
            return DEFAULT;
        }
        return new KinesisStreamLimits(maxRecordSizeInKiB * 1024, 10 * MIB);
    }

    /** The limit expressed as the API's {@code MaxRecordSizeInKiB}. */
    public int maxRecordSizeInKiB() {
        return maxRecordBytes / 1024;
    }
}

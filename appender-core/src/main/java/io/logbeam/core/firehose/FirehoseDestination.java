package io.logbeam.core.firehose;

import io.logbeam.core.aws.AwsClients;
import io.logbeam.core.aws.AwsSettings;
import io.logbeam.core.destination.BatchEntry;
import io.logbeam.core.destination.Batcher;
import io.logbeam.core.destination.Destination;
import io.logbeam.core.destination.Failure;
import io.logbeam.core.destination.SendOutcome;
import io.logbeam.core.util.ConfigException;
import io.logbeam.core.util.Substitutions;

import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchRequest;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponse;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponseEntry;
import software.amazon.awssdk.services.firehose.model.Record;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Kinesis Data Firehose as a Logbeam destination: PutRecordBatch calls of NDJSON records (one event per
 * record, or several whole lines per record with {@code packRecords}), within the limits of
 * {@link FirehoseLimits}, with errors classified by {@link FirehoseErrors}. Failed entries of a response are
 * reported one by one so that only they are resent.
 */
public final class FirehoseDestination implements Destination {

    private static final Pattern STREAM_NAME = Pattern.compile("[a-zA-Z0-9_.-]+");

    private final String deliveryStreamName;
    private final boolean packRecords;
    private final int maxRecordBytes;
    private final AwsSettings aws;
    private final String description;
    private volatile FirehoseClient client;

    /**
     * @param deliveryStreamName the delivery stream, placeholders already resolved
     * @param packRecords        pack several events into one record
     * @param maxRecordBytes     largest record, between {@link FirehoseLimits#MIN_RECORD_BYTES} and
     *                           {@link FirehoseLimits#MAX_RECORD_BYTES}
     * @param aws                how to reach Firehose
     */
    public FirehoseDestination(String deliveryStreamName, boolean packRecords, int maxRecordBytes, AwsSettings aws) {
        if (maxRecordBytes < FirehoseLimits.MIN_RECORD_BYTES || maxRecordBytes > FirehoseLimits.MAX_RECORD_BYTES) {
            throw new IllegalArgumentException("maxRecordBytes out of range: " + maxRecordBytes);
        }
        this.deliveryStreamName = Objects.requireNonNull(deliveryStreamName, "deliveryStreamName");
        this.packRecords = packRecords;
        this.maxRecordBytes = maxRecordBytes;
        this.aws = Objects.requireNonNull(aws, "aws");
        this.description = "Firehose delivery stream '" + deliveryStreamName + "'" + aws.describeLocation();
    }

    /**
     * Checks the properties of a Firehose appender into {@code problems} (naming each) and builds the destination,
     * or returns null when any is invalid. Does not touch the network.
     *
     * @param deliveryStreamName the name as configured, placeholders not yet resolved; null or blank is a problem
     */
    public static FirehoseDestination create(String deliveryStreamName, boolean packRecords, int maxRecordBytes,
            AwsSettings aws, Substitutions substitutions, ConfigException.Collector problems) {
        int before = problems.problems().size();
        String stream = resolveStreamName(deliveryStreamName, substitutions, problems);
        if (maxRecordBytes < FirehoseLimits.MIN_RECORD_BYTES || maxRecordBytes > FirehoseLimits.MAX_RECORD_BYTES) {
            problems.add("maxRecordBytes", "must be between " + FirehoseLimits.MIN_RECORD_BYTES + " and "
                    + FirehoseLimits.MAX_RECORD_BYTES + " (1,000 KiB, the Firehose record limit), was " + maxRecordBytes);
        }
        return problems.problems().size() > before ? null
                : new FirehoseDestination(stream, packRecords, maxRecordBytes, aws);
    }

    private static String resolveStreamName(String raw, Substitutions substitutions,
            ConfigException.Collector problems) {
        if (raw == null || raw.isBlank()) {
            problems.add("deliveryStreamName", "is required: the name of a DirectPut delivery stream");
            return null;
        }
        String name;
        try {
            name = substitutions.resolve("deliveryStreamName", raw.trim());
        } catch (ConfigException e) {
            problems.addAll(e);
            return null;
        }
        // The service's own constraints, checked now rather than as a refused request later.
        if (name.isEmpty() || name.length() > 64 || !STREAM_NAME.matcher(name).matches()) {
            problems.add("deliveryStreamName", "'" + name + "'" + (name.equals(raw.trim()) ? "" : " (from '" + raw.trim()
                    + "')") + " is not a delivery stream name: 1 to 64 characters among a-z A-Z 0-9 _ . -");
            return null;
        }
        return name;
    }

    @Override
    public String describe() {
        return description;
    }

    /** The record limit less the line end every event carries. */
    @Override
    public int maxEventBytes() {
        return maxRecordBytes - 1;
    }

    @Override
    public Batcher newBatcher() {
        return new NdjsonBatcher(maxRecordBytes, packRecords ? FirehoseLimits.MAX_LINES_PER_PACKED_RECORD : 1);
    }

    @Override
    public void open() {
        if (client == null) {
            client = AwsClients.build(FirehoseClient.builder(), aws);
        }
    }

    @Override
    public SendOutcome send(List<BatchEntry> entries) {
        List<Record> records = new ArrayList<>(entries.size());
        for (BatchEntry entry : entries) {
            records.add(entry.<Record>wire());
        }
        PutRecordBatchResponse response;
        try {
            response = client.putRecordBatch(PutRecordBatchRequest.builder().deliveryStreamName(deliveryStreamName)
                    .records(records).build());
        } catch (RuntimeException e) {
            return SendOutcome.failed(FirehoseErrors.classify(e, deliveryStreamName, description));
        }
        return outcome(response, entries.size());
    }

    /** Reads per-entry results; the response entries align with the records sent. */
    static SendOutcome outcome(PutRecordBatchResponse response, int sent) {
        List<PutRecordBatchResponseEntry> results = response.requestResponses();
        Integer failedCount = response.failedPutCount();
        if (results.size() != sent) {
            if (failedCount != null && failedCount == 0) {
                return SendOutcome.delivered();
            }
            // Without aligned results nobody knows which records were stored: resend all, counted as possible duplicates.
            return SendOutcome.failed(Failure.retryable("MalformedResponse", "PutRecordBatch answered " + results.size()
                    + " results for " + sent + " records", true));
        }
        if (failedCount != null && failedCount == 0) {
            return SendOutcome.delivered();
        }
        Failure[] failures = new Failure[sent];
        boolean anyFailed = false;
        for (int i = 0; i < sent; i++) {
            PutRecordBatchResponseEntry result = results.get(i);
            if (result.errorCode() != null && !result.errorCode().isEmpty()) {
                failures[i] = FirehoseErrors.entry(result.errorCode(), result.errorMessage());
                anyFailed = true;
            }
        }
        return anyFailed ? SendOutcome.perEntry(failures) : SendOutcome.delivered();
    }

    @Override
    public void close() {
        FirehoseClient current = client;
        client = null;
        if (current != null) {
            current.close();
        }
    }

    /** The delivery stream written to. */
    public String deliveryStreamName() {
        return deliveryStreamName;
    }

    /** Whether events are packed several to a record. */
    public boolean packRecords() {
        return packRecords;
    }

    /** The largest record. */
    public int maxRecordBytes() {
        return maxRecordBytes;
    }
}

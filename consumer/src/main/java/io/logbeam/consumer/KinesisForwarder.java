package io.logbeam.consumer;

import io.logbeam.core.kinesis.KinesisLimits;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * Puts records into a Kinesis stream with {@code PutRecords}, in calls filled to the producer's limits (500
 * records, 5 MiB with partition keys: {@link KinesisLimits}), and sends again only the entries that failed
 * ({@code ProvisionedThroughputExceededException}, {@code InternalFailure}, or a whole call that failed), with
 * exponential backoff and full jitter, up to {@code maxRetries} times. What still fails is returned, by source.
 * Not thread-safe.
 */
public final class KinesisForwarder {

    private final KinesisClient kinesis;
    private final String stream;
    private final int maxRetries;
    private final Duration baseDelay;
    private String lastError;

    /** One record to put, and the source record it stands for. */
    public record Entry(String partitionKey, byte[] data, String sourceId) {
        int bytes() {
            return data.length + partitionKey.getBytes(StandardCharsets.UTF_8).length;
        }
    }

    /**
     * @param kinesis    the client
     * @param stream     the target stream
     * @param maxRetries resends of failed entries, after the first try
     * @param baseDelay  first backoff; each retry waits a random time up to {@code baseDelay * 2^retry}, at most 5 s
     */
    public KinesisForwarder(KinesisClient kinesis, String stream, int maxRetries, Duration baseDelay) {
        this.kinesis = kinesis;
        this.stream = stream;
        this.maxRetries = maxRetries;
        this.baseDelay = baseDelay;
    }

    /**
     * What a {@link #put} left undone.
     *
     * @param failedSources ids of the sources whose entries could not be put
     * @param lastError     the last error code or exception message seen, or null
     */
    public record Result(Set<String> failedSources, String lastError) {
    }

    /** Puts {@code entries}, resending failed entries alone. */
    public Result put(List<Entry> entries) {
        lastError = null;
        Set<String> failed = new LinkedHashSet<>();
        List<Entry> pending = new ArrayList<>();
        for (Entry entry : entries) {
            if (entry.bytes() > KinesisLimits.DEFAULT_MAX_RECORD_BYTES) {
                failed.add(entry.sourceId()); // can never be put: larger than a record
                lastError = "a record of " + entry.bytes() + " bytes is larger than a Kinesis record";
            } else {
                pending.add(entry);
            }
        }
        for (int attempt = 0; !pending.isEmpty(); attempt++) {
            if (attempt > 0) {
                if (attempt > maxRetries) {
                    pending.forEach(e -> failed.add(e.sourceId()));
                    break;
                }
                backoff(attempt);
            }
            pending = sendAll(pending);
        }
        return new Result(failed, lastError);
    }

    /** One pass over {@code entries} in full calls; returns the entries to send again. */
    private List<Entry> sendAll(List<Entry> entries) {
        List<Entry> again = new ArrayList<>();
        List<Entry> call = new ArrayList<>();
        long callBytes = 0;
        for (Entry entry : entries) {
            if (call.size() == KinesisLimits.MAX_RECORDS_PER_REQUEST
                    || callBytes + entry.bytes() > KinesisLimits.DEFAULT_MAX_REQUEST_BYTES) {
                again.addAll(send(call));
                call.clear();
                callBytes = 0;
            }
            call.add(entry);
            callBytes += entry.bytes();
        }
        if (!call.isEmpty()) {
            again.addAll(send(call));
        }
        return again;
    }

    private List<Entry> send(List<Entry> call) {
        List<PutRecordsRequestEntry> request = new ArrayList<>(call.size());
        for (Entry e : call) {
            request.add(PutRecordsRequestEntry.builder().partitionKey(e.partitionKey())
                    .data(SdkBytes.fromByteArrayUnsafe(e.data())).build());
        }
        PutRecordsResponse response;
        try {
            response = kinesis.putRecords(r -> r.streamName(stream).records(request));
        } catch (RuntimeException e) {
            lastError = "PutRecords: " + e.getMessage();
            return List.copyOf(call); // the SDK already retried what it retries; this call's entries go again
        }
        if (response.failedRecordCount() == null || response.failedRecordCount() == 0) {
            return List.of();
        }
        List<Entry> failed = new ArrayList<>();
        List<PutRecordsResultEntry> results = response.records();
        for (int i = 0; i < call.size(); i++) {
            if (i >= results.size() || results.get(i).errorCode() != null) {
                failed.add(call.get(i));
                lastError = i >= results.size() ? "PutRecords answered fewer entries than sent"
                        : results.get(i).errorCode() + ": " + results.get(i).errorMessage();
            }
        }
        return failed;
    }

    private void backoff(int attempt) {
        long cap = Math.min(Duration.ofSeconds(5).toNanos(), baseDelay.toNanos() << Math.min(attempt, 20));
        if (cap > 0) {
            LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(cap + 1));
        }
    }
}

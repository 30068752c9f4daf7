package io.logbeam.consumer;

import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Stores a batch of records in S3: every kept event of a log type in one gzip'd NDJSON object (see
 * {@link S3Keys}), events without a usable log type under the unknown prefix, and undecodable input, with the
 * reason and its bytes in base64, under the failed prefix (one object per batch, keyed by its first record).
 *
 * <p>Same batch, same keys and same bytes (gzip without a timestamp), so a retried batch overwrites what it
 * wrote before. A failed {@code PutObject} reports the records whose events were in that object; a bad record
 * is stored aside and does not hold up the stream.
 */
public final class KinesisToS3 {

    /** The prefix of undecodable input unless set otherwise. */
    public static final String DEFAULT_FAILED_PREFIX = "failed";

    private final S3Client s3;
    private final String bucket;
    private final S3Keys keys;
    private final LogTypeRouting routing;
    private final RecordDecoder decoder;
    private final String failedPrefix;

    /**
     * @param s3           the client
     * @param bucket       the bucket
     * @param prefix       key prefix (may be empty)
     * @param routing      allow-list and unknown prefix
     * @param decoder      the decoder (its keys name the fields)
     * @param failedPrefix group name of undecodable input
     */
    public KinesisToS3(S3Client s3, String bucket, String prefix, LogTypeRouting routing, RecordDecoder decoder,
            String failedPrefix) {
        this.s3 = s3;
        this.bucket = bucket;
        this.keys = new S3Keys(prefix);
        this.routing = routing;
        this.decoder = decoder;
        this.failedPrefix = failedPrefix;
    }

    /** Decodes, groups and stores {@code records}. Never throws for bad records or S3 errors. */
    public BatchOutcome process(List<SourceRecord> records) {
        Grouping grouping = new Grouping(routing, failedPrefix);
        for (SourceRecord record : records) {
            grouping.record = record;
            decoder.decode(record.data(), grouping);
        }
        Map<String, EventGroup> groups = grouping.groups;
        EventGroup failed = grouping.failed;
        Map<String, Long> notAllowed = grouping.notAllowed();
        long[] counts = {grouping.events, grouping.failures};
        Set<String> failedRecords = new LinkedHashSet<>();
        String error = null;
        long objects = 0;
        List<EventGroup> all = new ArrayList<>(groups.values());
        if (failed.events() > 0) {
            all.add(failed);
        }
        for (EventGroup group : all) {
            String id = group == failed || group.firstLogId() == null ? group.firstSource() : group.firstLogId();
            String key = keys.key(group.name(), group.firstTime(), id);
            byte[] body = group.finish();
            try {
                // No Content-Encoding: clients would gunzip on download what tools expect as a .gz file.
                s3.putObject(r -> r.bucket(bucket).key(key).contentType("application/gzip")
                        .metadata(metadata(group)), RequestBody.fromBytes(body));
                objects++;
            } catch (RuntimeException e) {
                // Transient or not, the records are reported: the source retries them, and the keys stay the same.
                failedRecords.addAll(group.sources());
                error = error != null ? error : "PutObject " + key + ": " + e.getMessage();
            }
        }
        return new BatchOutcome(List.copyOf(failedRecords), counts[0], notAllowed, counts[1], objects, error);
    }

    private static Map<String, String> metadata(EventGroup group) {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("events", Integer.toString(group.events()));
        metadata.put("first-time", String.valueOf(group.firstTime()));
        metadata.put("last-time", String.valueOf(group.lastTime()));
        return metadata;
    }

    /** Puts each kept event into its group and each failure into the failed group, record by record. */
    private static final class Grouping extends RoutingSink {
        final Map<String, EventGroup> groups = new LinkedHashMap<>();
        final EventGroup failed;
        SourceRecord record;
        long events;
        long failures;

        Grouping(LogTypeRouting routing, String failedPrefix) {
            super(routing);
            this.failed = new EventGroup(failedPrefix);
        }

        @Override
        void kept(LogEvent event, LogTypeRouting.Route route) {
            groups.computeIfAbsent(route.group(), EventGroup::new).add(event, record);
            events++;
        }

        @Override
        public void failure(DecodeFailure failure) {
            failed.addLine(FailureLines.line(failure, record), record);
            failures++;
        }
    }
}

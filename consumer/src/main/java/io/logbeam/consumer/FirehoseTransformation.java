package io.logbeam.consumer;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Firehose data transformation: every record (a CloudWatch Logs subscription message, a packed record of NDJSON
 * lines, one event, gzip'd or not) comes back as the NDJSON lines of its kept events, with partition keys for
 * dynamic partitioning: {@code log_type} and {@code year}, {@code month}, {@code day}, {@code hour} (UTC) of the
 * first kept event's time (its arrival time when the event has none).
 *
 * <p>One record can only go to one partition: a record whose events differ in type or hour goes whole to its
 * first event's partition. Results:
 * <ul>
 *   <li>{@code Ok}: at least one event kept;</li>
 *   <li>{@code Dropped}: nothing to keep (a control message, or only log types the allow-list does not name);</li>
 *   <li>{@code ProcessingFailed}: some of it could not be decoded, or it would take the response over
 *       {@code responseLimit}. Firehose then writes the original record to the error output prefix, so nothing
 *       is lost and nothing is half-delivered.</li>
 * </ul>
 */
public final class FirehoseTransformation {

    /** Largest response of a synchronous Lambda invocation: 6 MiB. */
    public static final int LAMBDA_RESPONSE_LIMIT = 6 * 1024 * 1024;
    /** What the JSON around one record's data can take, at most, besides its id and partition keys. */
    private static final int RECORD_OVERHEAD = 160;
    /** The response object around the records. */
    private static final int RESPONSE_OVERHEAD = 64;

    private final RecordDecoder decoder;
    private final LogTypeRouting routing;
    private final int responseLimit;

    /**
     * @param decoder       the decoder
     * @param routing       allow-list and the unknown prefix (which becomes the {@code log_type} partition of
     *                      events without a usable type)
     * @param responseLimit largest response in bytes, normally {@link #LAMBDA_RESPONSE_LIMIT}
     */
    public FirehoseTransformation(RecordDecoder decoder, LogTypeRouting routing, int responseLimit) {
        this.decoder = decoder;
        this.routing = routing;
        this.responseLimit = responseLimit;
    }

    /** One input record. */
    public record Input(String recordId, byte[] data, Instant arrival) {
    }

    /** The three outcomes Firehose knows, spelled as Firehose wants them. */
    public enum Status {
        /** Transformed. */
        Ok,
        /** Nothing to deliver. */
        Dropped,
        /** Goes to the error output with its original data. */
        ProcessingFailed
    }

    /**
     * One output record.
     *
     * @param recordId      the input's id
     * @param status        the outcome
     * @param data          NDJSON of the kept events (only with {@code Ok})
     * @param partitionKeys {@code log_type}, {@code year}, {@code month}, {@code day}, {@code hour} (only with
     *                      {@code Ok})
     * @param events        events in {@code data}
     * @param reason        why not {@code Ok}, or null
     */
    public record Result(String recordId, Status status, byte[] data, Map<String, String> partitionKeys, int events,
            String reason) {
    }

    /** Transforms {@code records}, one result per record, in order. */
    public List<Result> transform(List<Input> records) {
        List<Result> results = new ArrayList<>(records.size());
        long responseBytes = RESPONSE_OVERHEAD;
        for (Input record : records) {
            Result result = transformOne(record);
            if (result.status() == Status.Ok) {
                long size = projectedSize(result);
                if (responseBytes + size > responseLimit) {
                    result = new Result(record.recordId(), Status.ProcessingFailed, null, null, 0,
                            "would take the response over " + responseLimit + " bytes");
                } else {
                    responseBytes += size;
                }
            }
            results.add(result);
        }
        return results;
    }

    private Result transformOne(Input record) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(record.data().length + 64);
        String[] firstGroup = new String[1];
        Instant[] firstTime = new Instant[1];
        int[] counts = new int[2]; // kept, failures
        String[] firstFailure = new String[1];
        decoder.decode(record.data(), new EventSink() {
            @Override
            public void event(LogEvent event) {
                LogTypeRouting.Route route = routing.route(event);
                if (!route.kept()) {
                    return;
                }
                if (counts[0]++ == 0) {
                    firstGroup[0] = route.group();
                    firstTime[0] = event.instant();
                }
                out.writeBytes(event.json());
                out.write('\n');
            }

            @Override
            public void failure(DecodeFailure failure) {
                if (counts[1]++ == 0) {
                    firstFailure[0] = failure.location() + ": " + failure.reason();
                }
            }
        });
        if (counts[1] > 0) {
            return new Result(record.recordId(), Status.ProcessingFailed, null, null, 0, firstFailure[0]);
        }
        if (counts[0] == 0) {
            return new Result(record.recordId(), Status.Dropped, null, null, 0, "no event to keep");
        }
        Instant time = firstTime[0] != null ? firstTime[0] : record.arrival() != null ? record.arrival() : Instant.EPOCH;
        return new Result(record.recordId(), Status.Ok, out.toByteArray(), partitionKeys(firstGroup[0], time),
                counts[0], null);
    }

    /** The partition keys of an event of {@code group} at {@code time}. */
    static Map<String, String> partitionKeys(String group, Instant time) {
        ZonedDateTime utc = time.atZone(ZoneOffset.UTC);
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("log_type", group);
        keys.put("year", String.format(java.util.Locale.ROOT, "%04d", utc.getYear()));
        keys.put("month", String.format(java.util.Locale.ROOT, "%02d", utc.getMonthValue()));
        keys.put("day", String.format(java.util.Locale.ROOT, "%02d", utc.getDayOfMonth()));
        keys.put("hour", String.format(java.util.Locale.ROOT, "%02d", utc.getHour()));
        return keys;
    }

    private static long projectedSize(Result result) {
        long base64 = (result.data().length + 2L) / 3 * 4;
        long keys = 0;
        for (Map.Entry<String, String> e : result.partitionKeys().entrySet()) {
            keys += e.getKey().length() + e.getValue().length() + 6;
        }
        return base64 + result.recordId().length() + keys + RECORD_OVERHEAD;
    }
}

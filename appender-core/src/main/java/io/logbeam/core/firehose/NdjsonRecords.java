package io.logbeam.core.firehose;

import io.logbeam.core.destination.BatchEntry;
import io.logbeam.core.event.EncodedEvent;

import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.firehose.model.Record;

import java.util.List;

/**
 * Builds Firehose records in NDJSON framing: every event is its compact JSON object followed by
 * {@code '\n'}. Firehose concatenates records into S3 objects without any delimiter, so the line end is what
 * makes those objects readable line by line by Athena, S3 Select and JSON deaggregation.
 */
final class NdjsonRecords {

    private NdjsonRecords() {
    }

    /** Bytes one event takes in a record: its JSON plus the line end. */
    static int lineBytes(EncodedEvent event) {
        return event.size() + 1;
    }

    /** A record holding one event. */
    static BatchEntry single(EncodedEvent event) {
        return entry(List.of(event), lineBytes(event));
    }

    /**
     * A record holding {@code events}, in order, each on its own line.
     *
     * @param bytes the sum of their {@link #lineBytes}
     */
    static BatchEntry entry(List<EncodedEvent> events, int bytes) {
        byte[] data = new byte[bytes];
        int at = 0;
        for (EncodedEvent event : events) {
            byte[] json = event.json();
            System.arraycopy(json, 0, data, at, json.length);
            at += json.length;
            data[at++] = FirehoseLimits.LINE_END;
        }
        if (at != bytes) {
            throw new IllegalArgumentException("line bytes " + at + " differ from the announced " + bytes);
        }
        // The array is ours alone from here on: no second copy.
        Record record = Record.builder().data(SdkBytes.fromByteArrayUnsafe(data)).build();
        return new BatchEntry(record, events, bytes);
    }
}

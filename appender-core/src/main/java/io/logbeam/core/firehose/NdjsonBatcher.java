package io.logbeam.core.firehose;

import io.logbeam.core.destination.BatchSink;
import io.logbeam.core.destination.Batcher;
import io.logbeam.core.destination.RequestAccumulator;
import io.logbeam.core.event.EncodedEvent;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds NDJSON records and collects them into PutRecordBatch calls within every Firehose limit. With
 * {@code maxLines = 1} each event is its own record; with more, whole lines are packed into records of at
 * most {@code maxRecordBytes} bytes and {@code maxLines} lines ({@code packRecords}). An event is never
 * split: a line that does not fit closes the open record and starts the next one (every event fits a record
 * because the core truncates events to {@code maxRecordBytes - 1}).
 */
final class NdjsonBatcher implements Batcher {

    private final int maxRecordBytes;
    private final int maxLines;
    private final RequestAccumulator request;
    private List<EncodedEvent> lines = new ArrayList<>();
    private int bytes;

    /**
     * @param maxRecordBytes largest record, at most {@link FirehoseLimits#MAX_RECORD_BYTES}
     * @param maxLines       most events per record: 1 for one event per record
     */
    NdjsonBatcher(int maxRecordBytes, int maxLines) {
        if (maxRecordBytes < 2 || maxRecordBytes > FirehoseLimits.MAX_RECORD_BYTES || maxLines < 1) {
            throw new IllegalArgumentException("bad record limits: " + maxRecordBytes + " bytes, " + maxLines + " lines");
        }
        this.maxRecordBytes = maxRecordBytes;
        this.maxLines = maxLines;
        this.request = new RequestAccumulator(FirehoseLimits.MAX_RECORDS_PER_CALL, FirehoseLimits.MAX_BYTES_PER_CALL);
    }

    @Override
    public void add(EncodedEvent event, BatchSink sink) {
        int line = NdjsonRecords.lineBytes(event);
        if (line > maxRecordBytes) {
            // The serializer guarantees the size; a breach is a bug, and must not produce a record Firehose refuses.
            sink.reject(event, "event of " + event.size() + " bytes does not fit a Firehose record of "
                    + maxRecordBytes + " bytes");
            return;
        }
        if (!lines.isEmpty() && bytes + line > maxRecordBytes) {
            closeRecord(sink);
        }
        lines.add(event);
        bytes += line;
        if (lines.size() >= maxLines || bytes == maxRecordBytes) {
            closeRecord(sink);
        }
    }

    @Override
    public void drain(BatchSink sink) {
        closeRecord(sink);
        request.emit(sink);
    }

    @Override
    public boolean isEmpty() {
        return lines.isEmpty() && request.isEmpty();
    }

    private void closeRecord(BatchSink sink) {
        if (lines.isEmpty()) {
            return;
        }
        List<EncodedEvent> full = lines;
        int fullBytes = bytes;
        lines = new ArrayList<>(Math.min(full.size(), maxLines));
        bytes = 0;
        request.add(NdjsonRecords.entry(full, fullBytes), sink);
    }
}

package io.logbeam.core.firehose;

import io.logbeam.core.event.EventSerializer;

/**
 * The Kinesis Data Firehose service limits and billing unit Logbeam packs to, in one place.
 *
 * <p>From the PutRecordBatch API reference: at most 500 records per call, each record at most 1,000 KiB of
 * data before base64, and at most 4 MiB of record data per call ("these limits cannot be changed"). For
 * multi-record deaggregation (dynamic partitioning over packed records) a record may hold at most 500
 * JSON objects; with more, the call succeeds but deaggregation does not work as expected.
 */
public final class FirehoseLimits {

    /** Records per PutRecordBatch call. */
    public static final int MAX_RECORDS_PER_CALL = 500;

    /** Record data per PutRecordBatch call, summed over the records (before base64): 4 MiB. */
    public static final int MAX_BYTES_PER_CALL = 4 * 1024 * 1024;

    /** Data of one record (before base64): 1,000 KiB. */
    public static final int MAX_RECORD_BYTES = 1000 * 1024;

    /**
     * Events (NDJSON lines) packed into one record at most: Firehose deaggregates at most 500 JSON objects
     * per record. Costs next to nothing: a 500-line record wastes under one 5 KB billing unit.
     */
    public static final int MAX_LINES_PER_PACKED_RECORD = 500;

    /** The line delimiter Logbeam appends to every event: Firehose adds none. */
    public static final byte LINE_END = '\n';

    /**
     * The smallest {@code maxRecordBytes} accepted: the smallest event limit the core can truncate to, plus
     * the line end.
     */
    public static final int MIN_RECORD_BYTES = EventSerializer.MIN_EVENT_BYTES + 1;

    /**
     * Firehose bills ingestion per record rounded up to 5 KB; AWS's pricing examples count 1 GB as
     * 1,048,576 KB, so one unit is 5,120 bytes.
     */
    public static final int BILLING_UNIT_BYTES = 5 * 1024;

    private FirehoseLimits() {
    }

    /** The 5 KB units Firehose bills for one record of {@code recordBytes} bytes. */
    public static long billedUnits(long recordBytes) {
        return Math.max(1, (recordBytes + BILLING_UNIT_BYTES - 1) / BILLING_UNIT_BYTES);
    }
}

package io.logbeam.core.engine;

/**
 * The JMX view of one appender's statistics, registered as {@code io.logbeam:type=Appender,name=<name>}.
 * Counters are events unless named otherwise; they only grow.
 */
public interface ShipperStatsMBean {

    /** Events handed to the appender (accepted or dropped), excluding filtered ones. */
    long getPublished();

    /** Events the destination acknowledged. */
    long getDelivered();

    /** Events lost because the ring was full or over its byte budget, or the appender was stopping. */
    long getDropped();

    /** Events given to the fallback (stderr by default). */
    long getFallback();

    /**
     * Events logged after the appender began stopping (e.g. while the JVM exits), written to the fallback on the
     * logging thread instead of being shipped; included in {@link #getFallback()}.
     */
    long getLate();

    /** Events not shipped because of {@code logTypeAllowList}. */
    long getFiltered();

    /** Events whose fields were cut to fit. */
    long getTruncated();

    /** Entries sent again after a retryable failure. */
    long getRetried();

    /**
     * Events that may have arrived twice: sent again, or given to the fallback, after an ambiguous failure
     * (a timeout or a connection reset after the request was sent).
     */
    long getPossibleDuplicates();

    /** Batches built. */
    long getBatches();

    /** Requests made, including retries. */
    long getRequests();

    /** Payload bytes of successful requests. */
    long getBytesSent();

    /** Requests (or batches waiting to retry) currently in flight. */
    int getInFlight();

    /** Free slots in the ring. */
    long getRingRemainingCapacity();

    /**
     * Approximate heap held by the events waiting in the ring, as counted against {@code bufferMaxBytes}; 0 when
     * the budget is off.
     */
    long getRingBytes();

    /** Events written to the spool (none without {@code spoolDirectory}). */
    long getSpooled();

    /** Events read back from the spool and sent again. */
    long getReplayed();

    /** Events lost because the spool was full ({@code spoolOverflow}). */
    long getSpoolDropped();

    /** Torn or corrupt spool records skipped (e.g. the write a crash interrupted). */
    long getSpoolCorrupt();

    /** Events found in the spool at start, left by an earlier run. */
    long getSpoolRecovered();

    /** Events resting in the spool, not yet delivered (gauge). */
    long getSpoolEvents();

    /** Bytes of the spool's files (gauge). */
    long getSpoolBytes();

    /** The last error, or empty. */
    String getLastError();

    /** When the last error happened (ISO-8601), or empty. */
    String getLastErrorTime();
}

package io.logbeam.core.spool;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** Live counters of one spool, read by the shipper's statistics. Counters are events unless named otherwise. */
public final class SpoolStats {

    final LongAdder spooled = new LongAdder();
    final LongAdder replayed = new LongAdder();
    final LongAdder dropped = new LongAdder();
    final LongAdder corrupt = new LongAdder();
    final LongAdder recovered = new LongAdder();
    final AtomicLong events = new AtomicLong();
    final AtomicLong bytes = new AtomicLong();

    /** Events written to the spool by this run (again after a replay stopped at shutdown). */
    public long spooled() {
        return spooled.sum();
    }

    /** Events read back from the spool and handed to the sender. */
    public long replayed() {
        return replayed.sum();
    }

    /** Events lost because the spool was full ({@code spoolOverflow}). */
    public long dropped() {
        return dropped.sum();
    }

    /** Torn or corrupt records skipped (a crash tore the last write, or the file was damaged). */
    public long corrupt() {
        return corrupt.sum();
    }

    /** Events found in the spool at start, left by an earlier run. */
    public long recovered() {
        return recovered.sum();
    }

    /** Events in the spool whose delivery is not settled yet (gauge). */
    public long events() {
        return events.get();
    }

    /** Bytes of the spool's segment files (gauge). */
    public long bytes() {
        return bytes.get();
    }
}

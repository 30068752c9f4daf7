package io.logbeam.core.engine;

import io.logbeam.core.destination.BatchEntry;

import java.util.List;

/** The owner of a replayed batch. */
interface ReplayBatch {
    /** Entries not delivered for now, kept by the replayer to send again later (instead of the spool). */
    void handBack(List<BatchEntry> entries);

    /** Every entry was delivered, given to the fallback or the spool, or handed back. */
    void settled();
}

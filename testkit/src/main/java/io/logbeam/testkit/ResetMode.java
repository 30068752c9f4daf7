package io.logbeam.testkit;

/** When {@link Faults#resetEveryNth} aborts the connection of a selected request. */
public enum ResetMode {
    /** The request is read, then dropped unprocessed: nothing is stored, a retry is safe. */
    BEFORE_PROCESSING,
    /**
     * The request is processed and stored, then the answer is replaced by a reset: the client cannot know that it
     * succeeded, and a retry stores duplicates.
     */
    AFTER_PROCESSING
}

package io.logbeam.core.destination;

/**
 * The result of one request: either the whole request failed, or each entry has its own result
 * (null = delivered), aligned with the entries sent.
 */
public final class SendOutcome {

    private static final SendOutcome ALL_DELIVERED = new SendOutcome(null, null);

    private final Failure requestFailure;
    private final Failure[] entryFailures;

    private SendOutcome(Failure requestFailure, Failure[] entryFailures) {
        this.requestFailure = requestFailure;
        this.entryFailures = entryFailures;
    }

    /** Every entry was accepted. */
    public static SendOutcome delivered() {
        return ALL_DELIVERED;
    }

    /** The whole request failed. */
    public static SendOutcome failed(Failure failure) {
        return new SendOutcome(failure, null);
    }

    /** Per-entry results: {@code failures[i]} is null when entry {@code i} was accepted. */
    public static SendOutcome perEntry(Failure[] failures) {
        return new SendOutcome(null, failures);
    }

    /** The request-level failure, or null. */
    public Failure requestFailure() {
        return requestFailure;
    }

    /** The failure of entry {@code index}, or null when it was delivered (or the request failed as a whole). */
    public Failure entryFailure(int index) {
        return entryFailures == null ? null : entryFailures[index];
    }
}

package io.logbeam.core.destination;

/**
 * Why a request or an entry failed, classified by the destination that knows the service's error rules.
 *
 * @param kind      what the sender should do about it
 * @param code      the service's error code or the exception class, e.g. {@code ResourceNotFoundException}
 * @param message   a human explanation; for {@link Kind#UNUSABLE} it says what to fix
 * @param ambiguous true when the request may have been applied although it failed (timeouts, resets after
 *                  sending): a retry may then duplicate events, which is counted
 */
public record Failure(Kind kind, String code, String message, boolean ambiguous) {

    /** The sender's reaction to a failure. */
    public enum Kind {
        /** Transient (throttling, 5xx, network): retry with backoff. */
        RETRYABLE,
        /** These events are refused for good (e.g. too old): fallback, no retry. */
        REJECTED,
        /**
         * The destination can not accept anything (stream missing, access denied, KMS disabled): fallback,
         * one clear message, and no requests for a cooldown period instead of a retry storm.
         */
        UNUSABLE
    }

    /** A transient failure. */
    public static Failure retryable(String code, String message, boolean ambiguous) {
        return new Failure(Kind.RETRYABLE, code, message, ambiguous);
    }

    /** A permanent refusal of the events concerned. */
    public static Failure rejected(String code, String message) {
        return new Failure(Kind.REJECTED, code, message, false);
    }

    /** The destination is misconfigured or missing. */
    public static Failure unusable(String code, String message) {
        return new Failure(Kind.UNUSABLE, code, message, false);
    }

    /** Short form for fallback lines: {@code code: message}. */
    public String describe() {
        return message == null || message.isEmpty() ? code : code + ": " + message;
    }
}

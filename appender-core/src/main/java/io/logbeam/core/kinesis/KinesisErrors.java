package io.logbeam.core.kinesis;

import io.logbeam.core.aws.AwsErrors;
import io.logbeam.core.destination.Failure;

import java.util.Locale;
import java.util.Set;

/**
 * The Kinesis error rules, in one place, on top of the rules every AWS destination shares
 * ({@link AwsErrors}: throttling, 5xx and network errors retryable; authentication errors unusable).
 * <ul>
 * <li>Per record: {@code ProvisionedThroughputExceededException} and {@code InternalFailure} are the
 * documented entry errors; only those entries are sent again. Entry codes known to be permanent (KMS,
 * access) go to the fallback; unknown codes are retried, bounded by maxRetries and retryDeadline.</li>
 * <li>Per request: a missing stream, denied access and every KMS key problem make the destination
 * unusable (one clear message, then a cooldown); {@code InvalidArgumentException} and other client
 * errors reject that request's events with the reason; {@code KMSThrottlingException} and
 * {@code ResourceInUseException} (stream being created or updated) are transient.</li>
 * <li>Aggregating by shard: an aggregate stored on another shard than the one it was made for is sent again
 * ({@link #wrongShard}, possibly a duplicate for consumers that do not check shard ranges); an
 * {@code InvalidArgumentException} about the explicit hash key means the stream (or emulator) refuses them: the
 * events are sent again per key. ListShards failures ({@link #listShards}) never fail an event: aggregates are
 * then made per key; denied access is said once, with the permission to grant.</li>
 * </ul>
 */
final class KinesisErrors {

    /** Entry error codes worth resending. */
    static final Set<String> RETRYABLE_ENTRY_CODES = Set.of("ProvisionedThroughputExceededException",
            "InternalFailure", "InternalFailureException", "ServiceUnavailable", "ServiceUnavailableException",
            "KMSThrottlingException");

    /** Request error codes meaning nothing can be written as configured. */
    static final Set<String> UNUSABLE_CODES = Set.of("ResourceNotFoundException", "AccessDeniedException",
            "KMSDisabledException", "KMSInvalidStateException", "KMSAccessDeniedException", "KMSNotFoundException",
            "KMSOptInRequired");

    /** Entry error codes that will not go away by resending. */
    private static final Set<String> PERMANENT_ENTRY_CODES = Set.of("ResourceNotFoundException",
            "AccessDeniedException", "KMSDisabledException", "KMSInvalidStateException", "KMSAccessDeniedException",
            "KMSNotFoundException", "KMSOptInRequired", "InvalidArgumentException", "ValidationException");

    private static final Set<String> TRANSIENT_CODES = Set.of("KMSThrottlingException", "ResourceInUseException");

    private final String what;
    private final String streamLabel;
    private final boolean cborToCustomEndpoint;

    /**
     * @param what                 the destination for messages, e.g. {@code Kinesis stream 'logs' (eu-west-1)}
     * @param streamLabel          how the configuration names the stream, e.g. {@code streamName 'logs'}
     * @param cborToCustomEndpoint whether the SDK speaks CBOR to an overridden endpoint: emulators that do not
     *                             understand CBOR (moto) answer a bare HTTP 500, which then gets a hint
     */
    KinesisErrors(String what, String streamLabel, boolean cborToCustomEndpoint) {
        this.what = what;
        this.streamLabel = streamLabel;
        this.cborToCustomEndpoint = cborToCustomEndpoint;
    }

    /** Classifies an exception thrown by a PutRecords (or CreateStream) call. */
    Failure request(Throwable error) {
        Failure f = AwsErrors.classify(error, UNUSABLE_CODES, what);
        if (TRANSIENT_CODES.contains(f.code())) {
            return Failure.retryable(f.code(), f.message(), false);
        }
        if (cborToCustomEndpoint && f.code().startsWith("HTTP ")) {
            return new Failure(f.kind(), f.code(), f.message() + " (if the endpoint is an emulator without CBOR "
                    + "support, such as moto, start the JVM with -Daws.cborEnabled=false or set CBOR_ENABLED=false)",
                    f.ambiguous());
        }
        return explain(f);
    }

    /** An aggregate made for shard {@code expected} that the stream stored on shard {@code actual}. */
    Failure wrongShard(String expected, String actual) {
        return Failure.retryable("WrongShard", "an aggregate made for " + expected + " was stored on " + actual
                + " (the stream was resharded): its events are sent again, one aggregate per key", true);
    }

    /** Whether a request failure says that the stream does not take the explicit hash keys it was sent. */
    static boolean refusesExplicitHashKeys(Failure f) {
        return "InvalidArgumentException".equals(f.code()) && f.message() != null
                && f.message().toLowerCase(Locale.ROOT).contains("explicithashkey");
    }

    /**
     * What to say about a failed ListShards call, or null to stay quiet (throttling, network: the next refresh
     * will do). Never a reason to refuse events: without a shard map, aggregates are made per key.
     */
    String listShards(Throwable error) {
        Failure f = AwsErrors.classify(error, UNUSABLE_CODES, what);
        if (f.kind() == Failure.Kind.RETRYABLE) {
            return null;
        }
        String denied = f.code().startsWith("AccessDenied") || f.code().equals("HTTP 403")
                ? "; the credentials in use may not call kinesis:ListShards on " + streamLabel + ": grant it (docs/iam.md),"
                        + " or set aggregateByShard=false" : "";
        return what + ": ListShards failed, " + f.describe() + denied + ". Until it succeeds, events keyed by "
                + "partitionKey are aggregated per key instead of per shard (fewer events per record).";
    }

    /** Classifies one failed entry of a PutRecords response. */
    Failure entry(String code, String message) {
        if (RETRYABLE_ENTRY_CODES.contains(code)) {
            return Failure.retryable(code, message, false);
        }
        if (PERMANENT_ENTRY_CODES.contains(code)) {
            return explain(Failure.rejected(code, message));
        }
        return Failure.retryable(code, message, false);
    }

    /** Adds what to fix to the service's message for the errors a user can fix. */
    private Failure explain(Failure f) {
        String hint = hint(f.code());
        if (hint == null) {
            return f;
        }
        String message = f.message() == null || f.message().isBlank() ? hint : f.message() + " (" + hint + ")";
        return new Failure(f.kind(), f.code(), message, f.ambiguous());
    }

    private String hint(String code) {
        if (code == null) {
            return null;
        }
        switch (code) {
            case "ResourceNotFoundException":
                return "the stream does not exist or is not ACTIVE in this account and region: create it, or fix "
                        + streamLabel + ", region or endpoint; Logbeam never creates streams unless autoCreate=true";
            case "AccessDeniedException":
                return "the credentials in use may not call kinesis:PutRecords on " + streamLabel
                        + "; grant it in their IAM policy";
            case "KMSDisabledException":
                return "the KMS key that encrypts the stream is disabled: enable it or change the stream's encryption";
            case "KMSNotFoundException":
                return "the KMS key that encrypts the stream does not exist: change the stream's encryption";
            case "KMSInvalidStateException":
                return "the KMS key that encrypts the stream is not usable in its current state";
            case "KMSAccessDeniedException":
                return "the credentials in use may not use the stream's KMS key: grant kms:GenerateDataKey on it";
            case "KMSOptInRequired":
                return "the account is not subscribed to AWS KMS";
            case "InvalidArgumentException":
            case "ValidationException":
                return "Kinesis refused the request as invalid; if records exceed the stream's MaxRecordSizeInKiB, "
                        + "lower maxRecordBytes";
            default:
                return null;
        }
    }
}

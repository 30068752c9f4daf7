package io.logbeam.core.firehose;

import io.logbeam.core.aws.AwsErrors;
import io.logbeam.core.destination.Failure;

import software.amazon.awssdk.awscore.exception.AwsServiceException;

import java.util.Set;

/**
 * The Kinesis Data Firehose error rules, in one place, on top of the rules every AWS destination shares
 * ({@link AwsErrors}).
 *
 * <ul>
 * <li>Entry errors of a PutRecordBatch response ({@code ServiceUnavailableException}, {@code InternalFailure}):
 * the record was not stored, resend only it.</li>
 * <li>Request-level {@code ServiceUnavailableException} (Firehose's throttling) and other throttling, 5xx and
 * network errors: retry the request with backoff.</li>
 * <li>{@code ResourceNotFoundException}, access and KMS errors, {@code InvalidSourceException}: the delivery
 * stream can not take anything as configured (unusable: fallback, one message, cooldown).</li>
 * <li>{@code InvalidArgumentException} and other client errors: this request is refused for good
 * (fallback with the reason, one message).</li>
 * </ul>
 */
final class FirehoseErrors {

    /** Entry error codes the PutRecordBatch reference lists; both mean "not stored, try again". */
    static final Set<String> RETRYABLE_ENTRY_CODES = Set.of("ServiceUnavailableException", "InternalFailure");

    /** Codes meaning the delivery stream can not accept records as configured. */
    static final Set<String> UNUSABLE_CODES = Set.of("ResourceNotFoundException", "InvalidKMSResourceException",
            "InvalidSourceException", "KMSAccessDeniedException", "KMSDisabledException",
            "KMSInvalidStateException", "KMSNotFoundException", "KMSOptInRequired");

    private static final String SERVICE_UNAVAILABLE = "ServiceUnavailableException";

    private FirehoseErrors() {
    }

    /**
     * Classifies an exception thrown by PutRecordBatch.
     *
     * @param stream the delivery stream name, for messages
     * @param what   the destination as described to the user
     */
    static Failure classify(Throwable error, String stream, String what) {
        if (error instanceof AwsServiceException) {
            AwsServiceException e = (AwsServiceException) error;
            String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
            String message = e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
            if (SERVICE_UNAVAILABLE.equals(code)) {
                // Firehose's "slow down": the request was refused before any record was stored.
                return Failure.retryable(code, message, false);
            }
            Failure failure = AwsErrors.classify(error, UNUSABLE_CODES, what);
            return withAdvice(failure, stream, what);
        }
        return AwsErrors.classify(error, UNUSABLE_CODES, what);
    }

    /** Classifies the error of one entry of a PutRecordBatch response. */
    static Failure entry(String code, String message) {
        if (RETRYABLE_ENTRY_CODES.contains(code)) {
            return Failure.retryable(code, message, false);
        }
        if (UNUSABLE_CODES.contains(code)) {
            return Failure.unusable(code, message);
        }
        // Not a documented entry error: the record was not stored, so a bounded resend is the safe choice.
        return Failure.retryable(code, message, false);
    }

    /** Adds what to fix to the permanent failures whose raw service message does not say it. */
    private static Failure withAdvice(Failure failure, String stream, String what) {
        String code = failure.code();
        String message = failure.message() == null ? "" : failure.message();
        String advice = null;
        if (code.equals("ResourceNotFoundException")) {
            advice = "the delivery stream '" + stream + "' does not exist (or is not ACTIVE) for " + what
                    + "; create it or fix deliveryStreamName / region";
        } else if (code.equals("InvalidKMSResourceException") || code.startsWith("KMS")) {
            advice = "the delivery stream's KMS key can not be used (disabled, deleted, or not granted to Firehose)";
        } else if (code.equals("InvalidSourceException")) {
            advice = "the delivery stream accepts only CloudWatch Logs subscription data (decompression is enabled)";
        } else if (code.equals("InvalidArgumentException")) {
            advice = "Firehose refused the request as invalid (a delivery stream whose source is a Kinesis data "
                    + "stream accepts no direct puts)";
        }
        if (advice == null) {
            return failure;
        }
        String text = message.isEmpty() ? advice : advice + " (" + message + ")";
        return new Failure(failure.kind(), code, text, failure.ambiguous());
    }
}

package io.logbeam.core.aws;

import io.logbeam.core.destination.Failure;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.Set;

/**
 * The error rules every AWS destination shares: throttling, 5xx and network errors are retryable;
 * authentication and authorisation errors make the destination unusable; other client errors reject
 * the request. Each destination adds its own codes (missing stream, KMS) through the sets it passes.
 */
public final class AwsErrors {

    private static final Set<String> THROTTLING = Set.of("Throttling", "ThrottlingException",
            "ThrottledException", "RequestThrottledException", "TooManyRequestsException",
            "ProvisionedThroughputExceededException", "RequestLimitExceeded", "LimitExceededException",
            "SlowDown", "RequestThrottled", "BandwidthLimitExceeded", "TransactionInProgressException",
            "PriorRequestNotComplete", "EC2ThrottledException");

    private static final Set<String> AUTH = Set.of("AccessDenied", "AccessDeniedException",
            "UnrecognizedClientException", "InvalidClientTokenId", "InvalidSignatureException",
            "SignatureDoesNotMatch", "MissingAuthenticationToken", "MissingAuthenticationTokenException",
            "IncompleteSignature", "AuthFailure", "NotAuthorized", "OptInRequired", "InvalidAccessKeyId");

    private static final Set<String> TRANSIENT_AUTH = Set.of("ExpiredToken", "ExpiredTokenException",
            "RequestExpired", "RequestTimeTooSkewed");

    private AwsErrors() {
    }

    /**
     * Classifies an exception thrown by an SDK call.
     *
     * @param unusableCodes service error codes meaning the destination can not work as configured
     * @param what          the destination, for messages, e.g. {@code Kinesis stream 'logs'}
     */
    public static Failure classify(Throwable error, Set<String> unusableCodes, String what) {
        if (error instanceof AwsServiceException) {
            AwsServiceException e = (AwsServiceException) error;
            String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
            code = code == null || code.isEmpty() ? "HTTP " + e.statusCode() : code;
            String message = e.awsErrorDetails() == null ? e.getMessage() : e.awsErrorDetails().errorMessage();
            return classifyService(code, e.statusCode(), message, unusableCodes, what);
        }
        if (error instanceof ApiCallAttemptTimeoutException || error instanceof ApiCallTimeoutException) {
            return Failure.retryable("Timeout", "no answer within requestTimeout: " + error.getMessage(), true);
        }
        if (error instanceof SdkClientException) {
            Throwable cause = rootCause(error);
            String message = String.valueOf(error.getMessage());
            if (cause instanceof ConnectException || cause instanceof UnknownHostException
                    || cause instanceof NoRouteToHostException) {
                // Nothing was sent: no duplicate risk.
                return Failure.retryable(cause.getClass().getSimpleName(), message, false);
            }
            if (cause instanceof IOException) {
                return Failure.retryable(cause.getClass().getSimpleName(), message, true);
            }
            if (message.contains("Unable to load credentials") || message.contains("Unable to load region")) {
                return Failure.unusable("ClientSetupFailed", message);
            }
            return Failure.retryable("SdkClientException", message, true);
        }
        return Failure.retryable(error.getClass().getSimpleName(), String.valueOf(error.getMessage()), true);
    }

    /** Classifies a service error code and HTTP status. */
    public static Failure classifyService(String code, int status, String message, Set<String> unusableCodes,
            String what) {
        if (unusableCodes.contains(code)) {
            return Failure.unusable(code, message);
        }
        if (THROTTLING.contains(code) || status == 429) {
            return Failure.retryable(code, message, false);
        }
        if (TRANSIENT_AUTH.contains(code)) {
            return Failure.retryable(code, message, false);
        }
        if (AUTH.contains(code) || status == 403) {
            return Failure.unusable(code, message + " (check the IAM permissions and credentials used for " + what + ")");
        }
        if (status >= 500) {
            return Failure.retryable(code, message, status != 503); // 503: refused before processing
        }
        return Failure.rejected(code, message);
    }

    private static Throwable rootCause(Throwable t) {
        Throwable current = t;
        for (int i = 0; i < 20 && current.getCause() != null && current.getCause() != current; i++) {
            current = current.getCause();
        }
        return current;
    }
}

package io.logbeam.core.cloudwatch;

import io.logbeam.core.aws.AwsErrors;
import io.logbeam.core.destination.Failure;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.cloudwatchlogs.model.RejectedLogEventsInfo;

import java.util.Set;

/**
 * How Logbeam reacts to each CloudWatch Logs error, in one place. The shared {@link AwsErrors} rules apply
 * (throttling, 5xx and network errors retry with backoff; access errors make the destination unusable with
 * one message); this class adds the CloudWatch Logs codes and reads {@code rejectedLogEventsInfo}.
 */
final class CloudWatchErrors {

    /** The group or the stream does not exist: create it (if allowed) and resend. */
    static final String RESOURCE_NOT_FOUND = "ResourceNotFoundException";
    /** Another writer created it first: as good as created. */
    static final String ALREADY_EXISTS = "ResourceAlreadyExistsException";

    /** PutLogEvents codes meaning nothing can be written as configured (e.g. a DELIVERY-class group). */
    private static final Set<String> UNUSABLE = Set.of("InvalidOperationException");
    /** Conflicting concurrent changes (several writers creating the same group): try again. */
    private static final Set<String> RETRYABLE = Set.of("OperationAbortedException", "ServiceUnavailableException");
    /** Too many log groups in the account: creating another can not work until someone acts. */
    private static final String LIMIT_EXCEEDED = "LimitExceededException";

    private CloudWatchErrors() {
    }

    /** The service's error code of {@code error}, or null when it is not a service error. */
    static String code(Throwable error) {
        if (error instanceof AwsServiceException) {
            AwsServiceException e = (AwsServiceException) error;
            return e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        }
        return null;
    }

    static boolean isResourceNotFound(Throwable error) {
        return RESOURCE_NOT_FOUND.equals(code(error));
    }

    static boolean isAlreadyExists(Throwable error) {
        return ALREADY_EXISTS.equals(code(error));
    }

    /**
     * Classifies a failed PutLogEvents call.
     *
     * @param what the destination and IAM action, for the message of access errors
     */
    static Failure classifyPut(Throwable error, String what) {
        String code = code(error);
        if (code != null && RETRYABLE.contains(code)) {
            return Failure.retryable(code, message(error), false);
        }
        return AwsErrors.classify(error, UNUSABLE, what);
    }

    /**
     * Classifies a failed CreateLogGroup / CreateLogStream call and says what could not be created.
     *
     * @param created e.g. {@code log stream 'app' in log group '/acme/orders'}
     * @param action  the IAM action it needs, e.g. {@code logs:CreateLogStream}
     */
    static Failure classifyCreate(Throwable error, String created, String action) {
        String code = code(error);
        Failure failure;
        if (code != null && (RETRYABLE.contains(code) || RESOURCE_NOT_FOUND.equals(code))) {
            // Not found right after creating the group: eventual consistency, try again shortly.
            failure = Failure.retryable(code, message(error), false);
        } else if (LIMIT_EXCEEDED.equals(code)) {
            failure = Failure.unusable(code, message(error) + " (the account's log group quota is reached)");
        } else {
            failure = AwsErrors.classify(error, Set.of(), action);
        }
        return new Failure(failure.kind(), failure.code(), "could not create " + created + " (" + action + "): "
                + failure.message(), failure.ambiguous());
    }

    /**
     * Per-entry failures for the events the service refused in an otherwise successful call, or null when
     * it took them all. Indices refer to the request as sent (sorted by time), so the too-old and expired
     * events are a prefix and the too-new ones a suffix.
     *
     * <p>The API reference calls the end indices both "the last event" and "exclusive", and emulators treat
     * them as the last refused event; they are read here as inclusive: if that is one too many, an event
     * that was stored also reaches the fallback (a duplicate), never the other way round (a silent loss).
     *
     * @param counted where the refused events are counted
     */
    static Failure[] rejections(RejectedLogEventsInfo info, int size, RejectedEvents counted) {
        if (info == null || size == 0) {
            return null;
        }
        Failure[] failures = new Failure[size];
        int marked = mark(failures, 0, info.tooOldLogEventEndIndex(), CloudWatchLimits.RejectReason.TOO_OLD, counted);
        marked += mark(failures, 0, info.expiredLogEventEndIndex(), CloudWatchLimits.RejectReason.EXPIRED, counted);
        Integer tooNewStart = info.tooNewLogEventStartIndex();
        if (tooNewStart != null) {
            marked += mark(failures, tooNewStart, size - 1, CloudWatchLimits.RejectReason.TOO_NEW, counted);
        }
        return marked == 0 ? null : failures;
    }

    /** Marks entries {@code from..to} (inclusive, clamped) not yet marked; returns how many it marked. */
    private static int mark(Failure[] failures, int from, Integer to, CloudWatchLimits.RejectReason reason,
            RejectedEvents counted) {
        if (to == null) {
            return 0;
        }
        Failure failure = Failure.rejected(reason.code, reason.rejectedByService());
        int marked = 0;
        for (int i = Math.max(0, from); i <= Math.min(to, failures.length - 1); i++) {
            if (failures[i] == null) {
                failures[i] = failure;
                marked++;
            }
        }
        counted.add(reason, marked);
        return marked;
    }

    private static String message(Throwable error) {
        if (error instanceof AwsServiceException && ((AwsServiceException) error).awsErrorDetails() != null) {
            return ((AwsServiceException) error).awsErrorDetails().errorMessage();
        }
        return String.valueOf(error.getMessage());
    }
}

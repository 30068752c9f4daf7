package io.logbeam.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Collects model-constraint failures and reports them the way the AWS front end does:
 * {@code "2 validation errors detected: Value ... at 'records.1.member.data' failed to satisfy constraint: ...; ..."}.
 */
final class ValidationErrors {

    private final List<String> errors = new ArrayList<>();

    void mustNotBeNull(String memberPath) {
        errors.add("Value null at '" + memberPath + "' failed to satisfy constraint: Member must not be null");
    }

    void maxLength(String memberPath, String shownValue, long max) {
        errors.add("Value " + shownValue + " at '" + memberPath
                + "' failed to satisfy constraint: Member must have length less than or equal to " + max);
    }

    void minLength(String memberPath, String shownValue, long min) {
        errors.add("Value " + shownValue + " at '" + memberPath
                + "' failed to satisfy constraint: Member must have length greater than or equal to " + min);
    }

    void maxValue(String memberPath, long value, long max) {
        errors.add("Value '" + value + "' at '" + memberPath
                + "' failed to satisfy constraint: Member must have value less than or equal to " + max);
    }

    void minValue(String memberPath, long value, long min) {
        errors.add("Value '" + value + "' at '" + memberPath
                + "' failed to satisfy constraint: Member must have value greater than or equal to " + min);
    }

    /** A required text member of 1 to {@code maxLength} characters; true if it is one. */
    boolean requiredText(String memberPath, String value, int maxLength) {
        if (value == null) {
            mustNotBeNull(memberPath);
            return false;
        }
        if (value.isEmpty() || value.length() > maxLength) {
            errors.add("Value " + Json.shown(value) + " at '" + memberPath
                    + "' failed to satisfy constraint: Member must have length between 1 and " + maxLength);
            return false;
        }
        return true;
    }

    /** The member must match {@code pattern}, which the service's message quotes as {@code shownPattern}. */
    void matches(String memberPath, String value, Pattern pattern, String shownPattern) {
        if (!pattern.matcher(value).matches()) {
            errors.add("Value " + Json.shown(value) + " at '" + memberPath
                    + "' failed to satisfy constraint: Member must satisfy regular expression pattern: " + shownPattern);
        }
    }

    void custom(String message) {
        errors.add(message);
    }

    boolean isEmpty() {
        return errors.isEmpty();
    }

    /** Throws the combined error under {@code errorCode} (Kinesis/Firehose: ValidationException, Logs:
     * InvalidParameterException) if anything was collected. */
    void throwIfAny(String errorCode) {
        if (errors.isEmpty()) {
            return;
        }
        String prefix = errors.size() == 1 ? "1 validation error detected: "
                : errors.size() + " validation errors detected: ";
        throw ServiceError.invalid(errorCode, prefix + String.join("; ", errors));
    }
}

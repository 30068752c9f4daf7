package io.logbeam.testkit;

/**
 * An error answer as the real service sends it: HTTP status, {@code __type} error code and message.
 *
 * <p>Thrown by the service fakes and turned into a response by the router.
 */
final class ServiceError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String code;
    /** Whether the caller broke a service rule (a limit or a malformed request) rather than hit a normal error. */
    private final boolean violation;

    ServiceError(int status, String code, String message, boolean violation) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.violation = violation;
    }

    int status() {
        return status;
    }

    String code() {
        return code;
    }

    boolean violation() {
        return violation;
    }

    /** A 400 caused by the request breaking a documented rule; recorded in the endpoint's violations. */
    static ServiceError invalid(String code, String message) {
        return new ServiceError(400, code, message, true);
    }

    /** A 400 that well-behaved clients meet in normal operation (missing or existing resource, ...). */
    static ServiceError client(String code, String message) {
        return new ServiceError(400, code, message, false);
    }

    static ServiceError resourceNotFound(String message) {
        return client("ResourceNotFoundException", message);
    }

    static ServiceError validation(String message) {
        return invalid("ValidationException", "1 validation error detected: " + message);
    }
}

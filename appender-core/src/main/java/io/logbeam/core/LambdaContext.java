package io.logbeam.core;

/**
 * The Lambda request being handled by this process, as told by {@code LogbeamLambda} or by a handler.
 * Captured on the application thread when an event is published, so an event keeps the request id of
 * the invocation that logged it even if it is encoded later.
 */
public final class LambdaContext {

    private static volatile String requestId;

    private LambdaContext() {
    }

    /** Sets the current invocation's request id (null when the invocation ends). */
    public static void setRequestId(String id) {
        requestId = id;
    }

    /** The current invocation's request id, or null. */
    public static String requestId() {
        return requestId;
    }
}

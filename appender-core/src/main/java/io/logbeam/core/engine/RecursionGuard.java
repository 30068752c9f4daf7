package io.logbeam.core.engine;

/**
 * Keeps Logbeam from shipping its own traffic: events logged on Logbeam's threads, or by the loggers of
 * the AWS SDK and the HTTP stacks under it, are never published. Without this an SDK debug line about
 * a PutRecords call would become an event, whose PutRecords call logs a line, and so on.
 */
public final class RecursionGuard {

    private static final String[] INTERNAL_LOGGER_PREFIXES = {
        "software.amazon.awssdk.",
        "software.amazon.eventstream.",
        "io.netty.",
        "org.apache.http.",
        "org.apache.hc.",
        "sun.net.www.",
        "jdk.internal.httpclient.",
        "io.logbeam.core.",
        "com.amazonaws.",
    };

    private RecursionGuard() {
    }

    /** Whether the calling thread belongs to a Logbeam shipper. */
    public static boolean onShipperThread() {
        return Thread.currentThread() instanceof ShipperThreads.ShipperThread;
    }

    /** Whether {@code loggerName} belongs to the AWS SDK, an HTTP client or Logbeam itself. */
    public static boolean isInternalLogger(String loggerName) {
        if (loggerName == null) {
            return false;
        }
        char first = loggerName.isEmpty() ? 0 : loggerName.charAt(0);
        if (first != 's' && first != 'i' && first != 'o' && first != 'j' && first != 'c') {
            return false; // cheap exit for most application loggers
        }
        for (String prefix : INTERNAL_LOGGER_PREFIXES) {
            if (loggerName.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** Whether an event of {@code loggerName} logged on the current thread must not be shipped. */
    public static boolean suppress(String loggerName) {
        return onShipperThread() || isInternalLogger(loggerName);
    }
}

package io.logbeam.core.fallback;

import io.logbeam.core.event.EncodedEvent;

import java.util.List;

/**
 * Receives the events that could not be delivered (permanent errors, retries exhausted, stop deadline,
 * destination unusable), with the reason. Called from Logbeam's own threads, and, for an event logged after its
 * appender began stopping (e.g. during JVM exit), from the logging thread, one call at a time. Implementations must
 * be thread-safe and must not log through the appender they serve.
 */
public interface Fallback {

    /** Takes {@code events} that appender {@code name} could not deliver, because of {@code reason}. */
    void undelivered(String name, List<EncodedEvent> events, String reason);

    /** Releases resources; the default does nothing. */
    default void close() {
    }
}

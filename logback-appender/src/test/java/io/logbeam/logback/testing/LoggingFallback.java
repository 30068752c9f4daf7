package io.logbeam.logback.testing;

import io.logbeam.core.event.EncodedEvent;
import io.logbeam.core.fallback.Fallback;

import ch.qos.logback.classic.LoggerContext;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A careless fallback that logs every undelivered event through Logback, on Logbeam's own thread, into
 * the very context whose appender failed: the recursion guard must keep those lines from being shipped.
 */
public final class LoggingFallback implements Fallback {

    /** The context to log into; set by the test. */
    public static volatile LoggerContext context;
    /** Events received. */
    public static final AtomicInteger RECEIVED = new AtomicInteger();

    @Override
    public void undelivered(String name, List<EncodedEvent> events, String reason) {
        for (EncodedEvent event : events) {
            RECEIVED.incrementAndGet();
            context.getLogger("com.acme.FallbackReport").warn("undelivered by {}: {}", name, event.jsonText());
        }
    }
}

package io.logbeam.log4j2.reliability;

import io.logbeam.core.event.EncodedEvent;
import io.logbeam.core.fallback.Fallback;

import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A careless fallback that logs each undelivered event through SLF4J, on Logbeam's own thread, with an ordinary
 * application logger name, into the context whose appender could not deliver it.
 */
public final class LoggingBackFallback implements Fallback {

    /** Events received. */
    static final AtomicInteger RECEIVED = new AtomicInteger();

    @Override
    public void undelivered(String name, List<EncodedEvent> events, String reason) {
        for (EncodedEvent event : events) {
            RECEIVED.incrementAndGet();
            LoggerFactory.getLogger("com.acme.FallbackReport").warn("undelivered by {}: {}", name, event.jsonText());
        }
    }
}

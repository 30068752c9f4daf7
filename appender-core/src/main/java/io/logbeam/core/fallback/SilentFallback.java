package io.logbeam.core.fallback;

import io.logbeam.core.event.EncodedEvent;

import java.util.List;

/**
 * {@code fallback=none}: undelivered events are not printed. They are still counted in the statistics
 * and summarised by the diagnostics, so nothing disappears without a trace.
 */
public final class SilentFallback implements Fallback {

    @Override
    public void undelivered(String name, List<EncodedEvent> events, String reason) {
        // counted by the caller
    }
}

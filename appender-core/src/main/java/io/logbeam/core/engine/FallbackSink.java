package io.logbeam.core.engine;

import io.logbeam.core.destination.BatchEntry;
import io.logbeam.core.event.EncodedEvent;
import io.logbeam.core.fallback.Fallback;
import io.logbeam.core.util.ProblemReporter;

import java.util.ArrayList;
import java.util.List;

/** Gives undelivered events to the configured fallback and counts them. */
final class FallbackSink {
    private final String name;
    private final Fallback fallback;
    private final ShipperStats stats;
    private final ProblemReporter problems;

    FallbackSink(String name, Fallback fallback, ShipperStats stats, ProblemReporter problems) {
        this.name = name;
        this.fallback = fallback;
        this.stats = stats;
        this.problems = problems;
    }

    void entries(List<BatchEntry> entries, String reason) {
        events(events(entries), reason);
    }

    static List<EncodedEvent> events(List<BatchEntry> entries) {
        List<EncodedEvent> events = new ArrayList<>();
        for (BatchEntry entry : entries) {
            events.addAll(entry.events());
        }
        return events;
    }

    void events(List<EncodedEvent> events, String reason) {
        if (events.isEmpty()) {
            return;
        }
        stats.fallback.add(events.size());
        try {
            fallback.undelivered(name, events, reason);
        } catch (RuntimeException | LinkageError e) {
            problems.once("fallback-failed", "the fallback " + fallback.getClass().getName() + " failed (" + e
                    + "); " + events.size() + " undelivered event(s) could not be written there");
        }
    }
}

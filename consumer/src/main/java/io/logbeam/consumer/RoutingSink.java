package io.logbeam.consumer;

import java.util.Map;
import java.util.TreeMap;

/**
 * An {@link EventSink} that routes each event first: events whose log type the allow-list does not name are
 * counted per type and go no further; the others reach {@link #kept}. What the handlers share.
 */
abstract class RoutingSink implements EventSink {

    private final LogTypeRouting routing;
    private final Map<String, Long> notAllowed = new TreeMap<>();

    RoutingSink(LogTypeRouting routing) {
        this.routing = routing;
    }

    @Override
    public final void event(LogEvent event) {
        LogTypeRouting.Route route = routing.route(event);
        if (route.kept()) {
            kept(event, route);
        } else {
            notAllowed(route.group());
        }
    }

    /** An event to keep, and where it goes. */
    abstract void kept(LogEvent event, LogTypeRouting.Route route);

    /** Counts one event of {@code group} as not allowed. */
    final void notAllowed(String group) {
        notAllowed.merge(group, 1L, Long::sum);
    }

    /** Events dropped so far, by log type. */
    final Map<String, Long> notAllowed() {
        return notAllowed;
    }
}

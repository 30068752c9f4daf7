package io.logbeam.core.reliability;

import io.logbeam.core.event.EncodedEvent;
import io.logbeam.core.fallback.Fallback;
import io.logbeam.core.testing.CapturingFallback;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A fallback configured by class name ({@code fallback=io.logbeam.core.reliability.RoutingFallback}), as a
 * user would configure their own, that hands each appender's undelivered events to the
 * {@link CapturingFallback} a scenario registered under the appender's name. Events of an unregistered
 * appender are kept under that name too, so nothing reaching a fallback goes unseen.
 */
public final class RoutingFallback implements Fallback {

    private static final Map<String, CapturingFallback> BY_APPENDER = new ConcurrentHashMap<>();

    /** Public no-argument constructor: instantiated by the settings from the class name. */
    public RoutingFallback() {
    }

    /** The capturing fallback of appender {@code name}, created on first use. */
    public static CapturingFallback of(String name) {
        return BY_APPENDER.computeIfAbsent(name, n -> new CapturingFallback());
    }

    /** Forgets appender {@code name} once its scenario is over. */
    public static void forget(String name) {
        BY_APPENDER.remove(name);
    }

    @Override
    public void undelivered(String name, List<EncodedEvent> events, String reason) {
        of(name).undelivered(name, events, reason);
    }
}

package io.logbeam.log4j2.testing;

import io.logbeam.core.event.EncodedEvent;
import io.logbeam.core.fallback.Fallback;

import java.util.ArrayList;
import java.util.List;

/** A fallback named by class in {@code fallback="..."}: records every undelivered event, JVM-wide. */
public final class RecordingFallback implements Fallback {

    private static final List<String> EVENTS = new ArrayList<>();

    @Override
    public void undelivered(String name, List<EncodedEvent> events, String reason) {
        synchronized (EVENTS) {
            for (EncodedEvent e : events) {
                EVENTS.add(name + "\t" + e.jsonText());
            }
        }
    }

    /** The undelivered events of appender {@code name}, as JSON text. */
    public static List<String> of(String name) {
        List<String> out = new ArrayList<>();
        synchronized (EVENTS) {
            for (String line : EVENTS) {
                if (line.startsWith(name + "\t")) {
                    out.add(line.substring(name.length() + 1));
                }
            }
        }
        return out;
    }
}

package io.logbeam.core.fallback;

import io.logbeam.core.event.EncodedEvent;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes each undelivered event as one line on standard error:
 * {@code LOGBEAM-FALLBACK<TAB>appender<TAB>reason<TAB>{json}}. The fixed prefix makes the lines easy to
 * grep out of mixed output and the JSON is the event exactly as it would have been shipped, so
 * {@code grep '^LOGBEAM-FALLBACK' err.log | cut -f4} recovers NDJSON that can be replayed.
 */
public final class StderrFallback implements Fallback {

    /** The line prefix. */
    public static final String PREFIX = "LOGBEAM-FALLBACK";

    @Override
    public void undelivered(String name, List<EncodedEvent> events, String reason) {
        String head = PREFIX + '\t' + oneLine(name) + '\t' + oneLine(reason) + '\t';
        byte[] headBytes = head.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream lines = new ByteArrayOutputStream(events.size() * 256);
        for (EncodedEvent event : events) {
            lines.write(headBytes, 0, headBytes.length);
            lines.write(event.json(), 0, event.size());
            lines.write('\n');
        }
        PrintStream err = System.err;
        // One write per batch: lines from concurrent writers do not interleave mid-line.
        synchronized (err) {
            err.write(lines.toByteArray(), 0, lines.size());
            err.flush();
        }
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replace('\t', ' ').replace('\n', ' ').replace('\r', ' ');
    }
}

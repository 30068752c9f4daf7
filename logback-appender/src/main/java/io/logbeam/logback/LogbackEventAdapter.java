package io.logbeam.logback;

import io.logbeam.core.event.EventAdapter;
import io.logbeam.core.event.FieldWriter;
import io.logbeam.core.event.LogTypeMarkers;
import io.logbeam.core.event.RetainedBytes;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads a Logback event for the core: level, logger, thread, formatted message, MDC, SLF4J 2 key-value
 * pairs, markers (with the markers they reference), the throwable with its causes and suppressed
 * exceptions, and caller data when it was captured.
 *
 * <p>The event must have been snapshotted with {@link ILoggingEvent#prepareForDeferredProcessing()} before
 * it is published: {@link #writeFields} runs later on the shipper's consumer thread. {@link #mdcValue},
 * {@link #keyValue} and {@link #markerValue} run on the application thread; the first two allocate nothing,
 * the marker lookup nothing for an event without markers. Stateless, so one instance serves every appender.
 */
public final class LogbackEventAdapter implements EventAdapter<ILoggingEvent> {

    /** Marker references followed at most; Logback's markers can not form cycles, other implementations might. */
    static final int MAX_MARKER_DEPTH = 8;

    private static final LogTypeMarkers.Tree<Marker> MARKERS = new LogTypeMarkers.Tree<>() {
        @Override
        public String name(Marker marker) {
            return marker.getName();
        }

        @Override
        public boolean hasChildren(Marker marker) {
            return marker.hasReferences();
        }

        @Override
        public Iterable<Marker> children(Marker marker) {
            return marker::iterator;
        }
    };

    @Override
    public long timeMillis(ILoggingEvent event) {
        return event.getTimeStamp();
    }

    @Override
    public String loggerName(ILoggingEvent event) {
        return event.getLoggerName();
    }

    @Override
    public String mdcValue(ILoggingEvent event, String key) {
        Map<String, String> mdc = event.getMDCPropertyMap();
        return mdc == null ? null : mdc.get(key);
    }

    @Override
    public Object keyValue(ILoggingEvent event, String key) {
        List<KeyValuePair> pairs = event.getKeyValuePairs();
        if (pairs == null) {
            return null;
        }
        // Indexed loop: no iterator on the application thread. The last pair with the key wins, as in a map.
        for (int i = pairs.size() - 1; i >= 0; i--) {
            KeyValuePair pair = pairs.get(i);
            if (pair != null && key.equals(pair.key)) {
                return pair.value;
            }
        }
        return null;
    }

    /**
     * The event's markers in order, then (level by level, to {@link #MAX_MARKER_DEPTH}) the markers they
     * reference: the first name that starts with {@code prefix} gives the rest of it.
     */
    @Override
    public String markerValue(ILoggingEvent event, String prefix) {
        List<Marker> markers = event.getMarkerList();
        return markers == null ? null : LogTypeMarkers.fromMarkers(markers, MARKERS, prefix, MAX_MARKER_DEPTH);
    }

    /**
     * The snapshot's formatted message, its MDC copy, key-value pairs and arguments, and its throwable, counted
     * from lengths and sizes only (see {@link RetainedBytes}).
     */
    @Override
    public long retainedBytes(ILoggingEvent event) {
        String message = event.getFormattedMessage(); // formatted by prepareForDeferredProcessing already
        long bytes = RetainedBytes.EVENT + (message == null ? 0 : RetainedBytes.text(message.length()));
        Map<String, String> mdc = event.getMDCPropertyMap();
        List<KeyValuePair> pairs = event.getKeyValuePairs();
        Object[] arguments = event.getArgumentArray();
        int entries = (mdc == null ? 0 : mdc.size()) + (pairs == null ? 0 : pairs.size())
                + (arguments == null ? 0 : arguments.length);
        bytes += RetainedBytes.ENTRY * entries;
        if (event.getThrowableProxy() != null) {
            bytes += RetainedBytes.THROWABLE;
        }
        if (event instanceof CapturedKeyValues) {
            bytes += ((CapturedKeyValues) event).renderedBytes(); // summed once, when the values were captured
        }
        return bytes;
    }

    @Override
    public void writeFields(ILoggingEvent event, FieldWriter out) throws IOException {
        Level level = event.getLevel();
        out.level(level == null ? null : level.levelStr);
        out.logger(event.getLoggerName());
        out.thread(event.getThreadName());
        out.message(event.getFormattedMessage());
        if (out.includesMdc()) {
            writeMdc(event, out);
        }
        if (out.includesKeyValues()) {
            writeKeyValues(event, out);
        }
        if (out.includesMarkers()) {
            writeMarkers(event, out);
        }
        writeException(event.getThrowableProxy(), out);
        if (out.includesCallerData() && event.hasCallerData()) {
            // Only what the application thread captured: computing it here would describe the consumer's stack.
            StackTraceElement[] callerData = event.getCallerData();
            if (callerData != null && callerData.length > 0 && callerData[0] != null) {
                StackTraceElement caller = callerData[0];
                out.caller(caller.getClassName(), caller.getMethodName(), caller.getFileName(), caller.getLineNumber());
            }
        }
    }

    private static void writeMdc(ILoggingEvent event, FieldWriter out) throws IOException {
        Map<String, String> mdc = event.getMDCPropertyMap();
        if (mdc == null) {
            return;
        }
        for (Map.Entry<String, String> entry : mdc.entrySet()) {
            out.mdc(entry.getKey(), entry.getValue());
        }
    }

    private static void writeKeyValues(ILoggingEvent event, FieldWriter out) throws IOException {
        List<KeyValuePair> pairs = event.getKeyValuePairs();
        if (pairs == null) {
            return;
        }
        for (KeyValuePair pair : pairs) {
            if (pair != null) {
                out.keyValue(pair.key, pair.value);
            }
        }
    }

    private static void writeMarkers(ILoggingEvent event, FieldWriter out) throws IOException {
        List<Marker> markers = event.getMarkerList();
        if (markers == null || markers.isEmpty()) {
            return;
        }
        List<String> written = new ArrayList<>(4);
        for (Marker marker : markers) {
            writeMarker(marker, out, written, 0);
        }
    }

    /** Writes the marker and, flattened after it, the markers it references; each name once. */
    private static void writeMarker(Marker marker, FieldWriter out, List<String> written, int depth) throws IOException {
        if (marker == null) {
            return;
        }
        if (depth > MAX_MARKER_DEPTH) {
            out.markTruncated(); // references nested deeper than this are left out
            return;
        }
        String name = marker.getName();
        if (!written.contains(name)) {
            written.add(name);
            out.marker(name);
        }
        if (marker.hasReferences()) {
            Iterator<Marker> references = marker.iterator();
            while (references.hasNext()) {
                writeMarker(references.next(), out, written, depth + 1);
            }
        }
    }

    private static void writeException(IThrowableProxy proxy, FieldWriter out) throws IOException {
        if (proxy == null) {
            return;
        }
        if (proxy instanceof ThrowableProxy) {
            Throwable thrown = ((ThrowableProxy) proxy).getThrowable();
            if (thrown != null) {
                out.exception(thrown);
                return;
            }
        }
        // An event from another process (SocketAppender, serialized): only the rendering is left.
        out.exception(proxy.getClassName(), proxy.getMessage(), ThrowableProxyUtil.asString(proxy));
    }
}

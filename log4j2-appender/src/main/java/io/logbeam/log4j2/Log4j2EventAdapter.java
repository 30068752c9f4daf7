package io.logbeam.log4j2;

import io.logbeam.core.event.EventAdapter;
import io.logbeam.core.event.FieldWriter;
import io.logbeam.core.event.LogTypeMarkers;
import io.logbeam.core.event.LoggedValues;

import org.apache.logging.log4j.Marker;
import org.apache.logging.log4j.ThreadContext;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.StringLayout;
import org.apache.logging.log4j.message.MapMessage;
import org.apache.logging.log4j.message.Message;
import org.apache.logging.log4j.message.ObjectMessage;
import org.apache.logging.log4j.message.ReusableMessage;
import org.apache.logging.log4j.util.ReadOnlyStringMap;
import org.apache.logging.log4j.util.TriConsumer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Maps a Log4j2 {@link LogEvent} to the Logbeam JSON schema.
 *
 * <ul>
 *   <li>{@code level}, {@code logger}, {@code thread}: the event's level name, logger name (empty for the root
 *       logger, as Log4j2 names it) and thread name.</li>
 *   <li>{@code message}: the formatted message; an {@code ObjectMessage} is its object's {@code toString()}
 *       (taken on the logging thread; if that throws, a text saying so). For a {@code MapMessage} (including {@code StringMapMessage}) it is the
 *       entry named {@code message} when there is one, else the free text of a {@code StructuredDataMessage},
 *       else Log4j2's own rendering ({@code k1="v1" k2="v2"}). With a nested Layout, the layout's text instead.</li>
 *   <li>{@code mdc}: the event's context data (the {@code ThreadContext} map plus whatever a
 *       {@code ContextDataInjector} adds).</li>
 *   <li>{@code kv}: the entries of a {@code MapMessage} (except a {@code message} entry used as the message), each
 *       value as JSON (numbers, booleans, maps, lists, objects: see {@code LoggedValues}). {@link #keyValue} finds
 *       them, so {@code logTypeFrom} and partition keys can use them. The object of an {@code ObjectMessage}
 *       ({@code logger.info(order)}), when it is structured (a map, a collection, an array, an object), as the
 *       key-value {@value #OBJECT_KEY}; its text stays the message.</li>
 *   <li>{@code markers}: the marker, then its parents, each name once. {@link #markerValue} looks for the
 *       {@code logTypeMarkerPrefix} in the same names, the marker's own first.</li>
 *   <li>{@code ndc}: the {@code ThreadContext} stack, outermost first.</li>
 *   <li>{@code exception}: {@code getThrown()}; {@code caller}: {@code getSource()}, only with
 *       {@code includeCallerData} (the location is captured on the logging thread).</li>
 * </ul>
 *
 * <p>The events it sees are the ring's {@link Log4j2EventCarrier}s, filled by the appender on the logging thread and
 * left alone until this encoder has read them, so reading them on the consumer thread is safe even when Log4j2 reuses
 * its own event objects (garbage-free mode, async loggers). The message of a carrier is its text, formatted on the
 * logging thread; for a {@code MapMessage}, its entries copied and captured on the logging thread, the text made from
 * them here (with a nested layout, a copy of the whole message). Any other {@link LogEvent} that stays valid (e.g. Log4j2's
 * immutable {@code Log4jLogEvent}) is read the same way.
 */
public final class Log4j2EventAdapter implements EventAdapter<LogEvent> {

    static final int MAX_MARKER_DEPTH = 16;
    /** The key-value an {@code ObjectMessage}'s structured object is written under. */
    static final String OBJECT_KEY = "object";

    private static final LogTypeMarkers.Tree<Marker> MARKERS = new LogTypeMarkers.Tree<>() {
        @Override
        public String name(Marker marker) {
            return marker.getName();
        }

        @Override
        public boolean hasChildren(Marker marker) {
            return marker.hasParents();
        }

        @Override
        public Iterable<Marker> children(Marker marker) {
            Marker[] parents = marker.getParents(); // a copy: only for markers that have parents
            return parents == null ? List.of() : Arrays.asList(parents);
        }
    };

    private static final TriConsumer<String, Object, FieldWriter> CONTEXT_ENTRY = (key, value, out) -> {
        try {
            out.mdc(key, value == null || value instanceof String ? (String) value : FieldWriter.safeToString(value));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    };

    private static final TriConsumer<String, Object, FieldWriter> MAP_ENTRY = (key, value, out) -> {
        if (MapMessages.MESSAGE_ENTRY.equals(key)) {
            return; // written as the message
        }
        try {
            out.keyValue(key, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    };

    private volatile StringLayout layout;

    /** An encoder writing the formatted message. */
    public Log4j2EventAdapter() {
        this(null);
    }

    /**
     * @param layout renders the {@code message} field instead of the formatted message; null for none
     */
    public Log4j2EventAdapter(StringLayout layout) {
        this.layout = layout;
    }

    /** Replaces the layout (a reconfiguration that keeps the running shipper brings its own layout instance). */
    void layout(StringLayout value) {
        this.layout = value;
    }

    @Override
    public long timeMillis(LogEvent event) {
        return event.getTimeMillis();
    }

    @Override
    public String loggerName(LogEvent event) {
        return event.getLoggerName();
    }

    @Override
    public String mdcValue(LogEvent event, String key) {
        ReadOnlyStringMap data = event.getContextData();
        if (data == null) {
            return null;
        }
        Object value = data.getValue(key);
        return value == null || value instanceof String ? (String) value : FieldWriter.safeToString(value);
    }

    @Override
    public Object keyValue(LogEvent event, String key) {
        ReadOnlyStringMap entries = mapEntries(event);
        return entries == null ? null : entries.getValue(key);
    }

    /**
     * What a ring carrier holds (see {@link Log4j2EventCarrier#retainedBytes}); the appender only publishes carriers.
     */
    @Override
    public long retainedBytes(LogEvent event) {
        return event instanceof Log4j2EventCarrier ? ((Log4j2EventCarrier) event).retainedBytes()
                : EventAdapter.super.retainedBytes(event);
    }

    /**
     * The event's marker, then (level by level, to {@link #MAX_MARKER_DEPTH}) its parents: the first name that
     * starts with {@code prefix} gives the rest of it. Nothing is allocated for an event without a marker, nor
     * for a marker without parents that does not match.
     */
    @Override
    public String markerValue(LogEvent event, String prefix) {
        return LogTypeMarkers.fromMarker(event.getMarker(), MARKERS, prefix, MAX_MARKER_DEPTH);
    }

    @Override
    public void writeFields(LogEvent event, FieldWriter out) throws IOException {
        out.level(event.getLevel() == null ? null : event.getLevel().name());
        out.logger(event.getLoggerName());
        out.thread(event.getThreadName());
        out.message(message(event));
        try {
            if (out.includesMdc()) {
                ReadOnlyStringMap data = event.getContextData();
                if (data != null && !data.isEmpty()) {
                    data.forEach(CONTEXT_ENTRY, out);
                }
            }
            ReadOnlyStringMap entries = out.includesKeyValues() ? mapEntries(event) : null;
            if (entries != null) {
                entries.forEach(MAP_ENTRY, out);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        Object object = out.includesKeyValues() ? structuredObject(event) : null;
        if (object != null) {
            out.keyValue(OBJECT_KEY, object);
        }
        if (out.includesMarkers() && event.getMarker() != null) {
            writeMarkers(event.getMarker(), out);
        }
        ThreadContext.ContextStack stack = event.getContextStack();
        if (out.includesMdc() && stack != null && stack.getDepth() > 0) {
            List<String> entries = stack.asList();
            for (int i = 0; i < entries.size(); i++) {
                out.ndc(entries.get(i));
            }
        }
        out.exception(event.getThrown());
        if (out.includesCallerData()) {
            StackTraceElement source = event.getSource();
            if (source != null) {
                out.caller(source.getClassName(), source.getMethodName(), source.getFileName(),
                        source.getLineNumber());
            }
        }
    }

    private String message(LogEvent event) {
        StringLayout renderer = layout;
        if (renderer != null) {
            try {
                return renderer.toSerializable(event);
            } catch (RuntimeException e) {
                return formatted(event) + " [layout failed: " + e + "]";
            }
        }
        Message message = event.getMessage();
        if (message instanceof MapMessage) {
            try {
                if (event instanceof Log4j2EventCarrier) {
                    return ((Log4j2EventCarrier) event).mapText(); // from the entries captured at the call
                }
                StringBuilder text = new StringBuilder();
                MapMessage<?, ?> map = (MapMessage<?, ?>) message;
                MapMessages.appendText(map, map.getIndexedReadOnlyStringMap(), text);
                return text.toString();
            } catch (RuntimeException | LinkageError e) {
                return "[message could not be formatted: " + e + "]";
            }
        }
        return formatted(event);
    }

    /** The entries of the event's {@code MapMessage} (a carrier captured them on the logging thread), or null. */
    private static ReadOnlyStringMap mapEntries(LogEvent event) {
        if (event instanceof Log4j2EventCarrier) {
            return ((Log4j2EventCarrier) event).mapEntries();
        }
        Message message = event.getMessage();
        return message instanceof MapMessage ? ((MapMessage<?, ?>) message).getIndexedReadOnlyStringMap() : null;
    }

    /** The structured object of the event's {@code ObjectMessage} (captured at the call by a carrier), or null. */
    private static Object structuredObject(LogEvent event) {
        if (event instanceof Log4j2EventCarrier) {
            return ((Log4j2EventCarrier) event).objectValue();
        }
        return loggedObject(event.getMessage());
    }

    /**
     * The object of an {@code ObjectMessage} when it is structured (a map, a collection, an array, a POJO); null for
     * any other message and for a scalar, whose text the message already is. In garbage-free mode
     * {@code logger.info(object)} makes a {@code ReusableObjectMessage}, which Log4j2's reused events take apart into
     * their own parameters: such a message is recognised by its shape, no format and one parameter (every other
     * reusable message has a format).
     */
    static Object loggedObject(Message message) {
        Object object;
        if (message instanceof ObjectMessage) {
            object = ((ObjectMessage) message).getParameter();
        } else if (message instanceof ReusableMessage && message.getFormat() == null
                && ((ReusableMessage) message).getParameterCount() == 1) {
            object = message.getParameters()[0];
        } else {
            return null;
        }
        return LoggedValues.isScalar(object) ? null : object;
    }

    private static String formatted(LogEvent event) {
        Message message = event.getMessage();
        if (message == null) {
            return null;
        }
        try {
            return message.getFormattedMessage();
        } catch (RuntimeException | LinkageError e) {
            return "[message could not be formatted: " + e + "]";
        }
    }

    /** The marker and its ancestors, each name once, depth-first. */
    private static void writeMarkers(Marker marker, FieldWriter out) throws IOException {
        if (!marker.hasParents()) {
            out.marker(marker.getName()); // the common case: no bookkeeping
            return;
        }
        List<String> written = new ArrayList<>();
        writeMarker(marker, out, written, 0);
    }

    private static void writeMarker(Marker marker, FieldWriter out, List<String> written, int depth)
            throws IOException {
        if (written.contains(marker.getName())) {
            return;
        }
        written.add(marker.getName());
        out.marker(marker.getName());
        if (marker.hasParents()) {
            if (depth >= MAX_MARKER_DEPTH) {
                out.markTruncated(); // parents nested deeper than this are left out
                return;
            }
            for (Marker parent : marker.getParents()) {
                writeMarker(parent, out, written, depth + 1);
            }
        }
    }
}

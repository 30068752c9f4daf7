package io.logbeam.log4j2;

import io.logbeam.core.event.EventCarriers;
import io.logbeam.core.event.EventCopier;
import io.logbeam.core.event.FieldWriter;
import io.logbeam.core.event.LoggedValues;
import io.logbeam.core.event.RetainedBytes;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.Marker;
import org.apache.logging.log4j.ThreadContext;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.core.impl.ThrowableProxy;
import org.apache.logging.log4j.core.time.Instant;
import org.apache.logging.log4j.core.time.MutableInstant;
import org.apache.logging.log4j.core.util.Constants;
import org.apache.logging.log4j.message.MapMessage;
import org.apache.logging.log4j.util.IndexedReadOnlyStringMap;
import org.apache.logging.log4j.message.Message;
import org.apache.logging.log4j.message.SimpleMessage;
import org.apache.logging.log4j.util.ReadOnlyStringMap;
import org.apache.logging.log4j.util.SortedArrayStringMap;
import org.apache.logging.log4j.util.StringBuilderFormattable;
import org.apache.logging.log4j.util.StringMap;
import org.apache.logging.log4j.util.TriConsumer;

import java.util.Map;

/**
 * One ring slot's copy of a Log4j2 event: preallocated by the shipper (one per slot, see {@link EventCarriers}),
 * filled in place on the logging thread by {@link #copyFrom}, read by {@link Log4j2EventAdapter} (and a nested layout)
 * on the consumer thread, then {@link #clear() cleared} before the slot is reused. A log call therefore copies into
 * memory that already exists, as Log4j2's own async loggers do with their ring of reused events, instead of
 * allocating an immutable {@code Log4jLogEvent} memento.
 *
 * <p>What {@link #copyFrom} takes from the event, on the logging thread:
 * <ul>
 *   <li>level, logger name, logger FQCN, marker, thrown, instant, nano time,
 *       thread name, id and priority: references and values (the instant as its seconds and nanoseconds);</li>
 *   <li>context data: the reference when the event's map is frozen ({@link StringMap#isFrozen()}: Log4j2 never
 *       changes a frozen map, and its default {@code ThreadContext} map gives each event a frozen view of an
 *       immutable copy; Log4j2's own memento keeps the reference as well) and every value in it is immutable (an
 *       {@code ObjectThreadContextMap} or a {@code ContextDataInjector} can put a mutable object into a frozen map:
 *       the map does not change, the object can); else copied into this carrier's own
 *       {@link SortedArrayStringMap} (garbage-free mode: the event's map is reused), which copies arrays without
 *       allocating once it is large enough;</li>
 *   <li>context stack: the reference. Log4j2 fills events with {@code ThreadContext.getImmutableStack()}, a copy
 *       that {@code push}/{@code pop} never change (Log4j2's own memento keeps the reference as well);</li>
 *   <li>the caller's location ({@code getSource()}), only when {@code captureLocation}: it is computed now, from the
 *       logging thread's stack, never later;</li>
 *   <li>the message, see below.</li>
 * </ul>
 *
 * <p>The message is formatted now, into this carrier's reused {@link StringBuilder}, unless it is a
 * {@link MapMessage} (including {@code StringMapMessage} and {@code StructuredDataMessage}): a reusable message
 * ({@code ReusableMessage}: garbage-free mode, async loggers) or one that formats itself
 * ({@link StringBuilderFormattable}: parameterized, simple and object messages) writes its text into the builder
 * without an intermediate {@code String}; any other message appends its {@code getFormattedMessage()}. Formatting
 * now also freezes mutable arguments and calls an {@code ObjectMessage}'s {@code toString()} on the logging thread;
 * when that throws, the text says so and the rest of the event ships. A {@link MapMessage} ({@code StringMapMessage},
 * {@code StructuredDataMessage}) is mutable ({@code with}, {@code put}, {@code remove}) and may hold mutable values,
 * while the encoder needs its entries later as typed key-values (numbers stay numbers) and its text: its entries are
 * copied now, each value as {@link LoggedValues} keeps it (immutable ones by reference, others as their text of now),
 * and its text is made from that copy on the consumer thread ({@link MapMessages}). With a nested layout, which may
 * read a {@code MapMessage} as such, a copy of the whole message is kept instead. Values of a context map that is not
 * frozen (garbage-free mode) are captured the same way.
 *
 * <p>Memory: a carrier retains what its largest recent event needed, bounded like Log4j2's reusable events: the
 * message builder is cut back to {@code log4j.maxReusableMsgSize} characters (Log4j2's property, default 518) when
 * it grew past that, and the context map is replaced when it held more than {@value #MAX_KEPT_CONTEXT_ENTRIES}
 * entries. The builder is allocated on the carrier's first use, so an idle ring costs little.
 *
 * <p>The copy touches as little of the carrier as it can: a carrier is reused only once the ring has gone round, so
 * its memory is usually out of the logging thread's caches, and each object it has to read on the way (rather than
 * only write) costs a cache miss during the log call. Hence the instant kept as two fields, and the map and the
 * builder only read when they are used.
 *
 * <p>Not thread-safe: one thread fills it (the one that claimed the slot), then one thread reads it (the consumer,
 * or the thread stopping the shipper); the ring's sequence publishes the writes.
 */
public final class Log4j2EventCarrier implements LogEvent {

    private static final long serialVersionUID = 1L;

    /** What a carrier retains of a huge message: Log4j2's own limit for its reusable messages. */
    static final int MAX_KEPT_MESSAGE_CHARS = Constants.MAX_REUSABLE_MESSAGE_SIZE;
    /** A context map that held more entries than this is replaced rather than kept at that size. */
    static final int MAX_KEPT_CONTEXT_ENTRIES = 128;
    private static final int INITIAL_MESSAGE_CHARS = 128;
    private static final Object[] NO_PARAMETERS = new Object[0];

    /** The carriers of one shipper's ring. */
    static final EventCarriers<LogEvent> CARRIERS = new EventCarriers<>() {
        @Override
        public LogEvent newCarrier() {
            return new Log4j2EventCarrier();
        }

        @Override
        public void release(LogEvent carrier) {
            ((Log4j2EventCarrier) carrier).clear();
        }
    };

    /**
     * Copies a context entry, a mutable value as its text of now: context values are written as text (a static lambda:
     * no allocation).
     */
    private static final TriConsumer<String, Object, StringMap> CAPTURE_ENTRY = (key, value, map) ->
            map.putValue(key, LoggedValues.isImmutable(value) ? value : FieldWriter.safeToString(value));
    private static final TriConsumer<String, Object, Log4j2EventCarrier> NOTE_MUTABLE_VALUE = (key, value, carrier) -> {
        if (!LoggedValues.isImmutable(value)) {
            carrier.mutableContextValue = true;
        }
    };

    private final MutableInstant instant = new MutableInstant(); // filled from the two fields below when asked
    private long epochSecond;
    private int nanoOfSecond;
    private final Text text = new Text();
    private SortedArrayStringMap ownContextData = new SortedArrayStringMap();
    private ReadOnlyStringMap contextData = ownContextData; // ownContextData or a frozen map of the event
    private boolean mutableContextValue; // scratch of holdsOnlyImmutableValues, which must not allocate
    private SortedArrayStringMap mapEntries; // a MapMessage's entries, copied and captured at the call; else null
    private Object objectValue; // an ObjectMessage's structured object, captured at the call; else null
    private long renderedBytes; // what the values rendered at the call take (RetainedBytes.rendered)
    private StringBuilder messageText; // allocated at first use
    private Message message; // text, a kept MapMessage, or null
    private String loggerFqcn;
    private String loggerName;
    private Level level;
    private Marker marker;
    private Throwable thrown;
    private ThrowableProxy thrownProxy; // made on demand, for layouts that ask
    private ThreadContext.ContextStack contextStack;
    private StackTraceElement source;
    private long nanoTime;
    private String threadName;
    private long threadId;
    private int threadPriority;
    private boolean endOfBatch;

    /** An empty carrier; {@link #copyFrom} fills it. */
    public Log4j2EventCarrier() {
    }

    /**
     * Copies events into carriers, with ({@code captureLocation}) or without the caller's location, capturing logged
     * values with {@code values} (the appender's); with {@code forLayout}, a {@code MapMessage} is kept as a (copied)
     * {@code MapMessage} for a nested layout to read. One copier per appender, made once.
     */
    static EventCopier<LogEvent> copier(boolean captureLocation, boolean forLayout, LoggedValues values) {
        return (source, carrier) -> ((Log4j2EventCarrier) carrier).copyFrom(source, captureLocation, forLayout, values);
    }

    /**
     * Fills this (empty) carrier from {@code event} (see the class comment), with Logbeam's default capture of values:
     * afterwards nothing it holds changes when Log4j2 reuses {@code event} or its message. Never throws for a message
     * that can not be formatted.
     *
     * @param captureLocation whether to take the caller's location from {@code event} now
     */
    public void copyFrom(LogEvent event, boolean captureLocation) {
        copyFrom(event, captureLocation, false, LoggedValues.defaults());
    }

    /**
     * As {@link #copyFrom(LogEvent, boolean)}, capturing values with {@code values}; with {@code forLayout}, a
     * {@code MapMessage} is kept as a copied {@code MapMessage} (a nested layout may read it as one) instead of as text
     * and captured entries.
     */
    public void copyFrom(LogEvent event, boolean captureLocation, boolean forLayout, LoggedValues values) {
        loggerFqcn = event.getLoggerFqcn();
        loggerName = event.getLoggerName();
        level = event.getLevel();
        marker = event.getMarker();
        thrown = event.getThrown();
        Instant time = event.getInstant();
        epochSecond = time.getEpochSecond();
        nanoOfSecond = time.getNanoOfSecond();
        nanoTime = event.getNanoTime();
        threadName = event.getThreadName();
        threadId = event.getThreadId();
        threadPriority = event.getThreadPriority();
        endOfBatch = false;
        source = captureLocation ? event.getSource() : null;
        ReadOnlyStringMap data = event.getContextData();
        if (data instanceof StringMap && ((StringMap) data).isFrozen() && holdsOnlyImmutableValues(data)) {
            contextData = data; // nothing in it can change, see the class comment
        } else {
            if (data != null) {
                data.forEach(CAPTURE_ENTRY, ownContextData); // empty: cleared at the release
            }
            contextData = ownContextData;
        }
        contextStack = event.getContextStack();
        copyMessage(event.getMessage(), forLayout, values);
    }

    /** Whether every value of {@code data} is immutable (in Log4j2's default {@code ThreadContext}: strings). */
    private boolean holdsOnlyImmutableValues(ReadOnlyStringMap data) {
        mutableContextValue = false;
        data.forEach(NOTE_MUTABLE_VALUE, this);
        return !mutableContextValue;
    }

    private void copyMessage(Message original, boolean forLayout, LoggedValues values) {
        if (original == null) {
            message = null;
            return;
        }
        if (original instanceof MapMessage) {
            MapMessage<?, ?> map = (MapMessage<?, ?>) original;
            if (forLayout) {
                message = copyOf(map, values); // see the class comment
            } else {
                mapEntries = capturedEntries(map.getIndexedReadOnlyStringMap(), values);
                for (int i = 0; i < mapEntries.size(); i++) {
                    renderedBytes += RetainedBytes.rendered(mapEntries.getValueAt(i));
                }
                message = map; // only for its kind and a StructuredDataMessage's free text: see mapText()
            }
            return;
        }
        Object object = Log4j2EventAdapter.loggedObject(original);
        if (object != null) {
            objectValue = values.capture(object);
            renderedBytes += RetainedBytes.rendered(objectValue);
        }
        StringBuilder out = messageText;
        if (out == null) {
            out = new StringBuilder(INITIAL_MESSAGE_CHARS);
            messageText = out;
        }
        out.setLength(0);
        try {
            if (original instanceof StringBuilderFormattable) {
                ((StringBuilderFormattable) original).formatTo(out);
            } else {
                out.append(original.getFormattedMessage());
            }
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            // e.g. an ObjectMessage whose toString() throws: ship the event, say why its text is missing
            out.setLength(0);
            out.append("[message could not be formatted: ").append(e).append(']');
        }
        message = text;
    }

    /**
     * A copy of {@code entries} with each value as {@link LoggedValues#capture} keeps it. A fresh copy (a few small
     * allocations on the logging thread, hot in its cache) costs less than writing into memory the carrier keeps,
     * which is cold by the time the ring comes round to it again; values are only rendered when mutable.
     */
    private static SortedArrayStringMap capturedEntries(IndexedReadOnlyStringMap entries, LoggedValues values) {
        SortedArrayStringMap copy = new SortedArrayStringMap(entries);
        for (int i = 0; i < copy.size(); i++) {
            Object value = copy.getValueAt(i);
            if (!LoggedValues.isImmutable(value)) {
                copy.putValue(copy.getKeyAt(i), values.capture(value));
            }
        }
        return copy;
    }

    /**
     * A copy of {@code map} made now, with each value as {@link LoggedValues#capture} keeps it, for a nested layout:
     * of the same kind ({@code MapMessage#newInstance}: a {@code StructuredDataMessage} keeps its id, type and text),
     * so the layout sees what it would have seen. Only with a layout: it allocates a map and a message per event.
     */
    private static Message copyOf(MapMessage<?, ?> map, LoggedValues values) {
        return copyOf(map, capturedEntries(map.getIndexedReadOnlyStringMap(), values));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Message copyOf(MapMessage<?, ?> kind, ReadOnlyStringMap entries) {
        return ((MapMessage) kind).newInstance(entries.toMap());
    }

    /**
     * Empties this carrier once its event is encoded: drops every reference to the application's objects and cuts
     * back memory a huge event made it grow.
     */
    public void clear() {
        loggerFqcn = null;
        loggerName = null;
        level = null;
        marker = null;
        thrown = null;
        thrownProxy = null;
        contextStack = null;
        source = null;
        threadName = null;
        message = null;
        if (ownContextData.size() > MAX_KEPT_CONTEXT_ENTRIES) {
            ownContextData = new SortedArrayStringMap();
        } else {
            ownContextData.clear();
        }
        contextData = ownContextData;
        mapEntries = null;
        objectValue = null;
        renderedBytes = 0;
        StringBuilder out = messageText;
        if (out != null) {
            if (out.capacity() > MAX_KEPT_MESSAGE_CHARS) {
                out.setLength(MAX_KEPT_MESSAGE_CHARS);
                out.trimToSize(); // a new array of the kept size, on the consumer thread
            }
            out.setLength(0);
        }
    }

    /**
     * For the ring's byte budget: what this filled carrier holds beyond its own fixed size, from lengths and sizes
     * only (see {@link RetainedBytes}). The message builder counts its text: capacity kept from earlier events is part
     * of the slot's fixed cost.
     */
    long retainedBytes() {
        long bytes = RetainedBytes.EVENT;
        int entries = contextData.size() + (contextStack == null ? 0 : contextStack.getDepth());
        if (message == text) {
            bytes += RetainedBytes.text(messageText.length());
        } else if (message instanceof MapMessage) {
            entries += mapEntries().size();
        }
        bytes += RetainedBytes.ENTRY * entries + renderedBytes;
        return thrown == null ? bytes : bytes + RetainedBytes.THROWABLE;
    }

    /**
     * The entries of the event's {@code MapMessage}, captured on the logging thread (or the kept copy's, with a
     * layout); null when the message was not a {@code MapMessage}. The encoder writes them as key-values.
     */
    ReadOnlyStringMap mapEntries() {
        if (mapEntries != null) {
            return mapEntries;
        }
        return message instanceof MapMessage ? ((MapMessage<?, ?>) message).getIndexedReadOnlyStringMap() : null;
    }

    /**
     * The object of an event logged with an {@code ObjectMessage} (Log4j2's {@code logger.info(object)}) when it is
     * structured (a map, a collection, an array, a POJO), as captured at the call; else null.
     */
    Object objectValue() {
        return objectValue;
    }

    /**
     * The message text of an event logged with a {@code MapMessage} ({@link MapMessages}), from the entries captured
     * at the call; on the consumer thread. Null when the message was not one.
     */
    String mapText() {
        if (!(message instanceof MapMessage)) {
            return null;
        }
        StringBuilder out = new StringBuilder();
        MapMessages.appendText((MapMessage<?, ?>) message, mapEntries(), out);
        return out.toString();
    }

    /** Characters the message builder holds on to (tests: a huge message must not pin its memory). */
    int retainedMessageCapacity() {
        return messageText == null ? 0 : messageText.capacity();
    }

    /** An immutable copy, for code that keeps the event beyond the moment this carrier is read. */
    @Override
    public LogEvent toImmutable() {
        Log4jLogEvent.Builder copy = new Log4jLogEvent.Builder(this).setIncludeLocation(false);
        if (message == text) {
            copy.setMessage(new SimpleMessage(messageText.toString())); // the text view reads the reused builder
        } else if (mapEntries != null) {
            copy.setMessage(copyOf((MapMessage<?, ?>) message, mapEntries)); // what was logged, not the map now
        }
        return copy.build();
    }

    @Override
    @SuppressWarnings("deprecation")
    public Map<String, String> getContextMap() {
        return contextData.toMap();
    }

    @Override
    public ReadOnlyStringMap getContextData() {
        return contextData;
    }

    @Override
    public ThreadContext.ContextStack getContextStack() {
        return contextStack;
    }

    @Override
    public String getLoggerFqcn() {
        return loggerFqcn;
    }

    @Override
    public Level getLevel() {
        return level;
    }

    @Override
    public String getLoggerName() {
        return loggerName;
    }

    @Override
    public Marker getMarker() {
        return marker;
    }

    @Override
    public Message getMessage() {
        return message;
    }

    @Override
    public long getTimeMillis() {
        return epochSecond * 1000 + nanoOfSecond / 1_000_000;
    }

    /** The time; a view this carrier reuses (read it before the carrier is released). */
    @Override
    public Instant getInstant() {
        instant.initFromEpochSecond(epochSecond, nanoOfSecond);
        return instant;
    }

    /** The caller's location when it was captured on the logging thread, else null (never computed here). */
    @Override
    public StackTraceElement getSource() {
        return source;
    }

    @Override
    public String getThreadName() {
        return threadName;
    }

    @Override
    public long getThreadId() {
        return threadId;
    }

    @Override
    public int getThreadPriority() {
        return threadPriority;
    }

    @Override
    public Throwable getThrown() {
        return thrown;
    }

    @Override
    @SuppressWarnings("deprecation")
    public ThrowableProxy getThrownProxy() {
        if (thrownProxy == null && thrown != null) {
            thrownProxy = new ThrowableProxy(thrown);
        }
        return thrownProxy;
    }

    @Override
    public boolean isEndOfBatch() {
        return endOfBatch;
    }

    /** Always false: the location was captured (or not) when the event was copied. */
    @Override
    public boolean isIncludeLocation() {
        return false;
    }

    @Override
    public void setEndOfBatch(boolean value) {
        this.endOfBatch = value;
    }

    /** Ignored: the location is never computed after the copy (on the consumer thread it would be Logbeam's). */
    @Override
    public void setIncludeLocation(boolean locationRequired) {
        // see the Javadoc
    }

    @Override
    public long getNanoTime() {
        return nanoTime;
    }

    /** Serialized as Log4j2's immutable event (a carrier is reused, its copy must not be). */
    private Object writeReplace() {
        return toImmutable();
    }

    @Override
    public String toString() {
        return "Log4j2EventCarrier[logger=" + loggerName + ", level=" + level + ", message="
                + (message == null ? null : message.getFormattedMessage()) + "]";
    }

    /**
     * The carrier's formatted message, as a {@link Message} for the encoder and for nested layouts; formats itself
     * into a layout's builder without an intermediate {@code String}.
     */
    private final class Text implements Message, StringBuilderFormattable {

        private static final long serialVersionUID = 1L;

        @Override
        public String getFormattedMessage() {
            return messageText.toString();
        }

        /** The formatted text: the original pattern and parameters are not kept. */
        @Override
        public String getFormat() {
            return messageText.toString();
        }

        @Override
        public Object[] getParameters() {
            return NO_PARAMETERS;
        }

        /** Null: a throwable among the parameters is the event's {@link #getThrown()}. */
        @Override
        public Throwable getThrowable() {
            return null;
        }

        @Override
        public void formatTo(StringBuilder buffer) {
            buffer.append(messageText);
        }
    }
}

package io.logbeam.core.event;

import io.logbeam.core.json.JsonName;
import io.logbeam.core.json.JsonOutput;
import io.logbeam.core.json.Utf8Text;
import java.io.IOException;
import java.util.List;
import java.util.regex.Matcher;

/**
 * What a framework adapter writes an event's own fields through, after the core has written
 * {@code log_type}, {@code log_id} and {@code time}.
 *
 * <p>Call the methods in the documented order (level, logger, thread, message, MDC entries, key-values,
 * markers, context stack, exception, caller); each group of MDC entries, key-values, markers or stack
 * entries becomes one JSON object or array. Key names, optional sections, size caps and text repair are
 * handled here, so adapters never deal with JSON or limits. Not thread-safe: used by the consumer thread.
 */
public final class FieldWriter {

    /** Size caps of one encoding attempt; tightened when an event does not fit its destination. */
    static final class Caps {
        final int message;
        final int value;
        final int stack;
        final int entries;
        final boolean minimal;

        Caps(int message, int value, int stack, int entries, boolean minimal) {
            this.message = Math.max(0, message);
            this.value = Math.max(0, value);
            this.stack = Math.max(0, stack);
            this.entries = entries;
            this.minimal = minimal;
        }
    }

    private enum Open { NONE, MDC, KV, MARKERS, NDC }

    private static final JsonName CLASS = new JsonName("class");
    private static final JsonName MESSAGE = new JsonName("message");
    private static final JsonName STACK = new JsonName("stack");
    private static final JsonName CAUSES = new JsonName("causes");
    private static final JsonName METHOD = new JsonName("method");
    private static final JsonName FILE = new JsonName("file");
    private static final JsonName LINE = new JsonName("line");

    private final JsonSchema schema;

    private final ThrowableFormatter throwables;
    private final JsonValueWriter values;
    private final Matcher mask; // the masking pattern's, reused; null without one
    private final JsonOutput out;
    private Caps caps;
    private Open open = Open.NONE;
    private int entries;
    private boolean truncated;
    private long messageSpan;

    FieldWriter(JsonSchema schema, JsonOutput out) {
        this.schema = schema;
        this.out = out;
        this.throwables = new ThrowableFormatter(schema.stackTraces);
        this.values = schema.loggedValues.newWriter();
        this.mask = schema.masking.newMatcher();
    }

    void reset(Caps newCaps) {
        this.messageSpan = 0;
        this.caps = newCaps;
        this.open = Open.NONE;
        this.entries = 0;
        this.truncated = false;
    }

    boolean truncated() {
        return truncated;
    }

    /**
     * Marks the event {@code "truncated":true}: an adapter left something out (e.g. markers nested deeper than it
     * follows). Every cut must say so.
     */
    public void markTruncated() {
        truncated = true;
    }

    /** Whether MDC entries are wanted; lets adapters skip iterating the map. */
    public boolean includesMdc() {
        return schema.includeMdc && !caps.minimal;
    }

    /** Whether key-value pairs are wanted. */
    public boolean includesKeyValues() {
        return schema.includeKeyValues && !caps.minimal;
    }

    /** Whether markers are wanted. */
    public boolean includesMarkers() {
        return schema.includeMarkers && !caps.minimal;
    }

    /** Whether caller data is wanted. */
    public boolean includesCallerData() {
        return schema.includeCallerData && !caps.minimal;
    }

    /** The level name, e.g. {@code INFO}. */
    public void level(String level) throws IOException {
        stringField(schema.level, level, caps.value);
    }

    /** The logger name. */
    public void logger(String name) throws IOException {
        stringField(schema.logger, name, caps.value);
    }

    /** The name of the thread that logged. */
    public void thread(String name) throws IOException {
        stringField(schema.thread, name, caps.value);
    }

    /** The formatted message; cut (and the event marked truncated) beyond the message cap. */
    public void message(String message) throws IOException {
        close();
        out.name(schema.message);
        int before = out.size();
        writeText(schema.masking.apply(message, mask), caps.message);
        messageSpan = out.size() - before;
    }

    /** Bytes the message value took in the output of the last attempt (escapes and quotes included). */
    long messageSpan() {
        return messageSpan;
    }

    /**
     * One MDC / thread-context entry; left out when the key is not wanted ({@code includeMdcKeys},
     * {@code excludeMdcKeys}), masked when it is to be.
     */
    public void mdc(String key, String value) throws IOException {
        String name = key == null ? "null" : key;
        if (!includesMdc() || !schema.mdcKeys.accepts(name) || !enter(Open.MDC, schema.mdc, false)) {
            return;
        }
        out.name(fit(name, caps.value));
        writeText(schema.masking.masksKey(name) ? Masking.MASK : schema.masking.apply(value, mask), caps.value);
    }

    /**
     * One structured key-value pair, its value as JSON (see {@link LoggedValues}): numbers and booleans stay numbers
     * and booleans, maps, collections, arrays and objects become JSON objects and arrays. Left out when the key is not
     * wanted ({@code includeKeyValueKeys}, {@code excludeKeyValueKeys}), masked when it is to be.
     */
    public void keyValue(String key, Object value) throws IOException {
        String name = key == null ? "null" : key;
        if (!includesKeyValues() || !schema.keyValueKeys.accepts(name) || !enter(Open.KV, schema.kv, false)) {
            return;
        }
        out.name(fit(name, caps.value));
        if (schema.masking.masksKey(name)) {
            out.value(Masking.MASK);
        } else {
            writeValue(value, caps.value);
        }
    }

    /** One marker name. */
    public void marker(String name) throws IOException {
        if (!includesMarkers() || !enter(Open.MARKERS, schema.markers, true)) {
            return;
        }
        writeText(name, caps.value);
    }

    /** One entry of the nested diagnostic context (Log4j2's ThreadContext stack), outermost first. */
    public void ndc(String entry) throws IOException {
        if (!includesMdc() || !enter(Open.NDC, schema.ndc, true)) {
            return;
        }
        writeText(entry, caps.value);
    }

    /** The exception: class, message, full stack text (causes, suppressed) and the cause chain. */
    public void exception(Throwable thrown) throws IOException {
        if (thrown == null) {
            return;
        }
        close();
        out.name(schema.exception);
        out.startObject();
        out.name(CLASS);
        writeText(ThrowableFormatter.className(thrown), caps.value);
        out.name(MESSAGE);
        writeText(ThrowableFormatter.message(thrown), caps.value);
        if (!caps.minimal) {
            out.name(STACK);
            long mark = out.mark();
            // Fits whatever it holds at cap/3 chars (3 bytes per char at most): the common case, written directly.
            if (!throwables.writeStackTrace(thrown, out, caps.stack / 3)) {
                out.rewind(mark);
                CharSequence stack = throwables.stackTrace(thrown, caps.stack + 1);
                if (stack.length() > caps.stack) {
                    truncated = true;
                }
                writeText(stack.toString(), caps.stack);
            }
            truncated |= throwables.cut();
            List<Throwable> chain = throwables.causeChain(thrown);
            truncated |= throwables.cut();
            if (chain.size() > 1) {
                out.name(CAUSES);
                out.startArray();
                for (int i = 1; i < chain.size(); i++) {
                    Throwable cause = chain.get(i);
                    out.startObject();
                    out.name(CLASS);
                    writeText(ThrowableFormatter.className(cause), caps.value);
                    out.name(MESSAGE);
                    writeText(ThrowableFormatter.message(cause), caps.value);
                    out.endObject();
                }
                out.endArray();
            }
        }
        out.endObject();
    }

    /**
     * The exception when only its rendering is available (e.g. an event received from another process).
     */
    public void exception(String className, String message, String stackTrace) throws IOException {
        close();
        out.name(schema.exception);
        out.startObject();
        out.name(CLASS);
        writeText(className, caps.value);
        out.name(MESSAGE);
        writeText(message, caps.value);
        if (!caps.minimal && stackTrace != null) {
            out.name(STACK);
            writeText(stackTrace, caps.stack);
        }
        out.endObject();
    }

    /** Where the log call was made; only written when caller data is included. */
    public void caller(String className, String methodName, String fileName, int line) throws IOException {
        if (!includesCallerData()) {
            return;
        }
        close();
        out.name(schema.caller);
        out.startObject();
        out.name(CLASS);
        writeText(className, caps.value);
        out.name(METHOD);
        writeText(methodName, caps.value);
        out.name(FILE);
        writeText(fileName, caps.value);
        out.name(LINE);
        out.value(line);
        out.endObject();
    }

    /** Closes an open MDC / key-value / marker / stack group. */
    void close() throws IOException {
        switch (open) {
            case MDC:
            case KV:
                out.endObject();
                break;
            case MARKERS:
            case NDC:
                out.endArray();
                break;
            default:
                break;
        }
        open = Open.NONE;
    }

    /** Text value with the writer's repair and the value cap, for the core's own fields. */
    void text(JsonName key, String value, int cap) throws IOException {
        stringField(key, value, cap);
    }

    /** A value as JSON, within {@code cap} bytes, for the core's own fields (static fields). */
    void json(JsonName key, Object value, int cap) throws IOException {
        close();
        out.name(key);
        writeValue(value, cap);
    }

    int valueCap() {
        return caps.value;
    }

    private boolean enter(Open group, JsonName key, boolean array) throws IOException {
        if (open != group) {
            close();
            out.name(key);
            if (array) {
                out.startArray();
            } else {
                out.startObject();
            }
            open = group;
            entries = 0;
        }
        if (++entries > caps.entries) {
            truncated = true;
            return false;
        }
        return true;
    }

    private void stringField(JsonName key, String value, int cap) throws IOException {
        close();
        out.name(key);
        writeText(value, cap);
    }

    private void writeText(String value, int cap) throws IOException {
        if (value == null) {
            out.nullValue();
            return;
        }
        out.value(fit(value, cap));
    }

    /**
     * {@code text} within {@code cap} UTF-8 bytes. Text of at most cap/3 chars fits whatever it holds, since the
     * output writes a lone surrogate as U+FFFD (3 bytes): no need to scan it (most values are short).
     */
    private String fit(String text, int cap) {
        if (text.length() <= cap / 3) {
            return text;
        }
        String fitted = Utf8Text.fit(text, cap);
        if (fitted.length() < text.length()) {
            truncated = true;
        }
        return fitted;
    }

    /** {@code value} as JSON within {@code cap} bytes, cut at an element boundary when larger. */
    void writeValue(Object value, int cap) {
        truncated |= values.write(value, out, out.size() + cap);
    }

    /** {@code String.valueOf}, but a throwing {@code toString()} becomes a note instead of an error. */
    public static String safeToString(Object value) {
        try {
            return String.valueOf(value);
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            return "<" + value.getClass().getName() + ".toString() threw " + e.getClass().getName() + ">";
        }
    }
}

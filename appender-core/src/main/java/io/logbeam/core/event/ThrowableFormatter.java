package io.logbeam.core.event;

import io.logbeam.core.json.JsonOutput;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Renders a throwable (with causes and suppressed exceptions) the way {@code printStackTrace} does, but
 * defensively: user exceptions may override {@code getMessage()}, {@code toString()}, {@code getCause()}
 * or {@code getStackTrace()} and throw, and causes may form a cycle. None of that may escape or loop.
 *
 * <p>Output stops growing once {@code maxChars} is reached, so a pathological trace does not build a
 * huge string only to have it cut later. Not thread-safe; owned by the consumer thread.
 *
 * <p>The text of each frame ({@code StackTraceElement.toString()}, which builds a new string every time) is
 * remembered for the frames seen last, and so is its line as escaped JSON bytes: the same exceptions tend to
 * be logged again and again, and rendering and escaping their frames was most of the time and allocation of
 * encoding an event with a stack trace. {@link #writeStackTrace} copies those bytes straight into the output.
 */
public final class ThrowableFormatter {

    /**
     * Nesting of causes and suppressed exceptions followed at most, beyond which the trace is cut with a note and the
     * event is marked {@code "truncated":true}. It bounds the recursion of the rendering; real chains are a few deep.
     */
    public static final int MAX_DEPTH = 64;
    /** Frame texts remembered at most (a few hundred KB); the memory is forgotten all at once beyond. */
    static final int MAX_CACHED_FRAMES = 1024;

    private final StringBuilder text = new StringBuilder(4096);
    private final Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    private final List<Throwable> chain = new ArrayList<>();
    private final Map<FrameKey, Frame> frames = new HashMap<>();
    private final FrameKey probe = new FrameKey();
    private final JsonOutput scratch = new JsonOutput(256);
    private JsonOutput json; // null: rendering into the text builder
    private long written;
    private int maxChars;
    private boolean cut; // the last trace or chain left causes out (MAX_DEPTH)

    /** Formats {@code thrown}; the returned builder is reused by the next call. */
    public CharSequence stackTrace(Throwable thrown, int maxChars) {
        text.setLength(0);
        json = null;
        render(thrown, maxChars);
        if (text.length() > maxChars) {
            text.setLength(maxChars);
        }
        return text;
    }

    /**
     * Writes the trace of {@code thrown} as one JSON string value into {@code out}, if it takes at most
     * {@code maxChars} chars; otherwise writes part of it and returns false, and the caller rewinds.
     */
    boolean writeStackTrace(Throwable thrown, JsonOutput out, int maxChars) {
        json = out;
        try {
            out.startString();
            render(thrown, maxChars);
            out.endString();
            return written <= maxChars;
        } finally {
            json = null;
        }
    }

    private void render(Throwable thrown, int maxChars) {
        cut = false;
        seen.clear();
        this.maxChars = maxChars;
        written = 0;
        print(thrown, null, "", "", 0);
        seen.clear();
    }

    /**
     * The cause chain starting with {@code thrown} itself, cycle-safe and bounded by {@link #MAX_DEPTH}. The
     * list is reused by the next call.
     */
    public List<Throwable> causeChain(Throwable thrown) {
        chain.clear();
        seen.clear();
        Throwable current = thrown;
        while (current != null && chain.size() < MAX_DEPTH && seen.add(current)) {
            chain.add(current);
            current = causeOf(current);
        }
        if (current != null && chain.size() == MAX_DEPTH && !seen.contains(current)) {
            cut = true;
        }
        seen.clear();
        return chain;
    }

    /**
     * Whether the last trace rendered, or the last {@link #causeChain}, left causes out because they were nested
     * deeper than {@link #MAX_DEPTH}: the event must then say it was truncated.
     */
    boolean cut() {
        return cut;
    }

    /** {@code getClass().getName()}, which user code can not override. */
    public static String className(Throwable t) {
        return t.getClass().getName();
    }

    /** {@code getMessage()}, or a note saying it threw. */
    public static String message(Throwable t) {
        try {
            return t.getMessage();
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            return "<getMessage() threw " + e.getClass().getName() + ">";
        }
    }

    private static String headline(Throwable t) {
        String message = message(t);
        String name = className(t);
        return message == null ? name : name + ": " + message;
    }

    private static Throwable causeOf(Throwable t) {
        try {
            Throwable cause = t.getCause();
            return cause == t ? null : cause;
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            return null;
        }
    }

    private static StackTraceElement[] framesOf(Throwable t) {
        try {
            StackTraceElement[] frames = t.getStackTrace();
            return frames == null ? new StackTraceElement[0] : frames;
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            return new StackTraceElement[0];
        }
    }

    private static Throwable[] suppressedOf(Throwable t) {
        try {
            return t.getSuppressed();
        } catch (RuntimeException | LinkageError e) {
            return new Throwable[0];
        }
    }

    private boolean full() {
        return written >= maxChars;
    }

    private void print(Throwable t, StackTraceElement[] enclosing, String caption, String prefix, int depth) {
        if (full()) {
            return;
        }
        if (!seen.add(t)) {
            append(prefix, caption, "[CIRCULAR REFERENCE: ");
            append(className(t));
            append("]\n");
            return;
        }
        if (depth >= MAX_DEPTH) {
            cut = true;
            append(prefix, caption, "[... causes beyond depth ");
            append(MAX_DEPTH);
            append(" omitted]\n");
            return;
        }
        StackTraceElement[] frames = framesOf(t);
        int inCommon = enclosing == null ? 0 : framesInCommon(frames, enclosing);
        append(prefix, caption, headline(t));
        append("\n");
        for (int i = 0; i < frames.length - inCommon && !full(); i++) {
            append(prefix);
            appendLine(frames[i]);
        }
        if (inCommon > 0) {
            append(prefix);
            append("\t... ");
            append(inCommon);
            append(" more\n");
        }
        for (Throwable suppressed : suppressedOf(t)) {
            if (suppressed != null) {
                print(suppressed, frames, "Suppressed: ", prefix + "\t", depth + 1);
            }
        }
        Throwable cause = causeOf(t);
        if (cause != null) {
            print(cause, frames, "Caused by: ", prefix, depth + 1);
        }
    }

    private void append(String first, String second, String third) {
        append(first);
        append(second);
        append(third);
    }

    private void append(String part) {
        written += part.length();
        if (json == null) {
            text.append(part);
        } else {
            json.stringPart(part);
        }
    }

    private void append(int number) {
        written += digits(number);
        if (json == null) {
            text.append(number);
        } else {
            json.stringPart(number);
        }
    }

    private static int digits(int number) {
        int count = number < 0 ? 2 : 1;
        for (int n = Math.abs(number / 10); n > 0; n /= 10) {
            count++;
        }
        return count;
    }

    /** {@code \tat <frame>\n}. */
    private void appendLine(StackTraceElement element) {
        Frame frame = frame(element);
        written += frame.text.length() + 5;
        if (json == null) {
            text.append("\tat ").append(frame.text).append('\n');
        } else {
            json.escapedPart(frame.jsonLine(scratch));
        }
    }

    /** {@code frame.toString()} and its escaped line, remembered. */
    private Frame frame(StackTraceElement element) {
        if (element == null) {
            return new Frame("null");
        }
        probe.set(element);
        Frame frame = frames.get(probe);
        if (frame == null) {
            frame = new Frame(element.toString());
            if (frames.size() >= MAX_CACHED_FRAMES) {
                frames.clear();
            }
            FrameKey key = new FrameKey();
            key.set(element);
            frames.put(key, frame);
        }
        return frame;
    }

    /** A frame's text, and its whole line as escaped JSON string content, made when first needed. */
    private static final class Frame {
        final String text;
        private byte[] jsonLine;

        Frame(String text) {
            this.text = text;
        }

        byte[] jsonLine(JsonOutput scratch) {
            if (jsonLine == null) {
                scratch.reset();
                scratch.stringPart("\tat ");
                scratch.stringPart(text);
                scratch.stringPart("\n");
                jsonLine = scratch.copy();
            }
            return jsonLine;
        }
    }

    /**
     * What a frame's text depends on. Strings only: keeping the {@code StackTraceElement} itself would keep its
     * class, and so an undeployed application's class loader, reachable.
     */
    private static final class FrameKey {
        private String declaringClass;
        private String methodName;
        private String fileName;
        private int lineNumber;
        private String moduleName;
        private String moduleVersion;
        private String classLoaderName;
        private int hash;

        void set(StackTraceElement frame) {
            declaringClass = frame.getClassName();
            methodName = frame.getMethodName();
            fileName = frame.getFileName();
            lineNumber = frame.getLineNumber();
            moduleName = frame.getModuleName();
            moduleVersion = frame.getModuleVersion();
            classLoaderName = frame.getClassLoaderName();
            // By hand: Objects.hash would allocate its varargs array on every lookup.
            int h = declaringClass.hashCode();
            h = 31 * h + Objects.hashCode(methodName);
            h = 31 * h + Objects.hashCode(fileName);
            h = 31 * h + lineNumber;
            h = 31 * h + Objects.hashCode(moduleName);
            h = 31 * h + Objects.hashCode(moduleVersion);
            hash = 31 * h + Objects.hashCode(classLoaderName);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object other) {
            if (!(other instanceof FrameKey)) {
                return false;
            }
            FrameKey o = (FrameKey) other;
            return hash == o.hash && lineNumber == o.lineNumber && Objects.equals(declaringClass, o.declaringClass)
                    && Objects.equals(methodName, o.methodName) && Objects.equals(fileName, o.fileName)
                    && Objects.equals(moduleName, o.moduleName) && Objects.equals(moduleVersion, o.moduleVersion)
                    && Objects.equals(classLoaderName, o.classLoaderName);
        }
    }

    private static int framesInCommon(StackTraceElement[] frames, StackTraceElement[] enclosing) {
        int m = frames.length - 1;
        int n = enclosing.length - 1;
        int common = 0;
        while (m >= 0 && n >= 0 && frames[m].equals(enclosing[n])) {
            m--;
            n--;
            common++;
        }
        return common;
    }
}

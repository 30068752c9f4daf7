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

    private final StackTraceOptions options;
    private final StringBuilder text = new StringBuilder(4096);
    private final Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    private final List<Throwable> chain = new ArrayList<>();
    private final Map<FrameKey, Frame> frames = new HashMap<>();
    private final FrameKey probe = new FrameKey();
    private final JsonOutput scratch = new JsonOutput(256);
    private JsonOutput json; // null: rendering into the text builder
    private long written;
    private int maxChars;
    private boolean cut; // the last trace or chain left causes or frames out (maxCauseDepth, maxFrames)

    /** A formatter writing every frame, causes after the exception they caused. */
    public ThrowableFormatter() {
        this(StackTraceOptions.DEFAULTS);
    }

    /** A formatter writing as much as {@code options} say. */
    public ThrowableFormatter(StackTraceOptions options) {
        this.options = options;
    }

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
        if (options.rootCauseFirst()) {
            printRootCauseFirst(thrown);
        } else {
            print(thrown, null, "", "", 0);
        }
        seen.clear();
    }

    /**
     * The cause chain starting with {@code thrown} itself, cycle-safe and bounded by the options' cause depth (at most
     * {@link #MAX_DEPTH}). The list is reused by the next call.
     */
    public List<Throwable> causeChain(Throwable thrown) {
        int maxDepth = options.maxCauseDepth();
        chain.clear();
        seen.clear();
        Throwable current = thrown;
        while (current != null && chain.size() < maxDepth && seen.add(current)) {
            chain.add(current);
            current = causeOf(current);
        }
        if (current != null && chain.size() == maxDepth && !seen.contains(current)) {
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
        StackTraceElement[] frames = printSelf(t, enclosing, caption, prefix, depth);
        Throwable cause = frames == null ? null : causeOf(t);
        if (cause != null) {
            print(cause, frames, "Caused by: ", prefix, depth + 1);
        }
    }

    /**
     * The root cause, then each exception that wrapped the one before ({@code Wrapped by: }), each without the frames
     * it has in common with the one printed before it.
     */
    private void printRootCauseFirst(Throwable thrown) {
        List<Throwable> causes = new ArrayList<>();
        Set<Throwable> visited = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = thrown; t != null && visited.add(t); t = causeOf(t)) {
            causes.add(t);
        }
        if (causes.size() > options.maxCauseDepth()) {
            cut = true;
            causes = causes.subList(0, options.maxCauseDepth());
            append("[... causes beyond depth ");
            append(options.maxCauseDepth());
            append(" omitted]\n");
        }
        StackTraceElement[] enclosing = null;
        for (int i = causes.size() - 1; i >= 0; i--) {
            enclosing = printSelf(causes.get(i), enclosing, i == causes.size() - 1 ? "" : "Wrapped by: ", "", 0);
            if (enclosing == null) {
                return;
            }
        }
    }

    /**
     * Writes the headline, frames and suppressed exceptions of {@code t} (not its cause) and returns its frames; null
     * when it was not written (output full, seen before, too deep).
     */
    private StackTraceElement[] printSelf(Throwable t, StackTraceElement[] enclosing, String caption, String prefix,
            int depth) {
        if (full()) {
            return null;
        }
        if (!seen.add(t)) {
            append(prefix, caption, "[CIRCULAR REFERENCE: ");
            append(className(t));
            append("]\n");
            return null;
        }
        if (depth >= options.maxCauseDepth()) {
            cut = true;
            append(prefix, caption, "[... causes beyond depth ");
            append(options.maxCauseDepth());
            append(" omitted]\n");
            return null;
        }
        StackTraceElement[] frames = framesOf(t);
        int inCommon = enclosing == null ? 0 : framesInCommon(frames, enclosing);
        append(prefix, caption, headline(t));
        append("\n");
        printFrames(frames, frames.length - inCommon, prefix);
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
        return frames;
    }

    /** The first {@code count} frames, less omitted packages (a note per run) and beyond the options' maximum. */
    private void printFrames(StackTraceElement[] frames, int count, String prefix) {
        int maxFrames = options.maxFrames();
        int shown = 0;
        int omitted = 0;
        for (int i = 0; i < count && !full(); i++) {
            Frame frame = frame(frames[i]);
            if (frame.omitted) {
                omitted++;
                continue;
            }
            if (omitted > 0) {
                note(prefix, omitted, " frames omitted (stackOmitPackages)\n");
                omitted = 0;
            }
            if (maxFrames > 0 && shown == maxFrames) {
                cut = true;
                note(prefix, count - i, " frames left out (maxStackFrames)\n");
                return;
            }
            append(prefix);
            appendLine(frame);
            shown++;
        }
        if (omitted > 0) {
            note(prefix, omitted, " frames omitted (stackOmitPackages)\n");
        }
    }

    private void note(String prefix, int count, String what) {
        append(prefix);
        append("\t... ");
        append(count);
        append(what);
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
    private void appendLine(Frame frame) {
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
            return new Frame("null", false);
        }
        probe.set(element);
        Frame frame = frames.get(probe);
        if (frame == null) {
            frame = new Frame(element.toString(), options.omits(element.getClassName()));
            if (frames.size() >= MAX_CACHED_FRAMES) {
                frames.clear();
            }
            FrameKey key = new FrameKey();
            key.set(element);
            frames.put(key, frame);
        }
        return frame;
    }

    /**
     * A frame's text, whether its class is in an omitted package, and its whole line as escaped JSON string content,
     * made when first needed.
     */
    private static final class Frame {
        final String text;
        final boolean omitted;
        private byte[] jsonLine;

        Frame(String text, boolean omitted) {
            this.text = text;
            this.omitted = omitted;
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

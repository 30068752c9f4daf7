package io.logbeam.core.json;

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
 * remembered for the frames seen last: the same exceptions tend to be logged again and again, and rendering
 * their frames was most of the time and allocation of encoding an event with a stack trace.
 */
public final class ThrowableFormatter {

    /** Causes followed at most, beyond which the chain is cut with a note. */
    public static final int MAX_DEPTH = 64;
    /** Frame texts remembered at most (a few hundred KB); the memory is forgotten all at once beyond. */
    static final int MAX_CACHED_FRAMES = 1024;

    private final StringBuilder text = new StringBuilder(4096);
    private final Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    private final List<Throwable> chain = new ArrayList<>();
    private final Map<FrameKey, String> frameTexts = new HashMap<>();
    private final FrameKey probe = new FrameKey();
    private int maxChars;

    /** Formats {@code thrown}; the returned builder is reused by the next call. */
    public CharSequence stackTrace(Throwable thrown, int maxChars) {
        text.setLength(0);
        seen.clear();
        this.maxChars = maxChars;
        print(thrown, null, "", "", 0);
        seen.clear();
        if (text.length() > maxChars) {
            text.setLength(maxChars);
        }
        return text;
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
        seen.clear();
        return chain;
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
        return text.length() >= maxChars;
    }

    private void print(Throwable t, StackTraceElement[] enclosing, String caption, String prefix, int depth) {
        if (full()) {
            return;
        }
        if (!seen.add(t)) {
            text.append(prefix).append(caption).append("[CIRCULAR REFERENCE: ").append(className(t)).append("]\n");
            return;
        }
        if (depth >= MAX_DEPTH) {
            text.append(prefix).append(caption).append("[... causes beyond depth ").append(MAX_DEPTH).append(" omitted]\n");
            return;
        }
        StackTraceElement[] frames = framesOf(t);
        int inCommon = enclosing == null ? 0 : framesInCommon(frames, enclosing);
        text.append(prefix).append(caption).append(headline(t)).append('\n');
        for (int i = 0; i < frames.length - inCommon && !full(); i++) {
            text.append(prefix).append("\tat ").append(frameText(frames[i])).append('\n');
        }
        if (inCommon > 0) {
            text.append(prefix).append("\t... ").append(inCommon).append(" more\n");
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

    /** {@code frame.toString()}, remembered. */
    private String frameText(StackTraceElement frame) {
        if (frame == null) {
            return "null";
        }
        probe.set(frame);
        String text = frameTexts.get(probe);
        if (text == null) {
            text = frame.toString();
            if (frameTexts.size() >= MAX_CACHED_FRAMES) {
                frameTexts.clear();
            }
            FrameKey key = new FrameKey();
            key.set(frame);
            frameTexts.put(key, text);
        }
        return text;
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

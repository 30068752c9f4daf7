package io.logbeam.core.reliability;

import io.logbeam.core.testing.TestEvent;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Events no application should log but some will: random Unicode (lone surrogates, control characters,
 * non-characters), 10 MB messages, deep and cyclic exception causes, throwing {@code toString()},
 * {@code getMessage()} and {@code getStackTrace()}, null message, keys and values, an MDC of 10,000 entries.
 * Every one must arrive as valid JSON within the destination's limits, cut and marked where needed, and
 * publishing must never throw into the caller.
 */
public final class HostileInput {

    /** Characters that break naive encoders, drawn often. */
    private static final char[] NASTY = {
        '\u0000', '\u0001', '\u0007', '\b', '\t', '\n', '\u000B', '\f', '\r', '\u001B', '\u001F', '"', '\\', '/',
        '\u007F', '\u0080', '\u009F', '\u00A0', '\u00AD', '\u0300', '\u061C', '\u200B', '\u200D', '\u200E',
        '\u2028', '\u2029', '\u202E', '\u2066', '\uD800', '\uDBFF', '\uDC00', '\uDFFF', '\uE000', '\uFDD0',
        '\uFEFF', '\uFFFD', '\uFFFE', '\uFFFF',
    };

    private final Random random;

    HostileInput(long seed) {
        this.random = new Random(seed);
    }

    /** A random string of up to {@code maxChars}: ASCII, BMP, astral pairs, lone surrogates, controls. */
    String text(int maxChars) {
        int n = random.nextInt(maxChars + 1);
        StringBuilder s = new StringBuilder(n + 2);
        while (s.length() < n) {
            int kind = random.nextInt(10);
            if (kind < 3) {
                s.append((char) (' ' + random.nextInt(95)));
            } else if (kind < 6) {
                s.append(NASTY[random.nextInt(NASTY.length)]);
            } else if (kind < 8) {
                s.append((char) random.nextInt(0x10000)); // any BMP unit, surrogates included
            } else {
                s.appendCodePoint(0x10000 + random.nextInt(0x10FFFF - 0x10000));
            }
        }
        return s.toString();
    }

    /** A routing value: hostile text, or an object whose {@code toString()} throws or recurses. */
    Object tenant() {
        switch (random.nextInt(4)) {
            case 0:
                return new ThrowingToString();
            case 1:
                return new RecursiveToString();
            default:
                return text(400);
        }
    }

    /** A random event: hostile message, MDC, key-values, markers, sometimes an exception. */
    TestEvent randomEvent(Run run) {
        TestEvent e = run.event(random.nextInt(20) == 0 ? null : text(random.nextInt(5) == 0 ? 20_000 : 300));
        e.level = random.nextBoolean() ? "INFO" : text(10);
        e.thread = random.nextInt(10) == 0 ? null : text(50);
        int mdc = random.nextInt(6);
        for (int i = 0; i < mdc; i++) {
            e.mdc.put(random.nextInt(15) == 0 ? null : text(20), random.nextInt(10) == 0 ? null : text(100));
        }
        int kv = random.nextInt(6);
        for (int i = 0; i < kv; i++) {
            e.kv.put(random.nextInt(15) == 0 ? null : text(20), value());
        }
        int markers = random.nextInt(3);
        e.markers = new String[markers];
        for (int i = 0; i < markers; i++) {
            e.markers[i] = random.nextInt(10) == 0 ? null : text(30);
        }
        if (random.nextInt(4) == 0) {
            e.thrown = exception();
        }
        return e;
    }

    private Object value() {
        switch (random.nextInt(12)) {
            case 0:
                return null;
            case 1:
                return random.nextLong();
            case 2:
                return random.nextBoolean() ? Double.NaN : Double.NEGATIVE_INFINITY;
            case 3:
                return new java.math.BigDecimal("1e" + (random.nextInt(2000) - 1000));
            case 4:
                return new ThrowingToString();
            case 5:
                return new RecursiveToString();
            case 6:
                return List.of(text(10), text(10));
            case 7:
                return new Object[] {text(5), null};
            default:
                return text(200);
        }
    }

    private Throwable exception() {
        switch (random.nextInt(4)) {
            case 0:
                return new IllegalStateException(text(200), new RuntimeException(text(50)));
            case 1:
                return new HostileThrowable(text(100));
            case 2:
                return cyclic();
            default:
                return deep(random.nextInt(200));
        }
    }

    /** The fixed pathological events, each with a reason to exist. */
    List<TestEvent> pathological(Run run) {
        List<TestEvent> out = new ArrayList<>();
        out.add(run.event("x".repeat(10 * 1024 * 1024))); // 10 MB of ASCII
        out.add(run.event("\uD83D\uDE00".repeat(5 * 1024 * 1024 / 2 * 2))); // 10 MB of 4-byte characters
        out.add(run.event("\u00E9\uD800".repeat(3 * 1024 * 1024))); // 2-byte characters and lone surrogates
        out.add(run.event(controlCharacters()));
        out.add(run.event(null));
        TestEvent bigMdc = run.event("an MDC of 10,000 entries");
        for (int i = 0; i < 10_000; i++) {
            bigMdc.mdc.put("key-" + i, "value-" + i);
        }
        out.add(bigMdc);
        TestEvent hugeMdc = run.event("an MDC of 10,000 entries of 1 KB");
        String kilo = "v".repeat(1024);
        for (int i = 0; i < 10_000; i++) {
            hugeMdc.mdc.put("key-" + i, kilo);
        }
        out.add(hugeMdc);
        TestEvent manyKv = run.event("10,000 key-values");
        for (int i = 0; i < 10_000; i++) {
            manyKv.kv.put("k" + i, i % 2 == 0 ? new ThrowingToString() : (Object) i);
        }
        out.add(manyKv);
        TestEvent markers = run.event("10,000 markers");
        markers.markers = new String[10_000];
        for (int i = 0; i < markers.markers.length; i++) {
            markers.markers[i] = "marker-" + i;
        }
        out.add(markers);
        out.add(run.event("a cause chain 10,000 deep").thrown(deep(10_000)));
        out.add(run.event("a cycle of causes").thrown(cyclic()));
        out.add(run.event("an exception that throws from everything").thrown(new HostileThrowable("boom")));
        out.add(run.event("an exception with a 2 MB message").thrown(new RuntimeException("m".repeat(2 * 1024 * 1024))));
        out.add(run.event("an exception with 100,000 frames").thrown(withFrames(100_000)));
        TestEvent nulls = run.event(null);
        nulls.level = null;
        nulls.thread = null;
        nulls.mdc.put(null, null);
        nulls.kv.put(null, null);
        nulls.markers = new String[] {null};
        out.add(nulls);
        TestEvent throwing = run.event("throwing toString in key-values");
        throwing.kv.put("bad", new ThrowingToString());
        throwing.kv.put("recursive", new RecursiveToString());
        out.add(throwing);
        TestEvent longThread = run.event("a thread name of 2 MB");
        longThread.thread = "t".repeat(2 * 1024 * 1024);
        out.add(longThread);
        TestEvent logType = run.event("a hostile log type");
        logType.mdc.put("log_type", "\uD800type\u0000" + "y".repeat(2_000));
        out.add(logType);
        TestEvent everything = run.event("everything big at once: " + "z".repeat(3 * 1024 * 1024));
        everything.thread = "t".repeat(300_000);
        for (int i = 0; i < 10_000; i++) {
            everything.mdc.put("m" + i, "w".repeat(100));
            everything.kv.put("k" + i, "x".repeat(100));
        }
        everything.thrown = withFrames(50_000);
        out.add(everything);
        return out;
    }

    private static String controlCharacters() {
        StringBuilder s = new StringBuilder();
        for (char c = 0; c < 0x20; c++) {
            s.append(c);
        }
        return s.append('\u007F').append('\u2028').append('\u2029').toString();
    }

    private static Throwable deep(int depth) {
        Throwable t = new RuntimeException("root");
        for (int i = 0; i < depth; i++) {
            t = new RuntimeException("level " + i, t);
        }
        return t;
    }

    private static Throwable cyclic() {
        RuntimeException a = new RuntimeException("a");
        RuntimeException b = new RuntimeException("b", a);
        a.initCause(b);
        a.addSuppressed(b);
        b.addSuppressed(a);
        return a;
    }

    private static Throwable withFrames(int frames) {
        RuntimeException e = new RuntimeException("deep stack");
        StackTraceElement[] trace = new StackTraceElement[frames];
        for (int i = 0; i < frames; i++) {
            trace[i] = new StackTraceElement("com.acme.Deep", "call" + i, "Deep.java", i);
        }
        e.setStackTrace(trace);
        return e;
    }

    /** An object whose {@code toString()} throws. */
    static final class ThrowingToString {
        @Override
        public String toString() {
            throw new IllegalStateException("toString() refuses");
        }
    }

    /** An object whose {@code toString()} recurses until the stack overflows. */
    static final class RecursiveToString {
        @Override
        public String toString() {
            return "again " + this;
        }
    }

    /** A throwable that throws from every method a formatter may call, and is its own cause. */
    static final class HostileThrowable extends RuntimeException {
        private static final long serialVersionUID = 1L;

        HostileThrowable(String message) {
            super(message);
        }

        @Override
        public String getMessage() {
            throw new IllegalStateException("getMessage() refuses");
        }

        @Override
        public String getLocalizedMessage() {
            throw new IllegalStateException("getLocalizedMessage() refuses");
        }

        @Override
        public String toString() {
            throw new IllegalStateException("toString() refuses");
        }

        @Override
        public StackTraceElement[] getStackTrace() {
            return new StackTraceElement[] {null, new StackTraceElement("C", "m", null, -1)};
        }

        @Override
        public synchronized Throwable getCause() {
            return this;
        }
    }

}

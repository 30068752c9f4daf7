package io.logbeam.core.event;

/**
 * The rough heap costs behind {@link EventAdapter#retainedBytes}, shared by the adapters so that both frameworks
 * count the same way. Measured on JDK 17 with compressed pointers ({@code MemoryBound} in {@code benchmarks/}: about
 * 220 B per Logback snapshot plus its message); rounded up, since the budget must not under-count.
 */
public final class RetainedBytes {

    /** An event snapshot without its variable parts (message, context entries, throwable). */
    public static final long EVENT = 256;
    /** One MDC / thread-context / key-value entry: a map node or pair and, usually, the value string. */
    public static final long ENTRY = 96;
    /**
     * A throwable the event keeps alive: its stack trace array and elements, a proxy where the framework makes
     * one. Not measured per event (the trace is only reachable by copying it), so one typical depth.
     */
    public static final long THROWABLE = 4096;

    private RetainedBytes() {
    }

    /**
     * A Java string of {@code chars} characters: two bytes each, the worst case (Latin-1 text takes one), plus its
     * header.
     */
    public static long text(int chars) {
        return 40 + 2L * chars;
    }

    /** A value captured at the call: the JSON of a {@link RenderedValue} (its array and header), else nothing. */
    public static long rendered(Object captured) {
        return captured instanceof RenderedValue ? 16 + ((RenderedValue) captured).size() : 0;
    }
}

package io.logbeam.testkit;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A logged value that remembers on which threads it was rendered: tests of "values are captured at the call" log it
 * and check that {@code toString()} ran on the logging thread only, never later on an appender's own thread.
 */
public final class ToStringProbe {

    private final String text;
    private final List<String> renderedOn = new CopyOnWriteArrayList<>();

    /** A probe whose text is {@code text}. */
    public ToStringProbe(String text) {
        this.text = text;
    }

    /** The names of the threads that called {@link #toString()}, in order. */
    public List<String> renderedOn() {
        return List.copyOf(renderedOn);
    }

    @Override
    public String toString() {
        renderedOn.add(Thread.currentThread().getName());
        return text;
    }
}

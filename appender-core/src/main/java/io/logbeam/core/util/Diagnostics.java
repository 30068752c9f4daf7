package io.logbeam.core.util;

import java.io.PrintStream;
import java.time.Instant;

/**
 * Where Logbeam tells a human about its own problems (misconfiguration, drops, give-ups). Never the
 * appender itself: that would loop. Standard error by default; the adapters may also forward to their
 * framework's status system.
 */
@FunctionalInterface
public interface Diagnostics {

    /** Reports one line about appender {@code name}. */
    void report(String name, String message);

    /** Lines prefixed {@code [logbeam] <time> <appender>:} on the current {@code System.err}. */
    static Diagnostics stderr() {
        return (name, message) -> {
            PrintStream err = System.err;
            err.println("[logbeam] " + Instant.now() + " " + name + ": " + message);
        };
    }
}

package io.logbeam.core.util;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Invalid appender configuration. Every problem names the property it is about, so the adapters can
 * report "property 'bufferSize': must be a power of two" through Logback's status or Log4j2's status
 * logger and refuse to start, while the application keeps running.
 */
public final class ConfigException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** One invalid property and why. */
    public record Problem(String property, String message) {
        @Override
        public String toString() {
            return "property '" + property + "': " + message;
        }
    }

    private final transient List<Problem> problems;

    /** A single problem. */
    public ConfigException(String property, String message) {
        this(List.of(new Problem(property, message)));
    }

    /** Several problems found at once, reported together. */
    public ConfigException(List<Problem> problems) {
        super(describe(problems));
        this.problems = List.copyOf(problems);
    }

    /** The problems, at least one. */
    public List<Problem> problems() {
        return problems;
    }

    private static String describe(List<Problem> problems) {
        List<String> parts = new ArrayList<>();
        for (Problem p : problems) {
            parts.add(p.toString());
        }
        return "invalid Logbeam configuration: " + String.join("; ", parts);
    }

    /** Collects problems while validating, then throws them all at once. */
    public static final class Collector {
        private final List<Problem> problems = new ArrayList<>();

        /** Records a problem with {@code property}. */
        public void add(String property, String message) {
            problems.add(new Problem(property, message));
        }

        /** Adds every problem of {@code e}. */
        public void addAll(ConfigException e) {
            problems.addAll(e.problems());
        }

        /** Records a problem unless {@code condition} holds. */
        public void require(boolean condition, String property, String message) {
            if (!condition) {
                add(property, message);
            }
        }

        /** The problems so far. */
        public List<Problem> problems() {
            return Collections.unmodifiableList(problems);
        }

        /** Throws when any problem was recorded. */
        public void throwIfAny() {
            if (!problems.isEmpty()) {
                throw new ConfigException(problems);
            }
        }
    }
}

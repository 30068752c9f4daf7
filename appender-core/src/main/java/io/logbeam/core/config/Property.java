package io.logbeam.core.config;

import java.util.Objects;

/**
 * One configuration property of a Logbeam appender, described once: the same name, type, default and meaning in
 * Logback ({@code <streamName>}) and Log4j2 ({@code streamName="..."}), in the Javadoc of both adapters (which link
 * here) and in {@code docs/configuration.md} (whose tables are checked against {@link PropertyTable} word for word).
 *
 * @param name         the property name, as written in {@code logback.xml} and {@code log4j2.xml}
 * @param type         how the text is read
 * @param defaultValue the text used when the property is not set, or null when there is none (unset, or computed)
 * @param shownDefault the default as the documentation shows it
 * @param range        the values allowed, as the documentation shows them; empty when any value of the type is
 * @param meaning      what the property does, as the documentation says it
 */
public record Property(String name, Type type, String defaultValue, String shownDefault, String range,
        String meaning) {

    /** How a property's text is read; every type is text in both frameworks and checked by Logbeam. */
    public enum Type {
        /** Any text (names, lists, choices that the consumer checks). */
        TEXT("text"),
        /** A whole number, e.g. {@code 8192}. */
        WHOLE_NUMBER("whole number"),
        /** A size in bytes, with an optional unit: {@code 1048576}, {@code 64KB}, {@code 64 MB}, {@code 256 MiB}. */
        BYTES("bytes"),
        /** {@code true} or {@code false}. */
        FLAG("true / false"),
        /** A duration: {@code 10 seconds}, {@code 500ms}, {@code PT10S}; a bare number is milliseconds. */
        DURATION("duration");

        private final String shown;

        Type(String shown) {
            this.shown = shown;
        }

        /** The type as the documentation names it. */
        public String shown() {
            return shown;
        }
    }

    /** Checks the description is complete. */
    public Property {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(shownDefault, "shownDefault");
        Objects.requireNonNull(range, "range");
        Objects.requireNonNull(meaning, "meaning");
    }

    /** This property's row of a table in {@code docs/configuration.md}. */
    public String markdownRow() {
        return "| `" + name + "` | " + type.shown() + " | " + shownDefault + " | " + range + " | " + meaning + " |";
    }
}

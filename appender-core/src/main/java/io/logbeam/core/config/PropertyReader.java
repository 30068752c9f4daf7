package io.logbeam.core.config;

import io.logbeam.core.util.ConfigException;
import io.logbeam.core.util.Durations;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Reads the text of an appender's properties as their types say. A value that can not be read is recorded in the
 * collector, naming the property, and its default is used instead, so that one start checks, and reports, every
 * property at once.
 */
public final class PropertyReader {

    private final Map<String, String> values;
    private final ConfigException.Collector problems;

    /**
     * @param values   the text of the properties that are set, by name
     * @param problems where problems are recorded
     */
    PropertyReader(Map<String, String> values, ConfigException.Collector problems) {
        this.values = values;
        this.problems = problems;
    }

    /** Where problems are recorded; destinations add theirs here too. */
    public ConfigException.Collector problems() {
        return problems;
    }

    /** Whether {@code property} was set (to any text, even blank). */
    public boolean isSet(Property property) {
        return values.get(property.name()) != null;
    }

    /** The text as set, else the default; null when neither. */
    public String text(Property property) {
        String value = values.get(property.name());
        return value != null ? value : property.defaultValue();
    }

    /** {@link #text}, trimmed; null when that is null or blank. */
    public String nonBlank(Property property) {
        String value = text(property);
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** A {@link Property.Type#WHOLE_NUMBER} that fits an int. */
    public int wholeNumber(Property property) {
        Integer value = optionalWholeNumber(property);
        return value != null ? value : Integer.parseInt(property.defaultValue());
    }

    /** A {@link Property.Type#WHOLE_NUMBER} without a default: null when unset (or unreadable, which is recorded). */
    public Integer optionalWholeNumber(Property property) {
        String text = text(property);
        if (text == null) {
            return null;
        }
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            problems.add(property.name(), "'" + text + "' is not a whole number" + (text.trim().matches("-?\\d+")
                    ? " that fits (at most " + Integer.MAX_VALUE + ")" : ""));
            return property.defaultValue() == null ? null : Integer.parseInt(property.defaultValue());
        }
    }

    /** A {@link Property.Type#BYTES}; {@code computedDefault} when unset and the table has no default text. */
    public long bytes(Property property, Supplier<Long> computedDefault) {
        String text = text(property);
        if (text == null) {
            return computedDefault.get();
        }
        try {
            return ByteSizes.parse(property.name(), text);
        } catch (ConfigException e) {
            problems.addAll(e);
            return property.defaultValue() == null ? computedDefault.get()
                    : ByteSizes.parse(property.name(), property.defaultValue());
        }
    }

    /** A {@link Property.Type#BYTES} that fits an int. */
    public int bytesAsInt(Property property) {
        long value = bytes(property, () -> ByteSizes.parse(property.name(), property.defaultValue()));
        if (value > Integer.MAX_VALUE) {
            problems.add(property.name(), "'" + text(property) + "' is too large");
            return (int) ByteSizes.parse(property.name(), property.defaultValue());
        }
        return (int) value;
    }

    /** A {@link Property.Type#FLAG}: {@code true} or {@code false}, any case; nothing else. */
    public boolean flag(Property property) {
        String text = text(property);
        String flag = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        if (flag.equals("true") || flag.equals("false")) {
            return Boolean.parseBoolean(flag);
        }
        problems.add(property.name(), "'" + text + "' is not true or false");
        return Boolean.parseBoolean(property.defaultValue());
    }

    /** A {@link Property.Type#DURATION}. */
    public Duration duration(Property property) {
        try {
            return Durations.parse(property.name(), text(property));
        } catch (ConfigException e) {
            problems.addAll(e);
            return Durations.parse(property.name(), property.defaultValue());
        }
    }

    /** Runs {@code step}, recording its {@link ConfigException} instead of throwing; null on failure. */
    public <T> T attempt(Supplier<T> step) {
        try {
            return step.get();
        } catch (ConfigException e) {
            problems.addAll(e);
            return null;
        }
    }
}

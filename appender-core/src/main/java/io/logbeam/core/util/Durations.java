package io.logbeam.core.util;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses duration properties the same way in both adapters: Logback's syntax ({@code "500 milliseconds"},
 * {@code "10 seconds"}, {@code "2 minutes"}), the short forms ({@code "500ms"}, {@code "10s"}, {@code "2m"},
 * {@code "1h"}, {@code "1d"}) and ISO-8601 ({@code "PT10S"}). A bare number means milliseconds, as in Logback.
 */
public final class Durations {

    private static final Pattern AMOUNT_UNIT = Pattern.compile(
            "^(\\d+(?:\\.\\d+)?)\\s*(|ms|millis?|milliseconds?|s|secs?|seconds?|m|mins?|minutes?|h|hours?|d|days?)$");

    private Durations() {
    }

    /**
     * Parses {@code text} for {@code property}.
     *
     * @throws ConfigException naming {@code property} when the text is not a duration or is negative
     */
    public static Duration parse(String property, String text) {
        if (text == null || text.isBlank()) {
            throw new ConfigException(property, "a duration is required, e.g. '10 seconds', '500ms' or 'PT10S'");
        }
        String value = text.trim().toLowerCase(Locale.ROOT);
        if (value.startsWith("p") || value.startsWith("-p")) {
            try {
                Duration d = Duration.parse(value.toUpperCase(Locale.ROOT));
                if (d.isNegative()) {
                    throw new ConfigException(property, "must not be negative, was '" + text + "'");
                }
                return d;
            } catch (DateTimeParseException e) {
                throw new ConfigException(property, "'" + text + "' is not an ISO-8601 duration");
            }
        }
        Matcher m = AMOUNT_UNIT.matcher(value);
        if (!m.matches()) {
            throw new ConfigException(property,
                    "'" + text + "' is not a duration; use e.g. '10 seconds', '500 milliseconds', '500ms', '2m' or 'PT10S'");
        }
        double amount = Double.parseDouble(m.group(1));
        double millis = amount * unitMillis(m.group(2));
        if (millis > Long.MAX_VALUE / 2) {
            throw new ConfigException(property, "'" + text + "' is too long");
        }
        return Duration.ofNanos(Math.round(millis * 1_000_000d));
    }

    private static double unitMillis(String unit) {
        if (unit.isEmpty() || unit.startsWith("ms") || unit.startsWith("milli")) {
            return 1;
        }
        if (unit.startsWith("s")) {
            return 1_000;
        }
        if (unit.startsWith("m")) {
            return 60_000;
        }
        if (unit.startsWith("h")) {
            return 3_600_000;
        }
        return 86_400_000; // days
    }
}

package io.logbeam.consumer;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Reads event times: Logbeam's {@code 2026-11-22T14:39:24.123Z} (read directly, it is most of what comes by),
 * any other ISO-8601 instant or offset date-time, or epoch milliseconds written as digits.
 */
public final class EventTimes {

    private EventTimes() {
    }

    /** The instant {@code text} names, or null when it is null or not a time this class reads. */
    public static Instant parse(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        if (isLogbeamFormat(text)) {
            return logbeamFormat(text);
        }
        if (allDigits(text)) {
            return text.length() <= 15 ? Instant.ofEpochMilli(Long.parseLong(text)) : null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException again) {
                return null;
            }
        }
    }

    // yyyy-MM-ddTHH:mm:ss.SSSZ, fixed positions
    private static boolean isLogbeamFormat(String t) {
        return t.length() == 24 && t.charAt(4) == '-' && t.charAt(7) == '-' && t.charAt(10) == 'T'
                && t.charAt(13) == ':' && t.charAt(16) == ':' && t.charAt(19) == '.' && t.charAt(23) == 'Z';
    }

    private static Instant logbeamFormat(String t) {
        int year = digits(t, 0, 4);
        int month = digits(t, 5, 2);
        int day = digits(t, 8, 2);
        int hour = digits(t, 11, 2);
        int minute = digits(t, 14, 2);
        int second = digits(t, 17, 2);
        int millis = digits(t, 20, 3);
        if ((year | month | day | hour | minute | second | millis) < 0 || month < 1 || month > 12 || day < 1
                || day > 31 || hour > 23 || minute > 59 || second > 59) {
            return null;
        }
        try {
            return OffsetDateTime.of(year, month, day, hour, minute, second, millis * 1_000_000, ZoneOffset.UTC)
                    .toInstant();
        } catch (java.time.DateTimeException e) {
            return null; // e.g. 31 April
        }
    }

    private static int digits(String t, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean allDigits(String t) {
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}

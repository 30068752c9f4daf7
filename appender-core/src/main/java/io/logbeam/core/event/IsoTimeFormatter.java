package io.logbeam.core.event;

import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Formats epoch milliseconds as {@code 2026-11-22T14:39:24.123Z} into a reused char array.
 *
 * <p>The date and time up to the second are computed once per second and cached, so the common case
 * only writes three digits. Not thread-safe: one instance per consumer thread.
 */
public final class IsoTimeFormatter {

    /** Length of the formatted value, {@code yyyy-MM-ddTHH:mm:ss.SSSZ}. */
    public static final int LENGTH = 24;

    private final char[] chars = new char[LENGTH];
    private long cachedSecond = Long.MIN_VALUE;

    /** Formats {@code epochMillis} and returns the internal buffer, valid until the next call. */
    public char[] format(long epochMillis) {
        long second = Math.floorDiv(epochMillis, 1000);
        if (second != cachedSecond) {
            fillSecond(second);
            cachedSecond = second;
        }
        int millis = (int) Math.floorMod(epochMillis, 1000);
        chars[20] = (char) ('0' + millis / 100);
        chars[21] = (char) ('0' + (millis / 10) % 10);
        chars[22] = (char) ('0' + millis % 10);
        return chars;
    }

    /** Allocating convenience for tests and rare paths. */
    public static String formatToString(long epochMillis) {
        return new String(new IsoTimeFormatter().format(epochMillis));
    }

    private void fillSecond(long epochSecond) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC);
        int year = t.getYear();
        if (year < 0 || year > 9999) {
            // ISO-8601 needs an expanded year form outside 0000..9999; clamp so the value stays parseable.
            year = Math.max(0, Math.min(9999, year));
        }
        put4(0, year);
        chars[4] = '-';
        put2(5, t.getMonthValue());
        chars[7] = '-';
        put2(8, t.getDayOfMonth());
        chars[10] = 'T';
        put2(11, t.getHour());
        chars[13] = ':';
        put2(14, t.getMinute());
        chars[16] = ':';
        put2(17, t.getSecond());
        chars[19] = '.';
        chars[23] = 'Z';
    }

    private void put2(int at, int value) {
        chars[at] = (char) ('0' + value / 10);
        chars[at + 1] = (char) ('0' + value % 10);
    }

    private void put4(int at, int value) {
        chars[at] = (char) ('0' + value / 1000);
        chars[at + 1] = (char) ('0' + (value / 100) % 10);
        chars[at + 2] = (char) ('0' + (value / 10) % 10);
        chars[at + 3] = (char) ('0' + value % 10);
    }
}

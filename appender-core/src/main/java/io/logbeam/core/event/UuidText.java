package io.logbeam.core.event;

/** Writes the canonical text form of a UUID, {@code 8-4-4-4-12} lower-case hex digits, into a char array. */
final class UuidText {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private UuidText() {
    }

    /** Writes the whole UUID {@code msb}/{@code lsb}, dashes included, into {@code chars[0, 36)}. */
    static void write(char[] chars, long msb, long lsb) {
        hex(chars, msb >>> 32, 8, 0);
        chars[8] = '-';
        hex(chars, msb >>> 16, 4, 9);
        chars[13] = '-';
        hex(chars, msb, 4, 14);
        chars[18] = '-';
        hex(chars, lsb >>> 48, 4, 19);
        chars[23] = '-';
        hex(chars, lsb, 12, 24);
    }

    /** Writes the low {@code digits} hex digits of {@code value} at {@code chars[at]}. */
    static void hex(char[] chars, long value, int digits, int at) {
        for (int i = digits - 1; i >= 0; i--) {
            chars[at + i] = HEX[(int) (value & 0xF)];
            value >>>= 4;
        }
    }
}

package io.logbeam.core.json;

/**
 * Text fitting for JSON output: repairs lone surrogates (which no UTF-8 encoder can write) and cuts
 * strings to a byte budget without splitting a character.
 *
 * <p>One pass over the string, and no allocation when the string is already clean and within the
 * budget, which is by far the common case.
 */
public final class Utf8Text {

    /** Replaces an unpaired surrogate: valid UTF-8 can not carry one. */
    public static final char REPLACEMENT = '\uFFFD';

    private Utf8Text() {
    }

    /**
     * Returns {@code text} cut so that its UTF-8 encoding takes at most {@code maxBytes} bytes and with every
     * lone surrogate replaced by U+FFFD. Returns the same instance when nothing had to change.
     */
    public static String fit(String text, int maxBytes) {
        int length = text.length();
        if (length <= maxBytes / 3 && isWellFormed(text)) {
            return text; // even all-3-byte characters fit; surrogates checked
        }
        long bytes = 0;
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            int width;
            if (c < 0x80) {
                width = 1;
            } else if (c < 0x800) {
                width = 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                if (bytes + 4 > maxBytes) {
                    return repair(text, i);
                }
                bytes += 4;
                i++;
                continue;
            } else if (Character.isSurrogate(c)) {
                return slowFit(text, maxBytes);
            } else {
                width = 3;
            }
            if (bytes + width > maxBytes) {
                return repair(text, i);
            }
            bytes += width;
        }
        return text;
    }

    /** Number of bytes the UTF-8 encoding of {@code text} takes, counting a lone surrogate as U+FFFD (3 bytes). */
    public static long utf8Length(CharSequence text) {
        long bytes = 0;
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    /** Whether {@code text} has no lone surrogate (so its UTF-8 encoding needs no repair). */
    public static boolean isWellFormed(CharSequence text) {
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else {
                    return false;
                }
            }
        }
        return true;
    }

    /** The prefix before {@code end} is known to be clean; only the cut is needed. */
    private static String repair(String text, int end) {
        return text.substring(0, end);
    }

    private static String slowFit(String text, int maxBytes) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), maxBytes));
        long bytes = 0;
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < length && Character.isLowSurrogate(text.charAt(i + 1))) {
                if (bytes + 4 > maxBytes) {
                    break;
                }
                out.append(c).append(text.charAt(i + 1));
                bytes += 4;
                i++;
                continue;
            }
            char safe = Character.isSurrogate(c) ? REPLACEMENT : c;
            int width = safe < 0x80 ? 1 : safe < 0x800 ? 2 : 3;
            if (bytes + width > maxBytes) {
                break;
            }
            out.append(safe);
            bytes += width;
        }
        return out.toString();
    }
}

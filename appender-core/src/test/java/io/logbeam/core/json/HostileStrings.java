package io.logbeam.core.json;

import java.util.Random;

/** Strings that break naive JSON writers, and what Logbeam's writer makes of them (tests of every layer). */
public final class HostileStrings {

    private HostileStrings() {
    }

    /** Random text full of what breaks naive JSON writers. */
    public static String hostileString(Random random, int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            switch (random.nextInt(8)) {
                case 0:
                    s.append((char) random.nextInt(0x20)); // control characters
                    break;
                case 1:
                    s.append((char) (0xD800 + random.nextInt(0x800))); // surrogates, often unpaired
                    break;
                case 2:
                    s.appendCodePoint(0x1F600 + random.nextInt(80)); // valid pairs (emoji)
                    break;
                case 3:
                    s.append("\"\\/\u2028\u2029\u0000".charAt(random.nextInt(6)));
                    break;
                case 4:
                    s.append((char) (0x80 + random.nextInt(0x780)));
                    break;
                default:
                    s.append((char) (0x20 + random.nextInt(0x5F)));
            }
        }
        return s.toString();
    }

    /** What the writer turns text into: unpaired surrogates become U+FFFD. */
    public static String repaired(String text) {
        StringBuilder s = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                s.append(c).append(text.charAt(++i));
            } else {
                s.append(Character.isSurrogate(c) ? '\uFFFD' : c);
            }
        }
        return s.toString();
    }
}

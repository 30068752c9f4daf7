package io.logbeam.consumer;

import java.nio.charset.StandardCharsets;

/**
 * Input the decoder could not turn into events: why, where in the record (e.g. {@code line 3},
 * {@code aggregate record 12}, {@code logEvents[4]}), and the bytes concerned, unchanged (the whole record when
 * the record itself is broken, else only the part that is).
 */
public final class DecodeFailure {

    private final String reason;
    private final String location;
    private final byte[] raw;

    DecodeFailure(String reason, String location, byte[] raw) {
        this.reason = reason;
        this.location = location;
        this.raw = raw;
    }

    /** Why it could not be decoded, e.g. {@code KPL aggregate MD5 mismatch}. */
    public String reason() {
        return reason;
    }

    /** Where in the record: {@code record}, or a path such as {@code gzip > aggregate record 3 > line 2}. */
    public String location() {
        return location;
    }

    /** The bytes concerned, as received. The array is the failure's own: do not change it. */
    public byte[] raw() {
        return raw;
    }

    /** The first bytes of {@link #raw()}, printable, for messages. */
    public String preview(int maxChars) {
        String text = new String(raw, 0, Math.min(raw.length, maxChars * 4), StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length() && out.length() < maxChars; i++) {
            char c = text.charAt(i);
            out.append(c < 0x20 || c == 0xFFFD ? '.' : c);
        }
        return out.toString();
    }

    @Override
    public String toString() {
        return location + ": " + reason + " (" + raw.length + " bytes)";
    }
}

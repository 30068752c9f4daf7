package io.logbeam.core.json;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A minimal JSON writer straight into a reused UTF-8 byte buffer: the only JSON the core writes is one flat-ish
 * object per event, and a general-purpose generator spends most of its time copying each string into its own
 * char buffer first. Strings are read in chunks into one reused char array (a fast intrinsic copy for Latin-1
 * strings) and encoded with a lookup table for the characters JSON must escape.
 *
 * <p>Commas are placed by one flag: a value or a closed container sets it, a name or an opened container
 * clears it. The caller is trusted to nest correctly (the event writer is the only caller). A lone surrogate
 * is written as U+FFFD, since UTF-8 can not carry it. Not thread-safe.
 */
public final class JsonOutput {

    private static final int CHUNK = 1024;
    private static final int MAX_BYTES_PER_CHAR = 6; // a control character, escaped with backslash-u and four hex digits
    private static final int INITIAL_BYTES = 8192;
    private static final int MAX_KEPT_BYTES = 4 * 1024 * 1024;
    private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NULL = {'n', 'u', 'l', 'l'};
    private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
    private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};

    /** For ASCII: 0 = copy as is, -1 = backslash-u and four hex digits, else the letter after the backslash. */
    private static final byte[] ESCAPES = new byte[128];

    static {
        for (int c = 0; c < 0x20; c++) {
            ESCAPES[c] = -1;
        }
        ESCAPES['"'] = '"';
        ESCAPES['\\'] = '\\';
        ESCAPES['\b'] = 'b';
        ESCAPES['\f'] = 'f';
        ESCAPES['\n'] = 'n';
        ESCAPES['\r'] = 'r';
        ESCAPES['\t'] = 't';
    }

    private final char[] chunk = new char[CHUNK];
    private byte[] bytes;
    private int size;
    private boolean comma;

    public JsonOutput() {
        this(INITIAL_BYTES);
    }

    public JsonOutput(int initialBytes) {
        this.bytes = new byte[Math.max(16, initialBytes)];
    }

    /** Bytes written since the last {@link #reset()}. */
    public int size() {
        return size;
    }

    /** Starts a new document in the same buffer. */
    public void reset() {
        size = 0;
        comma = false;
    }

    /** A copy of what was written. */
    public byte[] copy() {
        return Arrays.copyOf(bytes, size);
    }

    /** Gives back memory after a huge event, so one 10 MB message does not pin 10 MB for the JVM's life. */
    public void shrinkIfHuge() {
        if (bytes.length > MAX_KEPT_BYTES) {
            bytes = new byte[INITIAL_BYTES];
        }
    }

    public void startObject() {
        separate();
        put('{');
        comma = false;
    }

    public void endObject() {
        put('}');
        comma = true;
    }

    public void startArray() {
        separate();
        put('[');
        comma = false;
    }

    public void endArray() {
        put(']');
        comma = true;
    }

    /** A field name encoded in advance. */
    public void name(JsonName name) {
        separate();
        byte[] encoded = name.encoded();
        ensure(encoded.length);
        System.arraycopy(encoded, 0, bytes, size, encoded.length);
        size += encoded.length;
        comma = false;
    }

    /** A field name known only now (an MDC or key-value key). */
    public void name(String name) {
        separate();
        quoted(name, 0, name.length());
        put(':');
        comma = false;
    }

    public void nullValue() {
        separate();
        raw(NULL);
        comma = true;
    }

    public void value(boolean value) {
        separate();
        raw(value ? TRUE : FALSE);
        comma = true;
    }

    public void value(long value) {
        separate();
        if (value == Long.MIN_VALUE) {
            ascii(Long.toString(value));
        } else {
            digits(value);
        }
        comma = true;
    }

    /** A number already in JSON syntax (finite doubles, big decimals). */
    public void number(String text) {
        separate();
        ascii(text);
        comma = true;
    }

    /** A string value, or null. */
    public void value(String text) {
        if (text == null) {
            nullValue();
            return;
        }
        separate();
        quoted(text, 0, text.length());
        comma = true;
    }

    /** A string value read from a builder or other char sequence, without making a String of it. */
    public void value(CharSequence text) {
        separate();
        quoted(text, 0, text.length());
        comma = true;
    }

    /**
     * A string value of characters that need no escaping and are all ASCII (ids, timestamps the core
     * generates): copied without the per-character checks.
     */
    public void asciiValue(char[] text, int offset, int length) {
        separate();
        ensure(length + 2);
        byte[] b = bytes;
        int p = size;
        b[p++] = '"';
        for (int i = 0; i < length; i++) {
            b[p++] = (byte) text[offset + i];
        }
        b[p++] = '"';
        size = p;
        comma = true;
    }

    /** A whole {@code "name":value} pair encoded in advance (constant fields such as the host). */
    public void field(byte[] encodedField) {
        separate();
        raw(encodedField);
        comma = true;
    }

    /** A whole value already written as compact JSON (a structured value rendered when it was logged). */
    public void rawValue(byte[] json, int offset, int length) {
        separate();
        ensure(length);
        System.arraycopy(json, offset, bytes, size, length);
        size += length;
        comma = true;
    }

    /** Opens a string value whose content follows in parts (a stack trace rendered straight into the output). */
    public void startString() {
        separate();
        put('"');
    }

    /** Part of an open string, escaped. */
    public void stringPart(CharSequence text) {
        part(text, 0, text.length());
    }

    /** Part of an open string: the decimal digits of {@code value}. */
    public void stringPart(long value) {
        if (value == Long.MIN_VALUE) {
            ascii(Long.toString(value));
        } else {
            digits(value);
        }
    }

    /** Part of an open string that is already escaped UTF-8 (from {@link #copy()} of parts written before). */
    public void escapedPart(byte[] escaped) {
        raw(escaped);
    }

    /** Closes the string opened by {@link #startString()}. */
    public void endString() {
        put('"');
        comma = true;
    }

    /** The state to go back to with {@link #rewind(long)}: the size and whether a comma is due. */
    public long mark() {
        return ((long) size << 1) | (comma ? 1 : 0);
    }

    /** Forgets what was written since {@code mark}. */
    public void rewind(long mark) {
        size = (int) (mark >>> 1);
        comma = (mark & 1) != 0;
    }

    private void separate() {
        if (comma) {
            put(',');
        }
    }

    private void quoted(CharSequence text, int from, int to) {
        put('"');
        part(text, from, to);
        put('"');
    }

    private void part(CharSequence text, int from, int to) {
        int i = from;
        while (i < to) {
            int n = Math.min(CHUNK, to - i);
            if (text instanceof String) {
                ((String) text).getChars(i, i + n, chunk, 0);
            } else if (text instanceof StringBuilder) {
                ((StringBuilder) text).getChars(i, i + n, chunk, 0);
            } else {
                for (int k = 0; k < n; k++) {
                    chunk[k] = text.charAt(i + k);
                }
            }
            // A pair split at the chunk's end is carried into the next chunk whole.
            if (n > 1 && i + n < to && Character.isHighSurrogate(chunk[n - 1])) {
                n--;
            }
            encode(chunk, 0, n);
            i += n;
        }
    }

    private void encode(char[] text, int offset, int length) {
        int end = offset + length;
        int i = offset;
        while (i < end) {
            int n = Math.min(CHUNK, end - i);
            ensure(n * MAX_BYTES_PER_CHAR);
            int stop = i + n;
            byte[] b = bytes;
            int p = size;
            while (i < stop) {
                int plain = copyPlainAscii(text, i, stop, b, p);
                i += plain;
                p += plain;
                if (i == stop) {
                    break;
                }
                char c = text[i];
                if (c < 0x80) {
                    byte escape = ESCAPES[c];
                    if (escape > 0) {
                        b[p++] = '\\';
                        b[p++] = escape;
                    } else {
                        b[p++] = '\\';
                        b[p++] = 'u';
                        b[p++] = '0';
                        b[p++] = '0';
                        b[p++] = HEX[c >> 4];
                        b[p++] = HEX[c & 0xF];
                    }
                } else if (c < 0x800) {
                    b[p++] = (byte) (0xC0 | (c >> 6));
                    b[p++] = (byte) (0x80 | (c & 0x3F));
                } else if (!Character.isSurrogate(c)) {
                    p = threeBytes(b, p, c);
                } else if (Character.isHighSurrogate(c) && i + 1 < end && Character.isLowSurrogate(text[i + 1])) {
                    int cp = Character.toCodePoint(c, text[++i]);
                    b[p++] = (byte) (0xF0 | (cp >> 18));
                    b[p++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                    b[p++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                    b[p++] = (byte) (0x80 | (cp & 0x3F));
                } else {
                    p = threeBytes(b, p, Utf8Text.REPLACEMENT);
                }
                i++;
            }
            size = p;
        }
    }

    /**
     * Copies the run of characters that need neither escaping nor multi-byte encoding (most of any log text)
     * and returns its length: a loop small enough for the JIT to compile tightly.
     */
    private static int copyPlainAscii(char[] text, int from, int to, byte[] b, int p) {
        int i = from;
        while (i < to) {
            char c = text[i];
            if (c >= 0x80 || ESCAPES[c] != 0) {
                break;
            }
            b[p++] = (byte) c;
            i++;
        }
        return i - from;
    }

    private static int threeBytes(byte[] b, int p, char c) {
        b[p] = (byte) (0xE0 | (c >> 12));
        b[p + 1] = (byte) (0x80 | ((c >> 6) & 0x3F));
        b[p + 2] = (byte) (0x80 | (c & 0x3F));
        return p + 3;
    }

    /** Decimal digits of a value other than {@link Long#MIN_VALUE}, without making a String. */
    private void digits(long value) {
        ensure(20);
        if (value < 0) {
            bytes[size++] = '-';
            value = -value;
        }
        int count = 1;
        for (long v = value; v >= 10; v /= 10) {
            count++;
        }
        int p = size + count;
        do {
            bytes[--p] = (byte) ('0' + (value % 10));
            value /= 10;
        } while (value != 0);
        size += count;
    }

    private void ascii(String text) {
        int length = text.length();
        ensure(length);
        for (int i = 0; i < length; i++) {
            bytes[size++] = (byte) text.charAt(i);
        }
    }

    private void raw(byte[] b) {
        ensure(b.length);
        System.arraycopy(b, 0, bytes, size, b.length);
        size += b.length;
    }

    private void put(char c) {
        ensure(1);
        bytes[size++] = (byte) c;
    }

    private void ensure(int more) {
        int needed = size + more;
        if (needed > bytes.length || needed < 0) {
            if (needed < 0) {
                throw new IllegalStateException("JSON output exceeds 2 GB");
            }
            bytes = Arrays.copyOf(bytes, Math.max(needed, bytes.length * 2));
        }
    }
}

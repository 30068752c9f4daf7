package io.logbeam.core.event;

import io.logbeam.core.json.JsonCut;
import io.logbeam.core.json.JsonOutput;
import io.logbeam.core.json.Utf8Text;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;

/**
 * Writes any value logged with an event as JSON: null, booleans and numbers as such (NaN and infinities as text),
 * text, maps (keys as text), collections and arrays (a {@code byte[]} as base64, a {@code char[]} as text),
 * {@code Optional}, {@code java.time} values (ISO-8601 text), {@code Date} (as an instant), enums (their name), UUIDs;
 * anything else through the {@link ObjectConverter} (Jackson), or as its {@code toString()} without one or when the
 * converter finds no properties in it.
 *
 * <p>Bounded: containers nested deeper than {@value #MAX_DEPTH} and containers that contain themselves are written as a
 * short note; elements are written while they fit under the byte limit, the rest left out, so the JSON stays valid.
 * Each of these cuts is reported ({@link #write} returns true). A failing {@code toString()}, getter or serializer
 * becomes a short note in place of the value, never an exception. Masking applies to map keys and text. Not
 * thread-safe.
 */
final class JsonValueWriter {

    /** Containers nested deeper than this are written as a note. */
    static final int MAX_DEPTH = 16;
    /** Room kept for one scalar element and the closing brackets, checked before each element. */
    private static final int ELEMENT_ROOM = 32;
    private static final Object NOT_SIMPLE = new Object();

    private final ObjectConverter converter; // null: toString()
    private final Masking masking;
    private final Matcher matcher; // reused for every text; null without a pattern
    private final Object[] path = new Object[MAX_DEPTH];
    private JsonOutput out;
    private int limit;
    private boolean cut;

    JsonValueWriter(ObjectConverter converter, Masking masking) {
        this.converter = converter;
        this.masking = masking;
        this.matcher = masking.newMatcher();
    }

    /**
     * Writes {@code value} into {@code out}, keeping {@code out}'s size within about {@code limit} bytes.
     *
     * @return whether something was left out
     */
    boolean write(Object value, JsonOutput target, int sizeLimit) {
        this.out = target;
        this.limit = sizeLimit;
        this.cut = false;
        try {
            value(value, 0);
        } finally {
            Arrays.fill(path, null);
            this.out = null;
        }
        return cut;
    }

    /**
     * The value as an immutable scalar when it is one Logbeam writes without looking inside (text, number, boolean,
     * an enum's name, an instant...), null for null, else a marker that {@link #isSimple} rejects.
     */
    static Object simple(Object v) {
        if (v == null || v instanceof String || v instanceof Boolean || v instanceof Integer || v instanceof Long
                || v instanceof Double || v instanceof Float || v instanceof BigDecimal || v instanceof BigInteger
                || v instanceof Short || v instanceof Byte) {
            return v;
        }
        if (v instanceof CharSequence || v instanceof Character) {
            return FieldWriter.safeToString(v);
        }
        if (v instanceof AtomicInteger || v instanceof AtomicLong || v instanceof LongAdder) {
            return ((Number) v).longValue();
        }
        if (v instanceof DoubleAdder) {
            return ((DoubleAdder) v).doubleValue();
        }
        if (v instanceof AtomicBoolean) {
            return ((AtomicBoolean) v).get();
        }
        if (v instanceof Enum) {
            return ((Enum<?>) v).name();
        }
        if (v instanceof Class) {
            return ((Class<?>) v).getName();
        }
        if (v instanceof Date) {
            return Instant.ofEpochMilli(((Date) v).getTime()).toString(); // java.sql.Date has no toInstant()
        }
        if (v instanceof Throwable) {
            Throwable t = (Throwable) v;
            String message = ThrowableFormatter.message(t);
            return message == null ? ThrowableFormatter.className(t) : ThrowableFormatter.className(t) + ": " + message;
        }
        if (v instanceof OptionalInt) {
            OptionalInt o = (OptionalInt) v;
            return o.isPresent() ? (Object) (long) o.getAsInt() : null;
        }
        if (v instanceof OptionalLong) {
            OptionalLong o = (OptionalLong) v;
            return o.isPresent() ? (Object) o.getAsLong() : null;
        }
        if (v instanceof OptionalDouble) {
            OptionalDouble o = (OptionalDouble) v;
            return o.isPresent() ? (Object) o.getAsDouble() : null;
        }
        if (v instanceof UUID || v instanceof URI || v.getClass().getName().startsWith("java.time.")) {
            return v.toString();
        }
        return NOT_SIMPLE;
    }

    static boolean isSimple(Object simple) {
        return simple != NOT_SIMPLE;
    }

    private void value(Object v, int depth) {
        Object s = simple(v);
        if (s != NOT_SIMPLE) {
            scalar(s, depth);
        } else if (v instanceof RenderedValue) {
            RenderedValue r = (RenderedValue) v;
            cut |= r.truncated() | JsonCut.write(r.json(), r.size(), Math.max(2, room(depth)), out);
        } else if (v instanceof Optional) {
            value(((Optional<?>) v).orElse(null), depth);
        } else if (v instanceof byte[]) {
            base64((byte[]) v, depth);
        } else if (v instanceof char[]) {
            text(new String((char[]) v), depth);
        } else if (v instanceof Map || v instanceof Collection || v.getClass().isArray()) {
            container(v, depth);
        } else {
            converted(v, depth);
        }
    }

    private void scalar(Object s, int depth) {
        if (s == null) {
            out.nullValue();
        } else if (s instanceof String) {
            text((String) s, depth);
        } else if (s instanceof Boolean) {
            out.value(((Boolean) s).booleanValue());
        } else if (s instanceof Double || s instanceof Float) {
            decimal((Number) s);
        } else if (s instanceof BigDecimal || s instanceof BigInteger) {
            out.number(s.toString());
        } else {
            out.value(((Number) s).longValue());
        }
    }

    private void decimal(Number n) {
        double d = n.doubleValue();
        String text = n instanceof Float ? Float.toString(n.floatValue()) : Double.toString(d);
        if (Double.isFinite(d)) {
            out.number(text);
        } else {
            out.value(text); // JSON has no NaN or Infinity
        }
    }

    /** Bytes left for one more value at {@code depth}, keeping room to close what is open. */
    private int room(int depth) {
        return limit - out.size() - depth - 2;
    }

    private void text(String text, int depth) {
        String masked = masking.apply(text, matcher);
        int room = Math.max(0, room(depth));
        if (masked.length() > room / 3) {
            String fitted = Utf8Text.fit(masked, room);
            if (fitted.length() < masked.length()) {
                cut = true;
                masked = fitted;
            }
        }
        out.value(masked);
    }

    private void base64(byte[] bytes, int depth) {
        int fits = Math.max(0, room(depth)) / 4 * 3;
        byte[] written = bytes;
        if (bytes.length > fits) {
            cut = true;
            written = Arrays.copyOf(bytes, fits);
        }
        out.value(Base64.getEncoder().encodeToString(written));
    }

    private void container(Object v, int depth) {
        if (depth >= MAX_DEPTH) {
            cut = true;
            out.value("[nested deeper than " + MAX_DEPTH + "]");
            return;
        }
        for (int i = 0; i < depth; i++) {
            if (path[i] == v) {
                cut = true;
                out.value("[cycle: " + v.getClass().getName() + "]");
                return;
            }
        }
        path[depth] = v;
        long mark = out.mark();
        try {
            if (v instanceof Map) {
                map((Map<?, ?>) v, depth + 1);
            } else if (v instanceof Collection) {
                out.startArray();
                for (Object element : (Collection<?>) v) {
                    if (!element(element, depth + 1)) {
                        break;
                    }
                }
                out.endArray();
            } else {
                array(v, depth + 1);
            }
        } catch (RuntimeException e) { // changed while being read, a broken collection
            out.rewind(mark);
            out.value(note(v, e));
        } finally {
            path[depth] = null;
        }
    }

    private void map(Map<?, ?> map, int depth) {
        out.startObject();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (room(depth) < ELEMENT_ROOM) {
                cut = true;
                break;
            }
            long mark = out.mark();
            Object k = entry.getKey();
            String key = k instanceof String ? (String) k : FieldWriter.safeToString(k);
            out.name(key.length() > room(depth) / 6 ? Utf8Text.fit(key, Math.max(0, room(depth) / 2)) : key);
            if (masking.masksKey(key)) {
                out.value(Masking.MASK);
            } else {
                value(entry.getValue(), depth);
            }
            if (room(depth) < 0) {
                out.rewind(mark);
                cut = true;
                break;
            }
        }
        out.endObject();
    }

    /** Writes one element of an array; false when it did not fit (then it is not written and the rest is left out). */
    private boolean element(Object element, int depth) {
        if (room(depth) < ELEMENT_ROOM) {
            cut = true;
            return false;
        }
        long mark = out.mark();
        value(element, depth);
        if (room(depth) < 0) {
            out.rewind(mark);
            cut = true;
            return false;
        }
        return true;
    }

    private void array(Object array, int depth) {
        out.startArray();
        if (array instanceof Object[]) {
            for (Object element : (Object[]) array) {
                if (!element(element, depth)) {
                    break;
                }
            }
        } else if (array instanceof int[]) {
            int[] a = (int[]) array;
            for (int i = 0; i < a.length && fits(depth); i++) {
                out.value(a[i]);
            }
        } else if (array instanceof long[]) {
            long[] a = (long[]) array;
            for (int i = 0; i < a.length && fits(depth); i++) {
                out.value(a[i]);
            }
        } else if (array instanceof short[]) {
            short[] a = (short[]) array;
            for (int i = 0; i < a.length && fits(depth); i++) {
                out.value(a[i]);
            }
        } else if (array instanceof double[]) {
            double[] a = (double[]) array;
            for (int i = 0; i < a.length && fits(depth); i++) {
                decimal(a[i]);
            }
        } else if (array instanceof float[]) {
            float[] a = (float[]) array;
            for (int i = 0; i < a.length && fits(depth); i++) {
                decimal(a[i]);
            }
        } else if (array instanceof boolean[]) {
            boolean[] a = (boolean[]) array;
            for (int i = 0; i < a.length && fits(depth); i++) {
                out.value(a[i]);
            }
        }
        out.endArray();
    }

    /** Whether one more number fits; marks the value cut when not. */
    private boolean fits(int depth) {
        if (room(depth) < ELEMENT_ROOM) {
            cut = true;
            return false;
        }
        return true;
    }

    private void converted(Object v, int depth) {
        if (converter == null) {
            text(FieldWriter.safeToString(v), depth);
            return;
        }
        if (masking.isOff() && written(v, depth)) {
            return;
        }
        Object plain;
        try {
            plain = converter.toPlain(v);
        } catch (Exception | LinkageError | StackOverflowError e) {
            out.value(note(v, e));
            return;
        }
        if (plain == v || !(plain == null || plain instanceof Map || plain instanceof Collection
                || plain instanceof byte[] || isSimple(simple(plain)))) {
            text(FieldWriter.safeToString(v), depth); // the converter gave back something it can not take apart
        } else if (plain instanceof Map && ((Map<?, ?>) plain).isEmpty()) {
            text(FieldWriter.safeToString(v), depth); // no properties to see: its text says more than {}
        } else {
            value(plain, depth);
        }
    }

    /**
     * Writes {@code v} as the JSON the converter writes itself, when nothing needs to be masked inside it: about half
     * the work of taking it apart. False, with nothing written, when that JSON is larger than the room left (then the
     * value is taken apart and cut element by element) or the converter found no properties in it ({@code {}}: its
     * text says more). A converter that fails gives the note in place of the value.
     */
    private boolean written(Object v, int depth) {
        byte[] json;
        try {
            json = converter.toJson(v, Math.max(0, room(depth)));
        } catch (Exception | LinkageError | StackOverflowError e) {
            out.value(note(v, e));
            return true;
        }
        if (json == null || (json.length == 2 && json[0] == '{')) {
            return false;
        }
        out.rawValue(json, 0, json.length);
        return true;
    }

    /** A short note in place of a value that could not be read. */
    static String note(Object value, Throwable failure) {
        String message = failure.getMessage();
        if (message != null) {
            int line = message.indexOf('\n');
            message = line >= 0 ? message.substring(0, line) : message;
            message = message.length() > 200 ? message.substring(0, 200) + "..." : message;
        }
        return "<" + value.getClass().getName() + " could not be written: " + failure.getClass().getName()
                + (message == null ? "" : ": " + message) + ">";
    }
}

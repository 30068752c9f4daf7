package io.logbeam.core.event;

import io.logbeam.core.json.JsonOutput;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.util.Set;
import java.util.UUID;

/**
 * What an adapter keeps, on the logging thread, of a value logged with an event (an SLF4J key-value, a
 * {@code MapMessage} entry, an {@code ObjectMessage}'s object): the event is encoded later on Logbeam's consumer
 * thread, and by then the application may have changed a mutable value (a list it keeps adding to, a reused builder).
 * A value of an immutable type is kept as it is, by reference, costing nothing; any other value is rendered now, so
 * that what arrives is what the application logged at the moment of the call: text-like values as their text, maps,
 * collections, arrays and objects as their JSON ({@link RenderedValue}, at most {@value #MAX_RENDERED_BYTES} bytes,
 * with the appender's masking applied and objects written through its {@link ObjectConverter}).
 *
 * <p>One instance per appender (its schema's, see {@link JsonSchema#loggedValues()}); safe for any number of logging
 * threads.
 */
public final class LoggedValues {

    /**
     * The most JSON one structured value is rendered to when it is logged; the rest is left out (and the event marked
     * truncated). An event's own limit then applies when it is encoded.
     */
    public static final int MAX_RENDERED_BYTES = 1024 * 1024;

    /**
     * Exactly these classes (not subclasses: {@code AtomicLong} is a {@code Number}, and a subclass may be mutable).
     * All of {@code java.time}'s value classes are immutable as well, and so is every enum constant's identity.
     */
    private static final Set<Class<?>> IMMUTABLE = Set.of(String.class, Boolean.class, Character.class, Byte.class,
            Short.class, Integer.class, Long.class, Float.class, Double.class, BigInteger.class, BigDecimal.class,
            UUID.class, URI.class, Class.class, RenderedValue.class);

    private static final ClassValue<Boolean> IMMUTABLE_TYPE = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            return IMMUTABLE.contains(type) || type.isEnum() || (type.getSuperclass() != null
                    && type.getSuperclass().isEnum()) || type.getName().startsWith("java.time.");
        }
    };

    /** A thread's rendering buffer is given back after a value larger than this. */
    private static final int KEPT_SCRATCH_BYTES = 64 * 1024;

    private static final LoggedValues DEFAULTS = new LoggedValues(ObjectConverter.defaults(), Masking.NONE);

    /**
     * A rendering buffer per logging thread, shared by every appender. It holds nothing of the application's (no
     * mapper, no value), so a thread that outlives an application does not keep its class loader.
     */
    private static final ThreadLocal<JsonOutput> SCRATCH = ThreadLocal.withInitial(() -> new JsonOutput(512));

    private final ObjectConverter converter;
    private final Masking masking;

    /**
     * @param converter how objects that are not maps, collections, arrays or known scalars are written; null:
     *                  as their {@code toString()}
     * @param masking   what is masked
     */
    public LoggedValues(ObjectConverter converter, Masking masking) {
        this.converter = converter;
        this.masking = masking;
    }

    /** Logbeam's defaults: objects through Jackson when it is present, nothing masked. */
    public static LoggedValues defaults() {
        return DEFAULTS;
    }

    /** Whether {@code value} can be read later and still be what it is now: null, or of an immutable type. */
    public static boolean isImmutable(Object value) {
        return value == null || value instanceof String || IMMUTABLE_TYPE.get(value.getClass());
    }

    /**
     * Whether {@code value} is null or a scalar Logbeam writes as it is (text, a number, a boolean, an enum, a time),
     * rather than a map, collection, array or object to take apart.
     */
    public static boolean isScalar(Object value) {
        return JsonValueWriter.isSimple(JsonValueWriter.simple(value));
    }

    /** The converter for objects of other types, or null (their {@code toString()}). */
    public ObjectConverter converter() {
        return converter;
    }

    /** What is masked. */
    public Masking masking() {
        return masking;
    }

    /**
     * {@code value} itself when it is immutable; else what it is now: its text or number (a {@code StringBuilder}, an
     * {@code AtomicLong}), or its JSON ({@link RenderedValue}). Never throws into the log call: a {@code toString()},
     * getter or serializer that fails gives a note saying so in place of the value.
     */
    public Object capture(Object value) {
        if (isImmutable(value)) {
            return value;
        }
        try {
            Object simple = JsonValueWriter.simple(value);
            if (JsonValueWriter.isSimple(simple)) {
                return simple;
            }
            JsonOutput out = SCRATCH.get();
            out.reset();
            boolean cut = newWriter().write(value, out, MAX_RENDERED_BYTES);
            RenderedValue rendered = new RenderedValue(out.copy(), cut);
            out.reset();
            if (rendered.size() > KEPT_SCRATCH_BYTES) {
                SCRATCH.remove(); // a huge value does not pin its buffer for the thread's life
            }
            return rendered;
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            return JsonValueWriter.note(value, e);
        }
    }

    /** {@code value} (plain data: maps, lists, text, numbers) rendered as JSON, for constants such as static fields. */
    static RenderedValue renderPlain(Object value) {
        JsonOutput out = new JsonOutput(64);
        boolean cut = new JsonValueWriter(null, Masking.NONE).write(value, out, MAX_RENDERED_BYTES);
        return new RenderedValue(out.copy(), cut);
    }

    /** A writer of values with this converter and masking (a few small objects; not thread-safe). */
    JsonValueWriter newWriter() {
        return new JsonValueWriter(converter, masking);
    }
}

package io.logbeam.core.event;


import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.util.Set;
import java.util.UUID;

/**
 * What an adapter keeps, on the logging thread, of a value logged with an event (an SLF4J key-value, a
 * {@code MapMessage} entry): the event is encoded later on Logbeam's consumer thread, and by then the application may
 * have changed a mutable value (a list it keeps adding to, a reused builder). A value of an immutable type is kept as
 * it is, by reference, costing nothing; any other value is rendered now, so that what arrives is what the application
 * logged at the moment of the call.
 */
public final class LoggedValues {

    /**
     * Exactly these classes (not subclasses: {@code AtomicLong} is a {@code Number}, and a subclass may be mutable).
     * All of {@code java.time}'s value classes are immutable as well, and so is every enum constant's identity.
     */
    private static final Set<Class<?>> IMMUTABLE = Set.of(String.class, Boolean.class, Character.class, Byte.class,
            Short.class, Integer.class, Long.class, Float.class, Double.class, BigInteger.class, BigDecimal.class,
            UUID.class, URI.class, Class.class);

    private static final ClassValue<Boolean> IMMUTABLE_TYPE = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            return IMMUTABLE.contains(type) || type.isEnum() || (type.getSuperclass() != null
                    && type.getSuperclass().isEnum()) || type.getName().startsWith("java.time.");
        }
    };

    private LoggedValues() {
    }

    /** Whether {@code value} can be read later and still be what it is now: null, or of an immutable type. */
    public static boolean isImmutable(Object value) {
        return value == null || value instanceof String || IMMUTABLE_TYPE.get(value.getClass());
    }

    /**
     * {@code value} itself when it is immutable, else its text now ({@code toString()}; a {@code toString()} that
     * throws gives a note saying so, never an exception into the log call).
     */
    public static Object capture(Object value) {
        return isImmutable(value) ? value : FieldWriter.safeToString(value);
    }
}

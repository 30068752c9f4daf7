package io.logbeam.core.event;

import io.logbeam.core.util.ClassPath;

/**
 * Turns an object that is none of the types Logbeam writes itself (a POJO, a record, a type of another library) into
 * plain data that it can write: a {@code Map} with string keys, a {@code List}, a {@code String}, a {@code Number}, a
 * {@code Boolean} or null, nested. With Jackson databind on the class path this is its {@code ObjectMapper} (the
 * user's, from {@code objectMapperFactory}, so that their modules and naming apply); without it, values of such types
 * are written as their {@code toString()}.
 */
public interface ObjectConverter {

    /**
     * The plain data of {@code value}; may throw anything (a failing getter, a self-reference), which the caller turns
     * into a short note in place of the value.
     */
    Object toPlain(Object value) throws Exception;

    /**
     * {@code value}'s JSON, compact (one line, no pretty printing), UTF-8; null when it would take more than
     * {@code maxBytes}. Faster than {@link #toPlain} and writing the result, but the caller can not look inside (to
     * mask keys). May throw anything, as {@link #toPlain}.
     */
    byte[] toJson(Object value, int maxBytes) throws Exception;

    /**
     * The Jackson {@code ObjectMapper} behind this converter (typed {@code Object} so that Logbeam links without
     * Jackson), for adapters that hand objects to code written for Jackson (logstash-logback-encoder's arguments).
     */
    Object objectMapper();

    /** Whether Jackson databind is on Logbeam's class path (looked up without loading it). */
    static boolean jacksonPresent() {
        return ClassPath.has("com.fasterxml.jackson.databind.ObjectMapper", ObjectConverter.class);
    }

    /**
     * A converter with Logbeam's own {@code ObjectMapper} (the modules found on the class path registered, beans
     * without properties written as {@code {}}), built when a value first needs it; null when Jackson is absent.
     */
    static ObjectConverter defaults() {
        return jacksonPresent() ? new DefaultJacksonConverter() : null;
    }

    /**
     * A converter with {@code objectMapper}.
     *
     * @throws IllegalArgumentException when it is not a {@code com.fasterxml.jackson.databind.ObjectMapper} (or Jackson
     *                                  is absent)
     */
    static ObjectConverter jackson(Object objectMapper) {
        if (!jacksonPresent()) {
            throw new IllegalArgumentException("Jackson databind (com.fasterxml.jackson.core:jackson-databind) is not "
                    + "on the class path");
        }
        return JacksonConverter.of(objectMapper);
    }
}

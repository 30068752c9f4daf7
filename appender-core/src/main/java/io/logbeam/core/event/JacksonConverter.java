package io.logbeam.core.event;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * {@link ObjectConverter} through a Jackson {@code ObjectMapper}: loaded only when Jackson databind is present (see
 * {@link ObjectConverter#jacksonPresent()}), so that appender-core runs without it.
 */
final class JacksonConverter implements ObjectConverter {

    private final ObjectMapper mapper;

    private JacksonConverter(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    static ObjectConverter withDefaultMapper() {
        ObjectMapper mapper = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
        try {
            mapper.findAndRegisterModules(); // jsr310, jdk8, ... when the application has them
        } catch (RuntimeException | LinkageError e) {
            // a broken module on the class path: go on with the plain mapper
        }
        return new JacksonConverter(mapper);
    }

    static ObjectConverter of(Object mapper) {
        if (!(mapper instanceof ObjectMapper)) {
            throw new IllegalArgumentException("expected a " + ObjectMapper.class.getName() + ", got "
                    + (mapper == null ? "null" : mapper.getClass().getName()));
        }
        return new JacksonConverter((ObjectMapper) mapper);
    }

    @Override
    public Object toPlain(Object value) {
        return mapper.convertValue(value, Object.class);
    }

    @Override
    public Object objectMapper() {
        return mapper;
    }
}

package io.logbeam.log4j2.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;

import java.util.function.Supplier;

/** An {@code objectMapperFactory} as an application writes one: its own mapper, its own naming. */
public final class SnakeCaseMapper implements Supplier<ObjectMapper> {
    @Override
    public ObjectMapper get() {
        return new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
    }
}

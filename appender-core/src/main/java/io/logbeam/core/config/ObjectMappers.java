package io.logbeam.core.config;

import io.logbeam.core.event.ObjectConverter;
import io.logbeam.core.util.ConfigException;
import io.logbeam.core.util.Instances;

import java.util.function.Supplier;

/** Reads {@code objectMapperFactory}: the user's Jackson {@code ObjectMapper} for logged objects. */
final class ObjectMappers {

    private ObjectMappers() {
    }

    /**
     * The converter through the mapper the factory class {@code className} supplies.
     *
     * @throws ConfigException naming the property when Jackson is absent, the class is not a supplier, it throws, or
     *                         what it supplies is not an {@code ObjectMapper}
     */
    static ObjectConverter converter(String className) {
        Property property = PropertyTable.OBJECT_MAPPER_FACTORY;
        if (!ObjectConverter.jacksonPresent()) {
            throw new ConfigException(property.name(), "Jackson databind is not on the class path: add "
                    + "com.fasterxml.jackson.core:jackson-databind, or leave " + property.name() + " unset");
        }
        Supplier<?> factory = Instances.create(property.name(), className, Supplier.class);
        Object mapper;
        try {
            mapper = factory.get();
        } catch (RuntimeException | LinkageError e) {
            throw new ConfigException(property.name(), className + ".get() failed: " + e);
        }
        try {
            return ObjectConverter.jackson(mapper);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(property.name(), className + ".get() must give an ObjectMapper: "
                    + e.getMessage());
        }
    }
}

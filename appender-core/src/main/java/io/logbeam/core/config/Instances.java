package io.logbeam.core.config;

import io.logbeam.core.util.ConfigException;

/** Creates the object a property names by its class (a fallback, an object-mapper factory). */
final class Instances {

    private Instances() {
    }

    /**
     * A new instance of the class named {@code className}, through its public no-argument constructor, looked up in the
     * thread's context class loader (else Logbeam's).
     *
     * @throws ConfigException naming {@code property} when there is no such class, it is not a {@code type}, or it can
     *                         not be created
     */
    static <T> T create(Property property, String className, Class<T> type) {
        try {
            ClassLoader context = Thread.currentThread().getContextClassLoader();
            Class<?> found = Class.forName(className, true, context != null ? context
                    : Instances.class.getClassLoader());
            return type.cast(found.getDeclaredConstructor().newInstance());
        } catch (ReflectiveOperationException | ClassCastException | LinkageError e) {
            throw new ConfigException(property.name(), "'" + className + "' is not a class implementing "
                    + type.getName() + " with a public no-argument constructor: " + e);
        }
    }
}

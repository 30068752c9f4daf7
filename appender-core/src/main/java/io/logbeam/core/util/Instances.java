package io.logbeam.core.util;

/** Creates the object a property names by its class (a fallback, an object-mapper factory, a client customizer). */
public final class Instances {

    private Instances() {
    }

    /**
     * A new instance of the class named {@code className}, through its public no-argument constructor, looked up in the
     * thread's context class loader (else Logbeam's).
     *
     * @throws ConfigException naming {@code property} when there is no such class, it is not a {@code type}, or it can
     *                         not be created
     */
    public static <T> T create(String property, String className, Class<T> type) {
        try {
            ClassLoader context = Thread.currentThread().getContextClassLoader();
            Class<?> found = Class.forName(className, true, context != null ? context
                    : Instances.class.getClassLoader());
            return type.cast(found.getDeclaredConstructor().newInstance());
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            throw new ConfigException(property, "'" + className + "' is not a class implementing "
                    + type.getName() + " with a public no-argument constructor: " + e);
        }
    }
}

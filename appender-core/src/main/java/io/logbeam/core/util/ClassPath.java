package io.logbeam.core.util;

/** Whether an optional artifact is there, asked without loading (and so without initializing) any of its classes. */
public final class ClassPath {

    private ClassPath() {
    }

    /**
     * Whether {@code className}'s class file can be found by the class loader of {@code user}: a lookup of the file,
     * so that a start does not pay for loading a library (and the classes it references) it may never use.
     */
    public static boolean has(String className, Class<?> user) {
        ClassLoader loader = user.getClassLoader();
        String file = className.replace('.', '/') + ".class";
        return (loader != null ? loader.getResource(file) : ClassLoader.getSystemResource(file)) != null;
    }
}

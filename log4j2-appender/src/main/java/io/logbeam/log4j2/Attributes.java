package io.logbeam.log4j2;

import io.logbeam.core.ConfigException;
import io.logbeam.core.config.AppenderSettings;

import org.apache.logging.log4j.core.config.plugins.PluginBuilderAttribute;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Binds the Logbeam attributes of a builder to the core's settings object. Every attribute is text in the
 * builder and is converted here, strictly, so a bad number or flag is reported with the attribute's name
 * (Log4j2's own conversion would log an error without it and silently keep the default, and would read
 * {@code "yes"} as false). The attribute {@code bufferSize} is applied with {@code setBufferSize}: the names
 * are the settings' property names by construction.
 */
final class Attributes {

    private Attributes() {
    }

    /**
     * The attributes declared with {@link PluginBuilderAttribute} by {@code builder}'s class and its
     * superclasses up to (not including) {@code stopAt}, sorted by name; unset ones map to null.
     */
    static Map<String, String> of(Object builder, Class<?> stopAt) {
        Map<String, String> values = new TreeMap<>();
        for (Field field : declared(builder.getClass(), stopAt)) {
            try {
                field.setAccessible(true);
                values.put(field.getName(), (String) field.get(builder));
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot read attribute " + field.getName(), e);
            }
        }
        return values;
    }

    /** The attribute fields of {@code type} and its superclasses below {@code stopAt}. */
    static List<Field> declared(Class<?> type, Class<?> stopAt) {
        List<Field> fields = new ArrayList<>();
        for (Class<?> c = type; c != null && c != stopAt && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (field.isAnnotationPresent(PluginBuilderAttribute.class)) {
                    if (field.getType() != String.class) {
                        throw new IllegalStateException("Logbeam attribute " + field.getName() + " must be a String");
                    }
                    fields.add(field);
                }
            }
        }
        return fields;
    }

    /** Applies every set attribute to {@code settings}, recording conversion problems by attribute name. */
    static void apply(Map<String, String> attributes, AppenderSettings settings, ConfigException.Collector problems) {
        for (Map.Entry<String, String> attribute : attributes.entrySet()) {
            if (attribute.getValue() != null) {
                apply(attribute.getKey(), attribute.getValue(), settings, problems);
            }
        }
    }

    private static void apply(String name, String text, AppenderSettings settings, ConfigException.Collector problems) {
        Method setter = setter(settings.getClass(), name);
        if (setter == null) {
            problems.add(name, "is not a property of " + settings.getClass().getSimpleName());
            return;
        }
        Class<?> type = setter.getParameterTypes()[0];
        Object value;
        if (type == String.class) {
            value = text;
        } else if (type == int.class || type == Integer.class) {
            try {
                value = Integer.parseInt(text.trim());
            } catch (NumberFormatException e) {
                problems.add(name, "'" + text + "' is not a whole number");
                return;
            }
        } else if (type == long.class || type == Long.class) {
            try {
                value = Long.parseLong(text.trim());
            } catch (NumberFormatException e) {
                problems.add(name, "'" + text + "' is not a whole number");
                return;
            }
        } else if (type == boolean.class || type == Boolean.class) {
            String flag = text.trim().toLowerCase(Locale.ROOT);
            if (!flag.equals("true") && !flag.equals("false")) {
                problems.add(name, "'" + text + "' is not true or false");
                return;
            }
            value = Boolean.valueOf(flag);
        } else {
            throw new IllegalStateException("unsupported property type " + type + " of " + name);
        }
        try {
            setter.invoke(settings, value);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof ConfigException) {
                problems.addAll((ConfigException) e.getCause());
            } else {
                problems.add(name, "rejected: " + e.getCause());
            }
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot set " + name, e);
        }
    }

    /** The public one-argument {@code setXxx} method for property {@code name}, or null. */
    static Method setter(Class<?> settingsType, String name) {
        String methodName = "set" + Character.toUpperCase(name.charAt(0)) + name.substring(1);
        for (Method method : settingsType.getMethods()) {
            if (method.getName().equals(methodName) && method.getParameterCount() == 1) {
                return method;
            }
        }
        return null;
    }

    /** The property names of {@code settingsType}: one per public one-argument setter. */
    static List<String> properties(Class<? extends AppenderSettings> settingsType) {
        List<String> names = new ArrayList<>();
        for (Method method : settingsType.getMethods()) {
            if (method.getName().startsWith("set") && method.getName().length() > 3 && method.getParameterCount() == 1
                    && method.getDeclaringClass() != Object.class) {
                names.add(Character.toLowerCase(method.getName().charAt(3)) + method.getName().substring(4));
            }
        }
        Collections.sort(names);
        return names;
    }

    /**
     * A short digest of the attributes, so that equal configurations get the same manager name without
     * putting attribute values (credentials among them) into names that Log4j2 prints.
     */
    static String digest(String element, String appenderName, Map<String, String> attributes) {
        StringBuilder text = new StringBuilder(element).append('\n').append(appenderName).append('\n');
        for (Map.Entry<String, String> attribute : new TreeMap<>(attributes).entrySet()) {
            if (attribute.getValue() != null) {
                text.append(attribute.getKey()).append('=').append(attribute.getValue().length()).append(':')
                        .append(attribute.getValue()).append('\n');
            }
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}

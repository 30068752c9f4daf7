package io.logbeam.log4j2;


import org.apache.logging.log4j.core.config.plugins.PluginBuilderAttribute;

import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads the Logbeam attributes of a builder: every attribute is a text field named like its property, handed to the
 * core's {@code AppenderProperties} as it is.
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

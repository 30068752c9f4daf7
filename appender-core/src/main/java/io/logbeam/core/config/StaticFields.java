package io.logbeam.core.config;

import io.logbeam.core.util.ConfigException;
import io.logbeam.core.util.Substitutions;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads {@code staticFields}: {@code key=value} pairs separated by commas (a comma inside double quotes belongs to the
 * value). A value written as a JSON number, {@code true}, {@code false} or {@code null} is that JSON value; a value in
 * double quotes, one with a placeholder, and anything else is text (typed on the text as written, so that a placeholder
 * resolved differently on another host never changes a field's type). A dotted key nests: {@code owner.team=x} gives
 * {@code {"owner":{"team":"x"}}}.
 */
final class StaticFields {

    private static final Pattern JSON_NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");
    private static final String PROPERTY = PropertyTable.STATIC_FIELDS.name();

    private StaticFields() {
    }

    /**
     * The fields by top-level key, in order; a value is text, a number, a boolean, null or a map of nested fields.
     *
     * @throws ConfigException naming {@code staticFields}
     */
    static Map<String, Object> parse(String text, Substitutions substitutions) {
        Map<String, Object> fields = new LinkedHashMap<>();
        if (text == null || text.isBlank()) {
            return fields;
        }
        for (String part : split(text)) {
            if (part.isBlank()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq <= 0) {
                throw new ConfigException(PROPERTY, "'" + part.trim() + "' is not key=value (expected k=v,k2=v2)");
            }
            String key = part.substring(0, eq).trim();
            put(fields, key, value(part.substring(eq + 1).trim(), substitutions));
        }
        return fields;
    }

    /** Splits on commas outside double quotes. */
    private static List<String> split(String text) {
        List<String> parts = new ArrayList<>();
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                parts.add(text.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(text.substring(start));
        return parts;
    }

    private static Object value(String written, Substitutions substitutions) {
        if (written.indexOf('{') >= 0) {
            return substitutions.resolve(PROPERTY, written);
        }
        if (written.length() >= 2 && written.startsWith("\"") && written.endsWith("\"")) {
            return written.substring(1, written.length() - 1);
        }
        switch (written) {
            case "true":
                return Boolean.TRUE;
            case "false":
                return Boolean.FALSE;
            case "null":
                return null;
            default:
                break;
        }
        if (JSON_NUMBER.matcher(written).matches()) {
            if (written.indexOf('.') < 0 && written.indexOf('e') < 0 && written.indexOf('E') < 0) {
                BigInteger whole = new BigInteger(written);
                return whole.bitLength() < 64 ? (Object) whole.longValue() : whole;
            }
            return new BigDecimal(written);
        }
        return written;
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> fields, String key, Object value) {
        String[] path = key.split("\\.", -1);
        Map<String, Object> level = fields;
        for (int i = 0; i < path.length; i++) {
            String name = path[i].trim();
            if (name.isEmpty()) {
                throw new ConfigException(PROPERTY, "'" + key + "' has an empty part; write a.b for nested fields");
            }
            boolean last = i == path.length - 1;
            Object existing = level.get(name);
            if (last) {
                if (level.containsKey(name)) {
                    throw new ConfigException(PROPERTY, "'" + key + "' is given twice, or is also the parent of "
                            + "another key");
                }
                level.put(name, value);
            } else {
                if (existing == null && !level.containsKey(name)) {
                    existing = new LinkedHashMap<String, Object>();
                    level.put(name, existing);
                } else if (!(existing instanceof Map)) {
                    throw new ConfigException(PROPERTY, "'" + key + "' nests under '" + name
                            + "', which is a value of its own");
                }
                level = (Map<String, Object>) existing;
            }
        }
    }
}

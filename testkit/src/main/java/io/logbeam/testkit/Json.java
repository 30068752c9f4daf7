package io.logbeam.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Small accessors for request members with the service's error on a wrong type. */
final class Json {

    private Json() {
    }

    static String text(JsonNode request, String member) {
        JsonNode node = request.get(member);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw ServiceError.invalid("SerializationException", "'" + member + "' must be a string");
        }
        return node.textValue();
    }

    static Long integer(JsonNode request, String member) {
        JsonNode node = request.get(member);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isNumber()) {
            throw ServiceError.invalid("SerializationException", "'" + member + "' must be a number");
        }
        return node.longValue();
    }

    static boolean bool(JsonNode request, String member, boolean absent) {
        JsonNode node = request.get(member);
        if (node == null || node.isNull()) {
            return absent;
        }
        if (!node.isBoolean()) {
            throw ServiceError.invalid("SerializationException", "'" + member + "' must be a boolean");
        }
        return node.booleanValue();
    }

    static JsonNode array(JsonNode request, String member) {
        JsonNode node = request.get(member);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isArray()) {
            throw ServiceError.invalid("SerializationException", "'" + member + "' must be a list");
        }
        return node;
    }

    static ObjectNode object(JsonNode request, String member) {
        JsonNode node = request.get(member);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw ServiceError.invalid("SerializationException", "'" + member + "' must be a structure");
        }
        return (ObjectNode) node;
    }

    /** A value as the validation messages show it, shortened like the service does for huge values. */
    static String shown(String value) {
        if (value == null) {
            return "null";
        }
        return "'" + (value.length() > 64 ? value.substring(0, 64) + "..." : value) + "'";
    }
}

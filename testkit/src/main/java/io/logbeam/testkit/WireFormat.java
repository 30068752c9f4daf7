package io.logbeam.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;

/**
 * The two body encodings of the AWS JSON protocols: JSON 1.1 and the CBOR variant the Java SDK v2 uses for Kinesis.
 *
 * <p>Requests and responses are handled as Jackson trees so that the service fakes do not care which one is on the
 * wire. The differences that matter: a blob is a base64 string in JSON but a byte string in CBOR, and a timestamp is
 * epoch seconds (with a fraction) in JSON but integer epoch milliseconds in CBOR.
 */
enum WireFormat {
    JSON("application/x-amz-json-1.1", jsonMapper()),
    CBOR("application/x-amz-cbor-1.1", cborMapper());

    private final String contentType;
    private final ObjectMapper mapper;

    WireFormat(String contentType, ObjectMapper mapper) {
        this.contentType = contentType;
        this.mapper = mapper;
    }

    /** CBOR when the request says so, JSON otherwise (also for a missing or plain JSON content type). */
    static WireFormat forContentType(String contentType) {
        if (contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("application/x-amz-cbor")) {
            return CBOR;
        }
        return JSON;
    }

    String contentType() {
        return contentType;
    }

    ObjectNode newObject() {
        return JsonNodeFactory.instance.objectNode();
    }

    /** Parses a request body; an empty body is an empty object, like the services treat it. */
    ObjectNode read(byte[] body) {
        if (body.length == 0) {
            return newObject();
        }
        JsonNode node;
        try {
            node = mapper.readTree(body);
        } catch (IOException e) {
            throw ServiceError.invalid("SerializationException", "cannot parse the " + name() + " request body: "
                    + e.getMessage());
        }
        if (!(node instanceof ObjectNode)) {
            throw ServiceError.invalid("SerializationException", "the request body is not an object");
        }
        return (ObjectNode) node;
    }

    byte[] write(JsonNode node) {
        try {
            return mapper.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode a response", e);
        }
    }

    /** A timestamp member value as the SDK expects it in this encoding. */
    JsonNode timestamp(Instant instant) {
        if (this == CBOR) {
            return LongNode.valueOf(instant.toEpochMilli());
        }
        return DecimalNode.valueOf(BigDecimal.valueOf(instant.toEpochMilli(), 3));
    }

    /** Reads a timestamp member written by a client in this encoding. */
    Instant readTimestamp(JsonNode node) {
        if (node == null || !node.isNumber()) {
            throw ServiceError.invalid("SerializationException", "timestamp is not a number: " + node);
        }
        if (this == CBOR && node.isIntegralNumber()) {
            return Instant.ofEpochMilli(node.longValue());
        }
        BigDecimal seconds = node.decimalValue();
        return Instant.ofEpochMilli(seconds.movePointRight(3).longValue());
    }

    /** Reads a blob member: a CBOR byte string, or a base64 string in JSON. */
    static byte[] blob(JsonNode node, String memberPath) {
        if (node == null || node.isNull()) {
            return null;
        }
        try {
            if (node.isBinary()) {
                return node.binaryValue();
            }
            if (node.isTextual()) {
                return Base64.getDecoder().decode(node.textValue());
            }
        } catch (IOException | IllegalArgumentException e) {
            throw ServiceError.invalid("SerializationException", "invalid base64 blob at '" + memberPath + "'");
        }
        throw ServiceError.invalid("SerializationException", "blob expected at '" + memberPath + "'");
    }

    private static StreamReadConstraints generousConstraints() {
        // Kinesis records can be 10 MiB when raised; the default 20 M char string cap is close for base64.
        return StreamReadConstraints.builder().maxStringLength(HttpWire.MAX_BODY_BYTES * 2).build();
    }

    private static ObjectMapper jsonMapper() {
        JsonMapper mapper = JsonMapper.builder()
                .enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
                .build();
        mapper.getFactory().setStreamReadConstraints(generousConstraints());
        return mapper;
    }

    private static ObjectMapper cborMapper() {
        CBORFactory factory = CBORFactory.builder().streamReadConstraints(generousConstraints()).build();
        return CBORMapper.builder(factory).build();
    }
}

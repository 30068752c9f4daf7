package io.logbeam.consumer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;

/**
 * A decode failure as one JSON line, so that undecodable input can be stored next to the events and replayed:
 * {@code {"reason":"...","location":"record > gzip","source":"<record id>","arrival":"...","data_base64":"..."}}.
 */
final class FailureLines {

    private static final JsonFactory JSON = new JsonFactory();

    private FailureLines() {
    }

    static byte[] line(DecodeFailure failure, SourceRecord source) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(failure.raw().length * 4 / 3 + 256);
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            g.writeStringField("reason", failure.reason());
            g.writeStringField("location", failure.location());
            g.writeStringField("source", source.id());
            if (source.arrival() != null) {
                g.writeStringField("arrival", source.arrival().toString());
            }
            g.writeStringField("data_base64", Base64.getEncoder().encodeToString(failure.raw()));
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}

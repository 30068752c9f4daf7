package io.logbeam.consumer.lambda;

import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Reads and writes Lambda payloads with the Lambda Java runtime's own serializers, as a deployed handler sees them. */
final class LambdaJson {

    private LambdaJson() {
    }

    /** An aws-lambda-java-events type from a JSON resource. */
    static <T> T event(Class<T> type, String resource) {
        PojoSerializer<T> serializer = LambdaEventSerializers.serializerFor(type, LambdaJson.class.getClassLoader());
        try (InputStream in = LambdaJson.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + resource);
            }
            return serializer.fromJson(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An aws-lambda-java-events type from JSON text. */
    static <T> T eventFromJson(Class<T> type, String json) {
        return LambdaEventSerializers.serializerFor(type, LambdaJson.class.getClassLoader()).fromJson(json);
    }

    /** A handler's response as the runtime writes it. */
    static <T> String response(T value, Class<T> type) {
        PojoSerializer<T> serializer = LambdaEventSerializers.isLambdaSupportedEvent(type.getName())
                ? LambdaEventSerializers.serializerFor(type, LambdaJson.class.getClassLoader())
                : JacksonFactory.getInstance().getSerializer(type);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        serializer.toJson(value, out);
        return out.toString(StandardCharsets.UTF_8);
    }
}

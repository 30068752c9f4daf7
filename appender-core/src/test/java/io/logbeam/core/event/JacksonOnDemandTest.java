package io.logbeam.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Logbeam's own {@code ObjectMapper} is built when a value first needs it, not when the appender starts: building it
 * loads about 300 classes, a quarter of a second of a Lambda cold start. Seen from a fresh JVM's class loading.
 */
class JacksonOnDemandTest {

    private static final String DATABIND = "com.fasterxml.jackson.databind.ObjectMapper ";

    @Test
    @Timeout(60)
    void plainValuesNeverLoadJacksonAndTheFirstObjectDoes() throws Exception {
        String log = runFreshJvm();
        int schemaBuilt = log.indexOf("SCHEMA-BUILT");
        int plainWritten = log.indexOf("PLAIN-WRITTEN");
        int objectWritten = log.indexOf("OBJECT-WRITTEN {\"id\":\"o-1\"}");
        assertThat(schemaBuilt).as("the child ran: %s", log).isPositive();
        assertThat(plainWritten).isGreaterThan(schemaBuilt);
        assertThat(objectWritten).as("a record went through Jackson: %s", log).isGreaterThan(plainWritten);
        int databindLoaded = log.indexOf(DATABIND);
        assertThat(databindLoaded).as("Jackson databind is loaded for the record").isPositive();
        assertThat(databindLoaded).as("Jackson databind is loaded only after the plain values were written")
                .isGreaterThan(plainWritten);
    }

    private static String runFreshJvm() throws IOException, InterruptedException {
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-verbose:class", "-cp", System.getProperty("java.class.path"), Child.class.getName());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = process.getInputStream()) {
            in.transferTo(out);
        }
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(out.toString(StandardCharsets.UTF_8)).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }

    /** What an appender's start and its first events do with values, in order, with markers in the output. */
    public static final class Child {
        public static void main(String[] args) {
            JsonSchema.builder().build();
            System.out.println("SCHEMA-BUILT");
            LoggedValues values = LoggedValues.defaults();
            values.capture(Map.of("amount", 12.5, "items", List.of("a", "b")));
            values.capture(new StringBuilder("text"));
            System.out.println("PLAIN-WRITTEN");
            RenderedValue order = (RenderedValue) values.capture(new Order("o-1"));
            System.out.println("OBJECT-WRITTEN " + order);
        }
    }

    /** A record only Jackson knows how to write. */
    public record Order(String id) {
    }
}

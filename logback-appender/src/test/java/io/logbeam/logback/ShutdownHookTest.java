package io.logbeam.logback;

import io.logbeam.logback.testing.LogAndExit;
import io.logbeam.testkit.LocalAwsEndpoint;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An application that configures {@code <shutdownHook/>} and simply exits: the hook stops the Logback
 * context, which makes the appender deliver everything it buffered. Runs the application in its own JVM
 * against this JVM's testkit endpoint.
 */
@Timeout(120)
class ShutdownHookTest {

    private static final int EVENTS = 2_000;

    @Test
    void bufferedEventsAreDeliveredWhenTheJvmExits(@TempDir Path dir) throws IOException, InterruptedException {
        try (LocalAwsEndpoint endpoint = LocalAwsEndpoint.start()) {
            endpoint.firehose().createDeliveryStream("exit-logs");
            Path config = dir.resolve("logback.xml");
            Files.writeString(config, "<configuration>\n"
                    + "  <shutdownHook/>\n"
                    + "  <appender name=\"FIREHOSE\" class=\"io.logbeam.logback.FirehoseAppender\">\n"
                    + "    <deliveryStreamName>exit-logs</deliveryStreamName>\n"
                    + "    <region>us-east-1</region>\n"
                    + "    <endpoint>" + endpoint.uri() + "</endpoint>\n"
                    + "    <accessKeyId>test</accessKeyId>\n"
                    + "    <secretAccessKey>test</secretAccessKey>\n"
                    + "    <maxBatchDelay>1 hour</maxBatchDelay>\n" // only the stop can send
                    + "    <shutdownTimeout>30 seconds</shutdownTimeout>\n"
                    + "    <jmx>false</jmx>\n"
                    + "  </appender>\n"
                    + "  <root level=\"INFO\"><appender-ref ref=\"FIREHOSE\"/></root>\n"
                    + "</configuration>\n");
            Path output = dir.resolve("child.log");
            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "-Dlogback.configurationFile=" + config,
                    LogAndExit.class.getName(), Integer.toString(EVENTS))
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start();

            assertThat(child.waitFor(90, TimeUnit.SECONDS)).as("child exited").isTrue();
            String childOutput = Files.readString(output);
            assertThat(child.exitValue()).as(childOutput).isZero();

            List<String> lines = new ArrayList<>();
            for (byte[] record : endpoint.firehose().records("exit-logs")) {
                for (String line : new String(record, StandardCharsets.UTF_8).split("\n")) {
                    lines.add(line);
                }
            }
            assertThat(lines).as(childOutput).hasSize(EVENTS);
            ObjectMapper json = new ObjectMapper();
            java.util.Set<Integer> seqs = new java.util.TreeSet<>();
            for (String line : lines) {
                seqs.add(json.readTree(line).get("kv").get("seq").asInt());
            }
            assertThat(seqs).hasSize(EVENTS).first().isEqualTo(0);
            assertThat(endpoint.violations()).isEmpty();
        }
    }
}

package io.logbeam.logback;

import static org.assertj.core.api.Assertions.assertThat;

import io.logbeam.logback.testing.EndingMain;
import io.logbeam.testkit.LocalAwsEndpoint;
import io.logbeam.testkit.LogEvent;
import io.logbeam.testkit.Loopback;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Every way a batch job can end delivers everything it logged, exactly once, with the appender at its defaults and no
 * {@code <shutdownHook/>}: Logbeam's own JVM shutdown hook stops the appender. With {@code <shutdownHook/>} as well,
 * both stop it at the same moment, and nothing is delivered twice. Each job runs in its own JVM against this JVM's
 * test endpoint; the batches would linger for an hour, so only a stop can send them. The generous
 * {@code shutdownTimeout} only matters on a loaded machine, where building the AWS client at exit can take seconds.
 */
@Timeout(180)
class ProgramEndingsTest {

    private static final int EVENTS = 1_500;
    private static final String GROUP = "/jobs/batch";
    private static final String STREAM = "job";
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "{0}, <shutdownHook/>: {1}")
    @CsvSource({"return,false", "exit,false", "stop,false", "uncaught,false", "return,true", "exit,true"})
    void everyEventArrivesExactlyOnce(String ending, boolean logbackHook, @TempDir Path dir) throws Exception {
        try (LocalAwsEndpoint endpoint = LocalAwsEndpoint.start()) {
            Child child = run(dir, endpoint.uri().toString(), ending, logbackHook, "60 seconds", EVENTS);

            assertThat(child.exited).as(child.output).isTrue();
            assertThat(child.exitCode).as(child.output).isEqualTo(ending.equals("uncaught") ? 1 : 0);
            assertThat(child.output).contains("logged " + EVENTS).doesNotContain("LOGBEAM-FALLBACK");
            Map<Integer, Integer> seqs = new HashMap<>();
            for (LogEvent event : endpoint.logs().events(GROUP, STREAM)) {
                seqs.merge(JSON.readTree(event.message()).get("kv").get("seq").asInt(), 1, Integer::sum);
            }
            assertThat(seqs).as("every seq, once").hasSize(EVENTS).allSatisfy((seq, times) ->
                    assertThat(times).as("seq " + seq).isEqualTo(1));
            assertThat(endpoint.violations()).isEmpty();
        }
    }

    /**
     * A dead endpoint at exit: the JVM still ends, within {@code shutdownTimeout} and a margin, and every event is on
     * standard error as a fallback line saying why.
     */
    @ParameterizedTest
    @ValueSource(strings = {"return", "exit"})
    void aDeadEndpointAtExitSendsEveryEventToTheFallbackAndTheJvmStillEnds(String ending, @TempDir Path dir)
            throws Exception {
        String dead = "http://127.0.0.1:" + Loopback.freePort();
        long start = System.nanoTime();
        Child child = run(dir, dead, ending, false, "3 seconds", 200);
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(child.exited).as(child.output).isTrue();
        List<String> fallback = child.output.lines().filter(l -> l.startsWith("LOGBEAM-FALLBACK")).toList();
        assertThat(fallback).as(child.output).hasSize(200)
                .allSatisfy(line -> assertThat(line.split("\t")).as("prefix, appender, reason, event").hasSize(4));
        assertThat(tookMillis).as("JVM start, 3 s of shutdownTimeout, exit").isLessThan(60_000);
    }

    private static final class Child {
        boolean exited;
        int exitCode;
        String output;
    }

    private static Child run(Path dir, String endpoint, String ending, boolean logbackHook, String shutdownTimeout,
            int events) throws IOException, InterruptedException {
        Path config = dir.resolve("logback.xml");
        Files.writeString(config, "<configuration>\n"
                + (logbackHook ? "  <shutdownHook/>\n" : "")
                + "  <appender name=\"CLOUDWATCH\" class=\"io.logbeam.logback.CloudWatchLogsAppender\">\n"
                + "    <logGroup>" + GROUP + "</logGroup>\n"
                + "    <logStream>" + STREAM + "</logStream>\n"
                + "    <region>us-east-1</region>\n"
                + "    <endpoint>" + endpoint + "</endpoint>\n"
                + "    <accessKeyId>test</accessKeyId>\n"
                + "    <secretAccessKey>test</secretAccessKey>\n"
                + "    <maxBatchDelay>1 hour</maxBatchDelay>\n"
                + "    <shutdownTimeout>" + shutdownTimeout + "</shutdownTimeout>\n"
                + "    <connectTimeout>1 second</connectTimeout>\n"
                + "  </appender>\n"
                + "  <root level=\"INFO\"><appender-ref ref=\"CLOUDWATCH\"/></root>\n"
                + "</configuration>\n");
        Path output = dir.resolve("child.log");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Dlogback.configurationFile=" + config,
                EndingMain.class.getName(), Integer.toString(events), ending));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        Child child = new Child();
        child.exited = process.waitFor(120, TimeUnit.SECONDS);
        if (!child.exited) {
            process.destroyForcibly();
        }
        child.exitCode = child.exited ? process.exitValue() : -1;
        child.output = Files.readString(output);
        return child;
    }
}

package io.logbeam.log4j2;

import static org.assertj.core.api.Assertions.assertThat;

import io.logbeam.log4j2.testing.EndingMain;
import io.logbeam.testkit.LocalAwsEndpoint;
import io.logbeam.testkit.LogEvent;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Every way a batch job can end delivers everything it logged, exactly once: returning from {@code main},
 * {@code System.exit}, {@code LogManager.shutdown()} (which passes appenders a 50 ms stop timeout: the appender's
 * own {@code shutdownTimeout} is the floor), an uncaught exception; with Log4j2's shutdown hook on (the default, it
 * stops the appender at the same moment as Logbeam's own hook) and off ({@code shutdownHook="disable"}, as Spring Boot
 * sets it: Logbeam's hook alone delivers). Each job runs in its own JVM against this JVM's test endpoint; the batches
 * would linger for an hour, so only a stop can send them. The generous {@code shutdownTimeout} only matters on a
 * loaded machine, where building the AWS client at exit can take seconds.
 */
@Timeout(180)
class ProgramEndingsTest {

    private static final int EVENTS = 1_500;
    private static final String GROUP = "/jobs/batch";
    private static final String STREAM = "job";
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "{0}, Log4j2 hook: {1}")
    @CsvSource({"return,enable", "exit,enable", "shutdown,enable", "uncaught,enable", "return,disable",
            "exit,disable", "shutdown,disable"})
    void everyEventArrivesExactlyOnce(String ending, String log4j2Hook, @TempDir Path dir) throws Exception {
        try (LocalAwsEndpoint endpoint = LocalAwsEndpoint.start()) {
            Path config = dir.resolve("log4j2.xml");
            Files.writeString(config, "<Configuration shutdownHook=\"" + log4j2Hook + "\">\n  <Appenders>\n"
                    + "    <CloudWatchLogs name=\"CLOUDWATCH\" logGroup=\"" + GROUP + "\" logStream=\"" + STREAM + "\""
                    + " region=\"us-east-1\" endpoint=\"" + endpoint.uri() + "\" accessKeyId=\"test\""
                    + " secretAccessKey=\"test\" maxBatchDelay=\"1 hour\" shutdownTimeout=\"60 seconds\"/>\n"
                    + "  </Appenders>\n  <Loggers>\n    <Root level=\"info\"><AppenderRef ref=\"CLOUDWATCH\"/></Root>\n"
                    + "  </Loggers>\n</Configuration>\n");
            Path output = dir.resolve("child.log");
            Process process = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                    .toString(), "-cp", System.getProperty("java.class.path"), "-Dlog4j2.configurationFile=" + config,
                    EndingMain.class.getName(), Integer.toString(EVENTS), ending))
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start();
            boolean exited = process.waitFor(120, TimeUnit.SECONDS);
            if (!exited) {
                process.destroyForcibly();
            }
            String log = Files.readString(output);

            assertThat(exited).as(log).isTrue();
            assertThat(process.exitValue()).as(log).isEqualTo(ending.equals("uncaught") ? 1 : 0);
            assertThat(log).contains("logged " + EVENTS).doesNotContain("LOGBEAM-FALLBACK");
            Map<Integer, Integer> seqs = new HashMap<>();
            for (LogEvent event : endpoint.logs().events(GROUP, STREAM)) {
                seqs.merge(JSON.readTree(event.message()).get("kv").get("seq").asInt(), 1, Integer::sum);
            }
            assertThat(seqs).as("every seq, once").hasSize(EVENTS).allSatisfy((seq, times) ->
                    assertThat(times).as("seq " + seq).isEqualTo(1));
            assertThat(endpoint.violations()).isEmpty();
        }
    }
}

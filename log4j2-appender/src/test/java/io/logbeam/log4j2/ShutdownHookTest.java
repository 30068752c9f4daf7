package io.logbeam.log4j2;

import static org.assertj.core.api.Assertions.assertThat;

import io.logbeam.log4j2.testing.Contexts;
import io.logbeam.log4j2.testing.ShutdownHookMain;
import io.logbeam.log4j2.testing.Target;
import io.logbeam.testkit.LocalAwsEndpoint;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * An application that just returns from {@code main}, with all three appenders holding events in batches that
 * would linger for an hour: Log4j2's shutdown hook stops the context, which stops each appender within its
 * {@code shutdownTimeout}, delivering everything.
 */
class ShutdownHookTest {

    private static final int EVENTS = 500;

    @Test
    void log4j2sShutdownHookDeliversWhatIsBuffered() throws Exception {
        try (LocalAwsEndpoint endpoint = LocalAwsEndpoint.start()) {
            StringBuilder appenders = new StringBuilder();
            StringBuilder refs = new StringBuilder();
            for (Target target : Target.values()) {
                String resource = "hook-" + target.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
                target.prepare(endpoint, resource);
                appenders.append(target.element(target.name(), endpoint.uri(), resource,
                        "jmx=\"false\" maxBatchDelay=\"1 hour\" shutdownTimeout=\"20 seconds\"")).append('\n');
                refs.append("<AppenderRef ref=\"").append(target.name()).append("\"/>");
            }
            String xml = "<Configuration>\n  <Appenders>\n" + appenders + "  </Appenders>\n  <Loggers>\n"
                    + "    <Root level=\"info\">" + refs + "</Root>\n  </Loggers>\n</Configuration>\n";
            Path config = Contexts.write(null, xml);
            Path output = Files.createTempFile("shutdown-hook-", ".log");

            Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), ShutdownHookMain.class.getName(), config.toString(),
                    Integer.toString(EVENTS))
                    .redirectErrorStream(true).redirectOutput(output.toFile()).start();
            boolean exited = child.waitFor(90, TimeUnit.SECONDS);
            if (!exited) {
                child.destroyForcibly();
            }
            String log = Files.readString(output, StandardCharsets.UTF_8);
            assertThat(exited).as(log).isTrue();
            assertThat(child.exitValue()).as(log).isZero();
            assertThat(log).contains("logged " + EVENTS).doesNotContain("LOGBEAM-FALLBACK");

            List<String> expected = new ArrayList<>();
            for (int i = 0; i < EVENTS; i++) {
                expected.add("event " + i);
            }
            for (Target target : Target.values()) {
                String resource = "hook-" + target.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
                List<String> delivered = target.messages(endpoint, resource);
                assertThat(delivered.size()).as(target.element() + " events").isEqualTo(EVENTS);
                assertThat(new HashSet<>(delivered)).as(target.element()).isEqualTo(new HashSet<>(expected));
            }
            assertThat(endpoint.violations()).isEmpty();
            new File(output.toString()).deleteOnExit();
        }
    }
}

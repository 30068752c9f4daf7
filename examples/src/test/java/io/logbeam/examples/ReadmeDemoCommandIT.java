package io.logbeam.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Runs the README's demo command the way a reader does: {@code java -jar} on the jar this build packaged (the
 * same plugins and configuration as the README's {@code mvn ... package}, which the surrounding build has just
 * run), in a JVM of its own, so the jar's manifest (main class, class path into {@code target/lib}) is what
 * starts it. {@link DemoTest} checks the demo's logic in-process; this checks the packaging.
 */
class ReadmeDemoCommandIT {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern RUN = Pattern.compile("&& java -jar (\\S+)\\n");

    @Test
    @Timeout(value = 240, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void theJarTheReadmeRunsDeliversEveryEventAndExitsWithZero() throws IOException, InterruptedException {
        Matcher command = RUN.matcher(Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8));
        assertThat(command.find()).as("README's demo command").isTrue();
        Path jar = ROOT.resolve(command.group(1));
        assertThat(jar).isRegularFile();

        // Fewer orders than the default keep it short; the three Lambda-style child JVMs still run.
        Path output = Files.createTempFile("demo", ".txt");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process demo = new ProcessBuilder(List.of(java, "-jar", jar.toString(), "--orders", "5"))
                .directory(ROOT.toFile()).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        boolean exited = demo.waitFor(200, TimeUnit.SECONDS);
        if (!exited) {
            demo.destroyForcibly().waitFor();
        }
        String report = Files.readString(output, StandardCharsets.UTF_8);
        Files.delete(output);

        assertThat(exited).as("exited within 200 s: " + report).isTrue();
        assertThat(demo.exitValue()).as(report).isZero();
        assertThat(report).contains("RESULT: OK", "Part 1:", "Part 2:");
    }
}

package io.logbeam.core.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.logbeam.core.engine.Shipper;
import io.logbeam.core.engine.ShipperStats;
import io.logbeam.core.event.EncodedEvent;
import io.logbeam.core.testing.CapturingDiagnostics;
import io.logbeam.core.testing.TestAdapter;
import io.logbeam.core.testing.TestEvent;
import io.logbeam.core.util.ConfigException;
import io.logbeam.testkit.LocalAwsEndpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety end to end: a child JVM spools 100,000 events while the endpoint is down and is killed with
 * SIGKILL; a new shipper with the same configuration delivers every spooled event exactly once.
 */
@Timeout(180)
class SpoolCrashTest {

    private static final int EVENTS = 100_000;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path spoolRoot;

    @Test
    void everyEventSpooledBeforeASigkillIsDeliveredExactlyOnceByTheNextJvm() throws Exception {
        try (LocalAwsEndpoint endpoint = LocalAwsEndpoint.start()) {
            endpoint.firehose().createDeliveryStream(SpoolCrashChild.STREAM);
            endpoint.stop(); // the port now refuses connections; restart() listens on it again
            String uri = endpoint.uri().toString();

            Path stderr = Files.createTempFile("spool-crash-child", ".err");
            Process child = new ProcessBuilder(javaBinary(), "-Xmx256m", "-cp", testClassPath(),
                    SpoolCrashChild.class.getName(), spoolRoot.toString(), uri, Integer.toString(EVENTS))
                    .redirectError(stderr.toFile()).start();
            try {
                String done = awaitLine(child, "ALL_SPOOLED", Duration.ofSeconds(120), stderr);
                assertThat(done).contains("ALL_SPOOLED " + EVENTS).contains("fallback=0").contains("dropped=0")
                        .contains("spoolDropped=0");

                // While the child lives, its lock keeps this JVM off the spool.
                assertThatThrownBy(() -> SpoolCrashChild.settings(spoolRoot.toString(), uri)
                        .start(SpoolCrashChild.APPENDER, new TestAdapter(), new CapturingDiagnostics()))
                        .isInstanceOf(ConfigException.class)
                        .hasMessageContaining("property 'spoolDirectory'")
                        .hasMessageContaining("locked by another process");
            } finally {
                child.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no stop(), no close()
                assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            }
            assertThat(child.exitValue()).isEqualTo(137); // 128 + SIGKILL

            Map<String, String> spooled = spooledLogIds(spoolRoot.resolve(SpoolCrashChild.APPENDER));
            assertThat(spooled).hasSize(EVENTS);
            assertThat(new HashSet<>(spooled.values())).hasSize(EVENTS); // every message once

            endpoint.restart();
            CapturingDiagnostics diagnostics = new CapturingDiagnostics();
            Shipper<TestEvent> next = SpoolCrashChild.settings(spoolRoot.toString(), uri)
                    .start(SpoolCrashChild.APPENDER, new TestAdapter(), diagnostics);
            try {
                ShipperStats stats = next.stats();
                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                        .until(() -> stats.getDelivered() >= EVENTS && stats.getSpoolEvents() == 0);

                Map<String, Integer> arrived = new HashMap<>();
                for (byte[] record : endpoint.firehose().records(SpoolCrashChild.STREAM)) {
                    String text = new String(record, StandardCharsets.UTF_8);
                    for (String line : text.split("\n")) {
                        arrived.merge(JSON.readTree(line).get("log_id").asText(), 1, Integer::sum);
                    }
                }
                assertThat(arrived.keySet()).isEqualTo(spooled.keySet());
                assertThat(arrived.values()).allMatch(n -> n == 1);
                assertThat(stats.getSpoolRecovered()).isEqualTo(EVENTS);
                assertThat(stats.getDelivered()).isEqualTo(EVENTS);
                assertThat(stats.getSpoolCorrupt()).isZero();
                assertThat(endpoint.violations()).isEmpty();
                assertThat(diagnostics.lines()).anySatisfy(l -> assertThat(l).contains("replaying " + EVENTS + " events"));
            } finally {
                next.stop(Duration.ofSeconds(5));
            }
            try (Stream<Path> left = Files.list(spoolRoot.resolve(SpoolCrashChild.APPENDER))) {
                assertThat(left.filter(p -> p.toString().endsWith(".seg")).collect(Collectors.toList())).isEmpty();
            }
        }
    }

    /** Every record in the spool's segment files: log_id to message. */
    private static Map<String, String> spooledLogIds(Path dir) throws IOException {
        List<Path> segments;
        try (Stream<Path> files = Files.list(dir)) {
            segments = files.filter(p -> p.toString().endsWith(SpoolSegment.SUFFIX)).sorted().collect(Collectors.toList());
        }
        Map<String, String> out = new HashMap<>();
        for (Path p : segments) {
            SpoolSegment s = SpoolSegment.earlier(p, SpoolSegment.parseSeq(p.getFileName().toString()), Files.size(p));
            try {
                SpoolSegment.Read read = s.read(SpoolSegment.HEADER_BYTES, s.fileBytes, Integer.MAX_VALUE, Long.MAX_VALUE);
                assertThat(read.corrupt).as("corrupt records in %s", p).isZero();
                for (EncodedEvent e : read.events) {
                    JsonNode node = JSON.readTree(e.json());
                    assertThat(out.put(node.get("log_id").asText(), node.get("message").asText()))
                            .as("log_id spooled twice").isNull();
                }
            } finally {
                s.closeQuietly();
            }
        }
        return out;
    }

    private static String javaBinary() {
        return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** Surefire runs tests from a manifest-only jar; it publishes the real test class path separately. */
    private static String testClassPath() {
        String cp = System.getProperty("surefire.test.class.path");
        return cp == null || cp.isBlank() ? System.getProperty("java.class.path") : cp;
    }

    /** Reads the child's output until a line starts with {@code prefix}. */
    private static String awaitLine(Process child, String prefix, Duration timeout, Path stderr) throws Exception {
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                    lines.add(line);
                }
            } catch (IOException ignored) {
                // killed
            }
            lines.add("<EOF>");
        }, "child-output");
        reader.setDaemon(true);
        reader.start();
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> seen = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null || line.equals("<EOF>")) {
                break;
            }
            seen.add(line);
            if (line.startsWith(prefix)) {
                return line;
            }
        }
        throw new AssertionError("the child did not print " + prefix + "; output: " + tail(seen) + "; stderr: "
                + tail(Files.readAllLines(stderr)));
    }

    private static List<String> tail(List<String> lines) {
        return lines.subList(Math.max(0, lines.size() - 20), lines.size());
    }
}

package io.logbeam.core.reliability;

import io.logbeam.testkit.LocalAwsEndpoint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Scenarios only CloudWatch Logs has: its group and stream vanish while running; one stream, many writers. */
public final class CloudWatchScenarios {

    private static final int WRITERS = 3;

    private CloudWatchScenarios() {
    }

    /**
     * The log group is deleted a third of the way through, the log stream two thirds of the way: the appender
     * re-creates them and loses nothing (what the deleted ones held is kept by the test for the accounting).
     */
    public static Outcome resourcesDeleted(Profile profile) {
        try (Run run = Run.on(Target.CLOUDWATCH_LOGS).label("deleted").start()) {
            int events = profile.events();
            AtomicInteger published = new AtomicInteger();
            run.publishPaced(events, profile.publishFor(), () -> {
                int n = published.incrementAndGet();
                if (n == events / 3) {
                    awaitStored(run);
                    run.deleteLogGroup();
                } else if (n == 2 * events / 3) {
                    awaitStored(run);
                    run.deleteLogStream();
                }
            });
            boolean flushed = run.flush(Duration.ofSeconds(120));
            run.stop(Duration.ofSeconds(10));
            boolean exists = run.endpoint.logs().logStreamExists(Target.LOG_GROUP, Target.LOG_STREAM);
            Outcome o = run.outcome("group, then stream deleted while running", Scenarios.count(events)
                    + " events over " + Scenarios.secs(profile.publishFor()) + ", group deleted at 1/3, stream at 2/3")
                    .expect(flushed, "flush timed out").expect(exists, "the stream was not re-created");
            Scenarios.noLoss(o);
            return Scenarios.record(profile, o);
        }
    }

    /** The deletions must remove something, so the appender has something to re-create. */
    private static void awaitStored(Run run) {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> run.endpoint.logs().logStreamExists(Target.LOG_GROUP, Target.LOG_STREAM)
                        && !run.endpoint.logs().events(Target.LOG_GROUP, Target.LOG_STREAM).isEmpty());
    }

    /**
     * Three JVMs write one stream at once, none of them finding the group or the stream in place (they race to
     * create both), while 30% of PutLogEvents calls are throttled. Each process reports its statistics and
     * fallback; the parent reconciles them with what the stream holds.
     */
    public static Outcome sharedStream(Profile profile) {
        int perWriter = profile.events() / WRITERS;
        long millis = profile.publishFor().toMillis();
        try (LocalAwsEndpoint endpoint = LocalAwsEndpoint.builder().seed(3).start()) {
            endpoint.faults().throttle(0.3, Duration.ofHours(1));
            Path dir = Paths.get(System.getProperty("logbeam.reliability.results", "target/reliability"),
                    "shared-stream-" + System.nanoTime());
            Files.createDirectories(dir);
            long start = System.nanoTime();
            List<Process> processes = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                ProcessBuilder builder = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java")
                        .toString(), "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                        SharedStreamWriter.class.getName(), endpoint.uri().toString(), Integer.toString(w),
                        Integer.toString(perWriter), Long.toString(millis))
                        .redirectErrorStream(true).redirectOutput(dir.resolve("writer-" + w + ".log").toFile());
                processes.add(builder.start());
            }
            Outcome o = new Outcome("shared stream, " + WRITERS + " processes", Target.CLOUDWATCH_LOGS,
                    WRITERS + " JVMs x " + Scenarios.count(perWriter) + " events over " + Scenarios.secs(
                            profile.publishFor()) + ", group and stream created by whoever comes first, 30% throttled");
            Set<String> accepted = new HashSet<>();
            List<byte[]> fallback = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                Process process = processes.get(w);
                boolean ended = process.waitFor(millis + 180_000, TimeUnit.MILLISECONDS);
                if (!ended) {
                    process.destroyForcibly();
                }
                List<String> lines = Files.readAllLines(dir.resolve("writer-" + w + ".log"), StandardCharsets.UTF_8);
                o.expect(ended && process.exitValue() == 0, "writer " + w + " failed: " + lines);
                Set<String> refused = new HashSet<>();
                Map<String, Long> result = new HashMap<>();
                for (String line : lines) {
                    if (line.startsWith("REFUSED ")) {
                        refused.add(line.substring(8));
                    } else if (line.startsWith("FALLBACK ")) {
                        fallback.add(Base64.getDecoder().decode(line.substring(9)));
                    } else if (line.startsWith("RESULT ")) {
                        for (String pair : line.substring(7).split(" ")) {
                            String[] kv = pair.split("=");
                            if (!kv[0].equals("flushed")) {
                                result.put(kv[0], Long.parseLong(kv[1]));
                            }
                        }
                    } else if (line.startsWith("[logbeam]")) {
                        o.diagnostics.add(line);
                    }
                }
                o.expect(!result.isEmpty(), "writer " + w + " printed no result: " + lines);
                for (int i = 1; i <= perWriter; i++) {
                    String key = "rel.w" + w + ".e" + i;
                    if (!refused.contains(key)) {
                        accepted.add(key);
                    }
                }
                o.attempted += perWriter;
                o.refused += refused.size();
                o.published += result.getOrDefault("published", 0L);
                o.delivered += result.getOrDefault("delivered", 0L);
                o.fallback += result.getOrDefault("fallback", 0L);
                o.dropped += result.getOrDefault("dropped", 0L);
                o.possibleDuplicates += result.getOrDefault("possibleDuplicates", 0L);
                o.retried += result.getOrDefault("retried", 0L);
                o.shipperRequests += result.getOrDefault("requests", 0L);
            }
            o.elapsed = Duration.ofNanos(System.nanoTime() - start);
            o.endpointRequests = endpoint.requests().count(Target.CLOUDWATCH_LOGS.putOperation());
            o.violations.addAll(endpoint.violations());
            o.oversize.addAll(Target.CLOUDWATCH_LOGS.oversizeRecords(endpoint));
            o.expect(o.dropped == o.refused, "dropped " + o.dropped + " != refused " + o.refused);
            Run.reconcile(o, accepted, Target.CLOUDWATCH_LOGS.storedEvents(endpoint), fallback);
            Scenarios.noLoss(o);
            o.expect(endpoint.logs().retention(Target.LOG_GROUP).orElse(0) == 7, "retention not set on the group");
            return Scenarios.record(profile, o);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}

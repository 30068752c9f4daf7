package io.logbeam.examples;

import io.logbeam.examples.functions.LocalLambdaRuntime;
import io.logbeam.examples.functions.NotificationsFunction;
import io.logbeam.examples.functions.OrdersApiFunction;
import io.logbeam.examples.functions.PaymentsFunction;

import com.fasterxml.jackson.databind.JsonNode;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetLogEventsRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.GetLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Application-centric logging: the three functions of one application (three handler classes, each in a
 * JVM of its own, as three Lambda functions are) write into one CloudWatch Logs stream at the same time;
 * the stream is then read back with {@code GetLogEvents}, showing their events interleaved, each saying
 * which function, version and request it came from and whether it was the cold start.
 */
public final class SharedStreamDemo {

    static final String STREAM = "orders-app";
    static final int INVOCATIONS = 6;
    private static final Pattern RESULT = Pattern.compile(
            "RESULT function=(\\S+) published=(\\d+) delivered=(\\d+) fallback=(\\d+) dropped=(\\d+)");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

    /** One function of the application. */
    record Function(String name, String version, Class<?> handler, String framework) {
    }

    static final List<Function> FUNCTIONS = List.of(
            new Function("orders-api", "7", OrdersApiFunction.class, "logback"),
            new Function("payments-api", "3", PaymentsFunction.class, "log4j2"),
            new Function("notifications", "12", NotificationsFunction.class, "logback"));

    private SharedStreamDemo() {
    }

    /** What one function's JVM reported. */
    record Outcome(String function, int exitCode, long published, long delivered, long fallback, long dropped) {
    }

    /**
     * Runs the three functions against {@code target}'s CloudWatch Logs and reads the shared stream back.
     *
     * @return whether every event the functions logged is in the stream exactly once, interleaved
     */
    static boolean run(DemoTarget target, PrintStream out) {
        // Outside the embedded endpoint the stream may hold earlier runs: a stream of this run's own there.
        String stream = target.embedded != null ? STREAM
                : STREAM + "-" + java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                        .withZone(ZoneOffset.UTC).format(Instant.now());
        out.printf(Locale.ROOT, "Part 2: one application, three Lambda functions in three JVMs, one CloudWatch Logs"
                + " stream (%s : %s), %d invocations each%n", target.logGroup, stream, INVOCATIONS);
        List<Outcome> outcomes = runFunctions(target, stream, out);
        long published = 0;
        boolean ok = true;
        for (Outcome o : outcomes) {
            out.printf(Locale.ROOT, "  %-14s exit %d: published %d, delivered %d, fallback %d, dropped %d%n", o.function,
                    o.exitCode, o.published, o.delivered, o.fallback, o.dropped);
            published += o.published;
            ok &= o.exitCode == 0 && o.published == o.delivered && o.published > 0;
        }
        ok &= outcomes.size() == FUNCTIONS.size();

        List<OutputLogEvent> events = readBack(target, stream, published);
        out.printf(Locale.ROOT, "  GetLogEvents on %s : %s returned %d events (%d logged):%n", target.logGroup, stream,
                events.size(), published);
        ok &= events.size() == published;
        ok &= printAndCheck(events, out);
        return ok;
    }

    /** Starts the three JVMs, lets them invoke together, and collects their results. */
    private static List<Outcome> runFunctions(DemoTarget target, String stream, PrintStream out) {
        List<Process> processes = new ArrayList<>();
        List<CompletableFuture<Outcome>> outcomes = new ArrayList<>();
        // One reader thread per JVM (not the common pool: it may have a single thread on a small machine).
        ExecutorService readers = Executors.newFixedThreadPool(FUNCTIONS.size(), r -> {
            Thread t = new Thread(r, "function-output");
            t.setDaemon(true);
            return t;
        });
        try {
            List<CompletableFuture<Void>> ready = new ArrayList<>();
            for (Function f : FUNCTIONS) {
                Process p = command(target, f, stream).start();
                processes.add(p);
                CompletableFuture<Void> initDone = new CompletableFuture<>();
                ready.add(initDone);
                outcomes.add(CompletableFuture.supplyAsync(() -> readOutput(f, p, initDone), readers));
            }
            for (CompletableFuture<Void> initDone : ready) {
                initDone.get(60, TimeUnit.SECONDS); // every init phase is over
            }
            for (Process p : processes) { // all three invoke together from here on
                OutputStream in = p.getOutputStream();
                in.write("GO\n".getBytes(StandardCharsets.UTF_8));
                in.flush();
            }
            List<Outcome> results = new ArrayList<>();
            for (CompletableFuture<Outcome> outcome : outcomes) {
                results.add(outcome.get(60, TimeUnit.SECONDS));
            }
            return results;
        } catch (Exception e) {
            out.println("  the function JVMs failed: " + e);
            return List.of();
        } finally {
            processes.forEach(Process::destroyForcibly);
            readers.shutdownNow();
        }
    }

    /** {@code java -cp <this class path> LocalLambdaRuntime <handler> <invocations>}, as that function. */
    private static ProcessBuilder command(DemoTarget target, Function f, String stream) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-XX:TieredStopAtLevel=1"); // as Lambda's Java runtimes start the JVM: quicker start-up
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        if ("logback".equals(f.framework)) {
            cmd.add("-Dlogback.configurationFile=functions/logback.xml");
        } else {
            cmd.add("-Dlog4j2.configurationFile=classpath:functions/log4j2.xml");
        }
        if (target.endpoint != null) {
            cmd.add("-Dlogbeam.endpoint=" + target.endpoint);
        }
        // The AWS SDK's default chain reads these system properties (a real function has AWS_REGION and a role).
        if (target.region != null) {
            cmd.add("-Daws.region=" + target.region);
        }
        if (target.accessKeyId != null) {
            cmd.add("-Daws.accessKeyId=" + target.accessKeyId);
            cmd.add("-Daws.secretAccessKey=" + target.secretAccessKey);
        }
        cmd.add(LocalLambdaRuntime.class.getName());
        cmd.add(f.handler.getName());
        cmd.add(Integer.toString(INVOCATIONS));
        ProcessBuilder builder = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT);
        Map<String, String> env = builder.environment();
        env.put("AWS_LAMBDA_FUNCTION_NAME", f.name);
        env.put("AWS_LAMBDA_FUNCTION_VERSION", f.version);
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "512");
        env.put("LOGBEAM_LOG_GROUP", target.logGroup);
        env.put("LOGBEAM_LOG_STREAM", stream);
        return builder;
    }

    private static Outcome readOutput(Function f, Process p, CompletableFuture<Void> ready) {
        Outcome outcome = null;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith("READY")) {
                    ready.complete(null);
                }
                Matcher m = RESULT.matcher(line);
                if (m.find()) {
                    outcome = new Outcome(m.group(1), -1, Long.parseLong(m.group(2)), Long.parseLong(m.group(3)),
                            Long.parseLong(m.group(4)), Long.parseLong(m.group(5)));
                }
            }
            int code = p.waitFor();
            ready.complete(null);
            return outcome == null ? new Outcome(f.name, code, 0, 0, 0, 0)
                    : new Outcome(outcome.function, code, outcome.published, outcome.delivered, outcome.fallback,
                            outcome.dropped);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The whole stream, oldest first, with GetLogEvents as any reader would. The real service may take a
     * moment to show what it accepted: outside the embedded endpoint, asks again for up to 30 s until
     * {@code expected} events are there.
     */
    static List<OutputLogEvent> readBack(DemoTarget target, String stream, long expected) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(target.embedded != null ? 0 : 30);
        List<OutputLogEvent> events = readOnce(target, stream);
        while (events.size() < expected && System.nanoTime() - deadline < 0) {
            try {
                Thread.sleep(1_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            events = readOnce(target, stream);
        }
        return events;
    }

    private static List<OutputLogEvent> readOnce(DemoTarget target, String stream) {
        List<OutputLogEvent> events = new ArrayList<>();
        try (CloudWatchLogsClient logs = target.configure(CloudWatchLogsClient.builder()).build()) {
            String token = null;
            while (true) {
                GetLogEventsResponse page = logs.getLogEvents(GetLogEventsRequest.builder().logGroupName(target.logGroup)
                        .logStreamName(stream).startFromHead(true).nextToken(token).build());
                events.addAll(page.events());
                if (page.events().isEmpty() || page.nextForwardToken() == null
                        || page.nextForwardToken().equals(token)) {
                    break;
                }
                token = page.nextForwardToken();
            }
        }
        events.sort(Comparator.comparingLong(OutputLogEvent::timestamp)); // stable: same-millisecond order kept
        return events;
    }

    /**
     * Prints the stream as a reader sees it and checks what application-centric logging promises: every
     * event names its function; each function's invocations are told apart by request id; only the init
     * phase and the first invocation are the cold start; and the functions' events are interleaved.
     */
    private static boolean printAndCheck(List<OutputLogEvent> events, PrintStream out) {
        out.printf(Locale.ROOT, "  %-12s  %-13s  %-3s  %-8s  %-4s  %-5s  %s%n", "time", "function", "ver", "request",
                "cold", "level", "message");
        Map<String, Integer> perFunction = new TreeMap<>();
        Map<String, Set<String>> requestIds = new HashMap<>();
        Map<String, Set<String>> coldRequests = new HashMap<>();
        Set<String> ids = new HashSet<>();
        String previous = null;
        int switches = 0;
        boolean ok = true;
        for (OutputLogEvent event : events) {
            JsonNode json = Demo.parse(event.message());
            if (json == null || !json.has("lambda")) {
                out.println("  not a Logbeam Lambda event: " + Demo.shorten(event.message(), 200));
                ok = false;
                continue;
            }
            ids.add(json.path("log_id").asText());
            JsonNode lambda = json.get("lambda");
            String function = lambda.path("function").asText();
            String request = lambda.path("request_id").asText("");
            boolean cold = lambda.path("cold_start").asBoolean();
            perFunction.merge(function, 1, Integer::sum);
            if (!request.isEmpty()) {
                requestIds.computeIfAbsent(function, k -> new LinkedHashSet<>()).add(request);
                if (cold) {
                    coldRequests.computeIfAbsent(function, k -> new HashSet<>()).add(request);
                }
            }
            if (!request.isEmpty()) { // init events come before the invocations anyway: not counted
                if (previous != null && !previous.equals(function)) {
                    switches++;
                }
                previous = function;
            }
            out.printf(Locale.ROOT, "  %-12s  %-13s  %-3s  %-8s  %-4s  %-5s  %s%n",
                    TIME.format(Instant.ofEpochMilli(event.timestamp())), function, lambda.path("version").asText(),
                    request.isEmpty() ? "(init)" : request.substring(0, Math.min(8, request.length())),
                    cold ? "yes" : "", json.path("level").asText(),
                    Demo.shorten(json.path("message").asText().replace('\n', ' '), 60));
        }
        out.printf(Locale.ROOT, "  events per function %s; %d changes of function between invocation events along the"
                + " stream; %d distinct log_id%n", perFunction, switches, ids.size());
        for (Function f : FUNCTIONS) {
            int invocations = requestIds.getOrDefault(f.name, Set.of()).size();
            int coldOnes = coldRequests.getOrDefault(f.name, Set.of()).size();
            if (invocations != INVOCATIONS || coldOnes != 1) {
                out.printf(Locale.ROOT, "  ^ %s: %d request ids (expected %d), %d of them cold (expected 1)%n",
                        f.name, invocations, INVOCATIONS, coldOnes);
                ok = false;
            }
        }
        // Functions running at the same time give many changes; three blocks one after the other would give 2.
        if (switches <= FUNCTIONS.size() - 1) {
            out.println("  ^ the functions' events are not interleaved");
            ok = false;
        }
        ok &= ids.size() == events.size();
        return ok;
    }
}

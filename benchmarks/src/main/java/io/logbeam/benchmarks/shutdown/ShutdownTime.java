package io.logbeam.benchmarks.shutdown;

import io.logbeam.logback.CloudWatchLogsAppender;
import io.logbeam.testkit.LocalAwsEndpoint;
import io.logbeam.testkit.Loopback;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * How long a JVM takes to end when a Logbeam appender holds a full ring (the figures in {@code docs/reliability.md}):
 * a child JVM logs {@code events} events to a {@link CloudWatchLogsAppender} at its defaults (but for batches that
 * would linger for an hour, so that every event is still buffered) and returns from {@code main}; Logbeam's JVM
 * shutdown hook then delivers them, or, with a dead endpoint, gives them to the fallback at {@code shutdownTimeout}
 * (10 s by default). Measured from the child's last log call to its exit, {@code runs} times, live and dead in turn.
 *
 * <pre>
 * mvn -B -q -pl benchmarks -am package -DskipTests
 * java -cp benchmarks/target/benchmarks.jar io.logbeam.benchmarks.shutdown.ShutdownTime [events] [runs]
 * </pre>
 */
public final class ShutdownTime {

    private static final String GROUP = "/logbeam/shutdown";
    private static final String STREAM = "exit";

    private ShutdownTime() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("child")) {
            child(args[1], Integer.parseInt(args[2]));
            return;
        }
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 8192;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        System.out.printf(Locale.ROOT, "JVM exit with %d buffered events, %d runs each; %s %s, %d cores, %s%n", events,
                runs, System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"),
                Runtime.getRuntime().availableProcessors(), LocalDate.now());
        List<Long> live = new ArrayList<>();
        List<Long> dead = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            try (LocalAwsEndpoint endpoint = LocalAwsEndpoint.start()) {
                Result r = run(endpoint.uri().toString(), events);
                int delivered = endpoint.logs().events(GROUP, STREAM).size();
                System.out.printf(Locale.ROOT, "  live: exit %5d ms after the last log call, delivered %d, fallback "
                        + "lines %d%n", r.exitMillis, delivered, r.fallbackLines);
                live.add(r.exitMillis);
            }
            Result r = run("http://127.0.0.1:" + Loopback.freePort(), events);
            System.out.printf(Locale.ROOT, "  dead: exit %5d ms after the last log call, fallback lines %d%n",
                    r.exitMillis, r.fallbackLines);
            dead.add(r.exitMillis);
        }
        System.out.printf(Locale.ROOT, "median: live %d ms, dead %d ms%n", median(live), median(dead));
    }

    private record Result(long exitMillis, int fallbackLines) {
    }

    private static Result run(String endpoint, int events) throws Exception {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), ShutdownTime.class.getName(), "child", endpoint,
                Integer.toString(events)).redirectErrorStream(true).start();
        long loggedAt = 0;
        int fallback = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith("logged")) {
                    loggedAt = System.nanoTime();
                } else if (line.startsWith("LOGBEAM-FALLBACK")) {
                    fallback++;
                }
            }
        }
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the child did not exit");
        }
        return new Result(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - loggedAt), fallback);
    }

    private static void child(String endpoint, int events) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        CloudWatchLogsAppender appender = new CloudWatchLogsAppender();
        appender.setContext(context);
        appender.setName("CLOUDWATCH");
        appender.setLogGroup(GROUP);
        appender.setLogStream(STREAM);
        appender.setRegion("us-east-1");
        appender.setEndpoint(endpoint);
        appender.setAccessKeyId("test");
        appender.setSecretAccessKey("test");
        appender.setMaxBatchDelay("1 hour");
        appender.setJmx("false");
        appender.start();
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(appender);
        Logger logger = LoggerFactory.getLogger("com.acme.BatchJob");
        for (int i = 0; i < events; i++) {
            logger.atInfo().addKeyValue("seq", i).log("record {} processed", i);
        }
        System.out.println("logged " + events);
        System.out.flush();
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}

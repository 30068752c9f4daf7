package io.logbeam.examples;

import io.logbeam.core.Logbeam;
import io.logbeam.core.destination.Destination;
import io.logbeam.core.engine.ShipperStats;
import io.logbeam.testkit.AwsOperation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The runnable demo. Run from the repository root:
 * <pre>
 * mvn -B -q -pl examples -am package -Dmaven.test.skip=true &amp;&amp; java -jar examples/target/logbeam-examples.jar
 * </pre>
 *
 * <ol>
 *   <li>Logs a realistic mix of events through Logback (SLF4J) and Log4j2, each with a Logbeam appender per
 *       destination (Kinesis, Firehose, CloudWatch Logs), flushes, and reports what each appender did and,
 *       on the embedded endpoint, what each destination received.</li>
 *   <li>Runs an application of three Lambda-style functions in three JVMs writing into one shared
 *       CloudWatch Logs stream, and reads the stream back ({@link SharedStreamDemo}).</li>
 *   <li>Reads the Kinesis stream back with logbeam-consumer, aggregated and gzip'd as part 1 sent it, and prints
 *       the events per log type ({@link KinesisReadBack}).</li>
 * </ol>
 * Where it ships is chosen by environment variables ({@link DemoTarget}); by default it starts the
 * testkit's AWS endpoint in-process. The exit code is 0 only if every event was delivered exactly once:
 * dropped, undelivered or missing events make it 1, so the demo doubles as a smoke test.
 *
 * <p>Options: {@code --orders N} (default 40), {@code --no-functions} (skip part 2), {@code --no-faults}
 * (the embedded endpoint otherwise fails some calls and entries, to show that only what failed is
 * retried and nothing is lost).
 */
public final class Demo {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Demo() {
    }

    /** Runs the demo and exits with its result. */
    public static void main(String[] args) {
        Options options = Options.parse(args);
        int code;
        try (DemoTarget target = DemoTarget.fromEnvironment(System.getenv())) {
            code = run(target, options, System.out);
        }
        System.exit(code);
    }

    /** The demo's options. */
    record Options(int orders, boolean functions, boolean faults) {
        static Options defaults() {
            return new Options(40, true, true);
        }

        static Options parse(String[] args) {
            Options o = defaults();
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--orders":
                        o = new Options(Integer.parseInt(args[++i]), o.functions, o.faults);
                        break;
                    case "--no-functions":
                        o = new Options(o.orders, false, o.faults);
                        break;
                    case "--no-faults":
                        o = new Options(o.orders, o.functions, false);
                        break;
                    default:
                        throw new IllegalArgumentException("unknown option " + args[i]
                                + "; known: --orders N, --no-functions, --no-faults");
                }
            }
            return o;
        }
    }

    /**
     * Runs both parts against {@code target} and prints the report on {@code out}.
     *
     * @return 0 when every event was delivered exactly once, 1 otherwise
     */
    static int run(DemoTarget target, Options options, PrintStream out) {
        out.println("Logbeam demo -> " + target.describe());
        out.println("destinations: " + String.join(", ", target.destinations()));
        if (target.destinations().isEmpty()) {
            out.println("nothing to do: no destination configured");
            return 1;
        }
        if (target.embedded != null && options.faults) {
            injectFaults(target);
        }
        // A little before now: the service's arrival times and this clock may differ slightly.
        Instant start = Instant.now().minusSeconds(5);
        Part1 part1 = shipThroughBothFrameworks(target, options, out);
        boolean ok = part1.ok();
        if (options.functions && target.logGroup != null) {
            out.println();
            ok &= SharedStreamDemo.run(target, out);
        }
        if (target.kinesisStream != null) {
            out.println();
            ok &= KinesisReadBack.run(target, start, part1.logged().total(), out);
        }
        out.println();
        out.println(ok ? "RESULT: OK, every event was delivered exactly once"
                : "RESULT: FAILED, events were lost or duplicated (see above; undelivered events are on stderr as"
                        + " LOGBEAM-FALLBACK lines)");
        return ok ? 0 : 1;
    }

    /** What part 1 logged, and whether every event was delivered once. */
    private record Part1(boolean ok, Traffic.Logged logged) {
    }

    /** Part 1. */
    private static Part1 shipThroughBothFrameworks(DemoTarget target, Options options, PrintStream out) {
        Traffic.Logged logged;
        List<DemoLogging.Appender> appenders;
        long flushMillis;
        boolean flushed;
        try (DemoLogging logging = DemoLogging.start(target)) {
            appenders = logging.appenders();
            logged = Traffic.run(logging, options.orders);
            long start = System.nanoTime();
            flushed = Logbeam.flush(Duration.ofSeconds(60));
            flushMillis = (System.nanoTime() - start) / 1_000_000;
        }
        out.println();
        out.printf(Locale.ROOT, "Part 1: logged %d events through Logback (%s) and %d through Log4j2 (%s) at INFO and"
                + " above.%nLogbeam.flush took %d ms (%s); a JVM's first flush also waits for its AWS SDK clients,"
                + " which the appenders build in the background when they start (logging never waits for them).%n",
                logged.logback(), DemoLogging.LOGBACK_SERVICE, logged.log4j2(), DemoLogging.LOG4J2_SERVICE, flushMillis,
                flushed ? "complete" : "TIMED OUT");
        out.println();
        boolean ok = flushed & reportAppenders(appenders, logged, out);
        if (target.embedded != null) {
            ok &= reportReceived(target, logged, out);
        } else {
            out.println("(not on the embedded endpoint: what the destinations hold is not read back here)");
        }
        return new Part1(ok, logged);
    }

    /** The appenders' own accounting: every event published is delivered, fell back or was dropped. */
    private static boolean reportAppenders(List<DemoLogging.Appender> appenders, Traffic.Logged logged,
            PrintStream out) {
        out.printf(Locale.ROOT, "%-16s %-19s %9s %9s %7s %8s %9s %7s %8s %8s %11s%n", "destination", "appender",
                "published", "delivered", "dropped", "fallback", "truncated", "retried", "batches", "requests",
                "bytes sent");
        boolean ok = true;
        for (DemoLogging.Appender a : appenders) {
            ShipperStats s = a.shipper().stats();
            out.printf(Locale.ROOT, "%-16s %-19s %,9d %,9d %,7d %,8d %,9d %,7d %,8d %,8d %,11d%n",
                    label(a.destination()), a.name(), s.getPublished(), s.getDelivered(), s.getDropped(),
                    s.getFallback(), s.getTruncated(), s.getRetried(), s.getBatches(), s.getRequests(),
                    s.getBytesSent());
            long expected = a.framework().equals("Logback") ? logged.logback() : logged.log4j2();
            if (s.getPublished() != expected || s.getDelivered() != expected || s.getDropped() != 0
                    || s.getFallback() != 0) {
                ok = false;
                out.printf(Locale.ROOT, "  ^ %s expected %d delivered; last error: %s%n", a.name(), expected,
                        s.getLastError());
            }
        }
        out.println("(retried: entries sent again after a failure; requests: calls made, retries included)");
        return ok;
    }

    /** What the embedded endpoint holds: each event once, both services, and a few sample lines. */
    private static boolean reportReceived(DemoTarget target, Traffic.Logged logged, PrintStream out) {
        out.println();
        out.println("Received by the embedded endpoint:");
        boolean ok = true;
        List<Received> all = new ArrayList<>();
        for (DemoLogging.Destination d : DemoLogging.Destination.values()) {
            if (!used(target, d)) {
                continue;
            }
            Received r = Received.from(target.embedded, target, d);
            all.add(r);
            Map<String, Integer> byService = new TreeMap<>();
            Map<String, Integer> byType = new TreeMap<>();
            Set<String> ids = new HashSet<>();
            int unparsable = 0;
            for (String line : r.events()) {
                JsonNode json = parse(line);
                if (json == null) {
                    unparsable++;
                    continue;
                }
                ids.add(json.path("log_id").asText());
                byService.merge(json.path("service").asText("?"), 1, Integer::sum);
                byType.merge(json.path("log_type").asText("?"), 1, Integer::sum);
            }
            boolean exact = r.events().size() == logged.total() && ids.size() == logged.total() && unparsable == 0
                    && byService.getOrDefault(DemoLogging.LOGBACK_SERVICE, 0) == logged.logback()
                    && byService.getOrDefault(DemoLogging.LOG4J2_SERVICE, 0) == logged.log4j2();
            ok &= exact;
            out.printf(Locale.ROOT, "  %-16s %,5d events (%s), %,d distinct log_id, by log_type %s; %,d %s calls,"
                    + " %,d request bytes %s%n", label(d), r.events().size(), format(byService), ids.size(),
                    byType, r.calls(), r.unit(), r.requestBytes(), exact ? "OK" : "MISMATCH: expected " + logged.total()
                            + " events, each once");
        }
        if (target.embedded.faults().isActive() || !target.embedded.faults().injected().isEmpty()) {
            out.println("  faults injected by the endpoint (and survived): " + target.embedded.faults().injected());
        }
        List<String> violations = target.embedded.violations();
        out.println("  service rule violations: " + (violations.isEmpty() ? "none" : violations));
        ok &= violations.isEmpty();

        out.println();
        out.println("A few of the JSON events received:");
        for (Received r : all) {
            for (String line : samples(r.events())) {
                out.println("  " + label(r.destination()) + ": " + shorten(line, 400));
            }
        }
        return ok;
    }

    /** One plain event, one with an exception, and one of another log type. */
    private static List<String> samples(List<String> events) {
        List<String> picked = new ArrayList<>();
        String[] wanted = {"\"level\":\"INFO\"", "\"exception\"", "\"log_type\":\"audit\""};
        for (String marker : wanted) {
            for (String line : events) {
                if (line.contains(marker) && !picked.contains(line) && line.length() < 5_000) {
                    picked.add(line);
                    break;
                }
            }
        }
        return picked;
    }

    private static void injectFaults(DemoTarget target) {
        // Seeded, so every run shows the same retries. Only what failed is sent again; nothing is lost.
        target.embedded.faults().seed(42)
                .failEntries(0.05, "ProvisionedThroughputExceededException", AwsOperation.KINESIS_PUT_RECORDS)
                .failEntries(0.05, "ServiceUnavailableException", AwsOperation.FIREHOSE_PUT_RECORD_BATCH)
                .failNext(1, 400, "ThrottlingException", AwsOperation.LOGS_PUT_LOG_EVENTS);
    }

    private static boolean used(DemoTarget target, DemoLogging.Destination d) {
        switch (d) {
            case KINESIS:
                return target.kinesisStream != null;
            case FIREHOSE:
                return target.firehoseStream != null;
            default:
                return target.logGroup != null;
        }
    }

    static String label(DemoLogging.Destination d) {
        switch (d) {
            case KINESIS:
                return "Kinesis";
            case FIREHOSE:
                return "Firehose";
            default:
                return "CloudWatch Logs";
        }
    }

    private static String format(Map<String, Integer> counts) {
        StringBuilder s = new StringBuilder();
        counts.forEach((k, v) -> s.append(s.length() == 0 ? "" : ", ").append(v).append(' ').append(k));
        return s.toString();
    }

    static JsonNode parse(String line) {
        try {
            JsonNode node = JSON.readTree(line);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max) + "... (" + s.length() + " chars)";
    }
}

package io.logbeam.benchmarks.coldstart;

import io.logbeam.core.Logbeam;
import io.logbeam.core.Shipper;
import io.logbeam.testkit.LocalAwsEndpoint;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Cold start of an application that logs through Logback with a Logbeam appender configured in
 * {@code logback.xml}: in a fresh JVM, the time from the first SLF4J call (which makes Logback build and start its
 * {@code LoggerContext} from the file, starting the appender) to the first event being accepted by the appender,
 * and to that event being delivered ({@code Logbeam.flush}), with the default URLConnection HTTP client, to the
 * testkit's endpoint in the parent process (loopback: well under a millisecond per round trip, so the figures are
 * client-side work: class loading, the SDK client, signing, connecting). Runs each destination {@code runs} times
 * and prints min and median; default JVM flags, or extra ones after the destinations. Destination {@code nop}
 * (Logback's {@code NOPAppender} instead of Logbeam) is the baseline: what Logback's own start costs.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.logbeam.benchmarks.coldstart.LogbackColdStart [runs=10]
 *     [destinations=nop,kinesis,firehose,cloudwatch] [extra JVM flags...]
 * </pre>
 */
public final class LogbackColdStart {

    private static final String STREAM = "cold-start";
    private static final String LOG_GROUP = "/logbeam/cold-start";
    private static final List<String> FIGURES = List.of("context_ms", "first_accepted_ms", "first_delivered_ms",
            "jvm_start_to_main_ms");

    private LogbackColdStart() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--child")) {
            child();
            return;
        }
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        List<String> destinations = Arrays.asList((args.length > 1 ? args[1] : "nop,kinesis,firehose,cloudwatch").split(","));
        List<String> flags = args.length > 2 ? Arrays.asList(args).subList(2, args.length) : List.of();
        System.out.printf(Locale.ROOT, "Logback cold start, %d fresh JVMs per destination, JVM flags %s; %s, %d cores%n",
                runs, flags.isEmpty() ? "(defaults)" : flags, System.getProperty("java.runtime.version"),
                Runtime.getRuntime().availableProcessors());
        try (LocalAwsEndpoint endpoint = LocalAwsEndpoint.start()) {
            endpoint.kinesis().createStream(STREAM, 1);
            endpoint.firehose().createDeliveryStream(STREAM);
            endpoint.logs().createLogGroup(LOG_GROUP);
            endpoint.logs().createLogStream(LOG_GROUP, STREAM);
            for (String destination : destinations) {
                Map<String, List<Double>> samples = new LinkedHashMap<>();
                FIGURES.forEach(f -> samples.put(f, new ArrayList<>()));
                for (int i = 0; i < runs; i++) {
                    probe(endpoint.uri().toString(), destination, flags).forEach((k, v) -> samples.get(k).add(v));
                }
                System.out.println(destination + ":");
                samples.forEach((figure, values) -> System.out.printf(Locale.ROOT,
                        "  %-22s min %8.1f   median %8.1f   max %8.1f%n", figure, stat(values, 0), stat(values, 0.5),
                        stat(values, 1)));
            }
            if (!endpoint.violations().isEmpty()) {
                throw new IllegalStateException("endpoint violations: " + endpoint.violations());
            }
        }
    }

    private static Map<String, Double> probe(String endpoint, String destination, List<String> flags) throws Exception {
        Path config = Files.createTempFile("logback-cold-start-", ".xml");
        try {
            Files.writeString(config, logbackXml(endpoint, destination), StandardCharsets.UTF_8);
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(flags);
            command.addAll(List.of("-Dlogback.configurationFile=" + config,
                    "-Dcoldstart.nop=" + destination.equals("nop"), "-cp", System.getProperty("java.class.path"),
                    LogbackColdStart.class.getName(), "--child"));
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String result = null;
            StringBuilder output = new StringBuilder();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (line.startsWith("PROBE ")) {
                        result = line;
                    } else {
                        output.append(line).append('\n');
                    }
                }
            }
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0 || result == null) {
                throw new IllegalStateException("probe failed: " + result + "\n" + output);
            }
            Map<String, Double> values = new LinkedHashMap<>();
            for (String pair : result.substring("PROBE ".length()).split(" ")) {
                String[] kv = pair.split("=");
                values.put(kv[0], Double.parseDouble(kv[1]));
            }
            return values;
        } finally {
            Files.deleteIfExists(config);
        }
    }

    private static String logbackXml(String endpoint, String destination) {
        String target;
        String type;
        switch (destination) {
            case "kinesis":
                type = "KinesisAppender";
                target = "<streamName>" + STREAM + "</streamName>";
                break;
            case "firehose":
                type = "FirehoseAppender";
                target = "<deliveryStreamName>" + STREAM + "</deliveryStreamName>";
                break;
            case "cloudwatch":
                type = "CloudWatchLogsAppender";
                target = "<logGroup>" + LOG_GROUP + "</logGroup><logStream>" + STREAM + "</logStream>";
                break;
            case "nop":
                return "<configuration>\n"
                        + "  <appender name=\"NOP\" class=\"ch.qos.logback.core.helpers.NOPAppender\"/>\n"
                        + "  <root level=\"INFO\"><appender-ref ref=\"NOP\"/></root>\n"
                        + "</configuration>\n";
            default:
                throw new IllegalArgumentException("destination: kinesis, firehose, cloudwatch or nop");
        }
        return "<configuration>\n"
                + "  <appender name=\"LOGBEAM\" class=\"io.logbeam.logback." + type + "\">\n"
                + "    " + target + "\n"
                + "    <region>us-east-1</region>\n"
                + "    <endpoint>" + endpoint + "</endpoint>\n"
                + "    <accessKeyId>test</accessKeyId>\n"
                + "    <secretAccessKey>test</secretAccessKey>\n"
                + "    <jmx>false</jmx>\n"
                + "  </appender>\n"
                + "  <root level=\"INFO\"><appender-ref ref=\"LOGBEAM\"/></root>\n"
                + "</configuration>\n";
    }

    /** One fresh JVM: Logback configures itself from {@code -Dlogback.configurationFile} on the first SLF4J call. */
    private static void child() {
        long wallAtMain = System.currentTimeMillis();
        long t0 = System.nanoTime();
        Logger log = LoggerFactory.getLogger("com.acme.Handler"); // builds and starts the LoggerContext
        long contextReady = System.nanoTime();
        log.info("first event of the process");
        long accepted = System.nanoTime();
        boolean delivered = Logbeam.flush(Duration.ofSeconds(60));
        long deliveredAt = System.nanoTime();
        List<Shipper<?>> shippers = Logbeam.shippers();
        long deliveredCount = shippers.isEmpty() ? 0 : shippers.get(0).stats().getDelivered();
        boolean baseline = Boolean.getBoolean("coldstart.nop"); // Logback alone: nothing to deliver
        if (!baseline && (!delivered || shippers.size() != 1 || deliveredCount != 1)) {
            System.out.println("PROBE-FAILED delivered=" + delivered + " shippers=" + shippers.size() + " count="
                    + deliveredCount);
            System.exit(1);
        }
        long jvmToMain = wallAtMain - ManagementFactory.getRuntimeMXBean().getStartTime();
        System.out.printf(Locale.ROOT, "PROBE context_ms=%.1f first_accepted_ms=%.1f first_delivered_ms=%.1f"
                + " jvm_start_to_main_ms=%d%n", (contextReady - t0) / 1e6, (accepted - t0) / 1e6,
                (deliveredAt - t0) / 1e6, jvmToMain);
        System.exit(0);
    }

    private static double stat(List<Double> values, double quantile) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (quantile == 0.5 && sorted.length % 2 == 0) {
            return (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
        }
        return sorted[(int) Math.min(sorted.length - 1, Math.round(quantile * (sorted.length - 1)))];
    }
}

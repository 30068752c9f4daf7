package io.logbeam.benchmarks.coldstart;

import io.logbeam.testkit.LocalAwsEndpoint;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What Logbeam costs a cold start (the figures in {@code docs/lambda.md}): runs {@link ColdStartProbe} in a fresh
 * JVM {@code runs} times per destination, with the JVM flags Lambda's Java runtimes use
 * ({@code -XX:+TieredCompilation -XX:TieredStopAtLevel=1}) and the URLConnection HTTP client (Logbeam's default),
 * against the testkit's endpoint in this process on 127.0.0.1, and prints min and median of each figure.
 *
 * <pre>
 * mvn -B -q -pl benchmarks -am package -DskipTests
 * java -cp benchmarks/target/benchmarks.jar io.logbeam.benchmarks.coldstart.ColdStartHarness [runs] [destinations]
 * </pre>
 * Defaults: 10 runs; {@code cloudwatch,kinesis,firehose}. Loopback round trips take well under a millisecond,
 * so {@code first_delivered} is almost all client-side work (class loading, SDK client, signing, connecting);
 * add the network round trip to the region for a real function.
 */
public final class ColdStartHarness {

    static final String STREAM = "cold-start";
    static final String LOG_GROUP = "/logbeam/cold-start";
    private static final List<String> FIGURES = List.of("jvm_to_main_ms", "start_ms", "accept_us",
            "first_delivered_ms", "empty_flush_us", "warm_flush_ms");

    private ColdStartHarness() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        List<String> destinations = Arrays.asList((args.length > 1 ? args[1] : "cloudwatch,kinesis,firehose").split(","));
        System.out.printf(Locale.ROOT, "cold start, %d fresh JVMs per destination; %s %s, %d cores, %s%n", runs,
                System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"),
                Runtime.getRuntime().availableProcessors(), LocalDate.now());
        try (LocalAwsEndpoint endpoint = LocalAwsEndpoint.start()) {
            endpoint.kinesis().createStream(STREAM, 1);
            endpoint.firehose().createDeliveryStream(STREAM);
            for (String destination : destinations) {
                Map<String, List<Double>> samples = new LinkedHashMap<>();
                FIGURES.forEach(f -> samples.put(f, new ArrayList<>()));
                for (int i = 0; i < runs; i++) {
                    Map<String, Double> run = probe(endpoint.uri().toString(), destination);
                    run.forEach((k, v) -> samples.get(k).add(v));
                }
                System.out.println(destination + ":");
                samples.forEach((figure, values) -> System.out.printf(Locale.ROOT, "  %-20s min %9.1f   median %9.1f%n",
                        figure, min(values), median(values)));
            }
            if (!endpoint.violations().isEmpty()) {
                throw new IllegalStateException("endpoint violations: " + endpoint.violations());
            }
        }
    }

    private static Map<String, Double> probe(String endpoint, String destination) throws Exception {
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Dslf4j.internal.verbosity=ERROR", "-cp",
                System.getProperty("java.class.path"), ColdStartProbe.class.getName(), endpoint, destination);
        Process process = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String result = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("PROBE")) {
                    result = line;
                }
            }
        }
        if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0 || result == null
                || !result.startsWith("PROBE ")) {
            throw new IllegalStateException("probe failed: " + result);
        }
        Map<String, Double> values = new LinkedHashMap<>();
        for (String pair : result.substring("PROBE ".length()).split(" ")) {
            String[] kv = pair.split("=");
            values.put(kv[0], Double.parseDouble(kv[1]));
        }
        return values;
    }

    private static double min(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    private static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}

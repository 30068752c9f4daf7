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
 * java -cp benchmarks/target/benchmarks.jar io.logbeam.benchmarks.coldstart.ColdStartHarness [runs] [destinations] [variants]
 * </pre>
 * Defaults: 10 runs; {@code cloudwatch,kinesis,firehose}; one variant, {@code urlconnection}. A variant is an HTTP
 * client ({@code urlconnection}, {@code apache}, {@code crt}), optionally {@code @} another class path to run the probe
 * from (an older build, to compare with today in the same run: {@code urlconnection@/tmp/before.jar}). Runs alternate
 * between the destinations and the variants, the order rotated from one run to the next, so that a change of machine
 * load hits all of them alike. Destination {@code sdk-kinesis} is the AWS SDK alone (no Logbeam), the floor.
 * Loopback round trips take well under a millisecond, so {@code first_delivered} is almost all client-side work
 * (class loading, SDK client, signing, connecting); add the network round trip to the region for a real function.
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
        List<String> variants = Arrays.asList((args.length > 2 ? args[2] : "urlconnection").split(","));
        System.out.printf(Locale.ROOT, "cold start, %d fresh JVMs per destination; %s %s, %d cores, %s%n", runs,
                System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"),
                Runtime.getRuntime().availableProcessors(), LocalDate.now());
        try (LocalAwsEndpoint endpoint = LocalAwsEndpoint.start()) {
            endpoint.kinesis().createStream(STREAM, 1);
            endpoint.firehose().createDeliveryStream(STREAM);
            Map<String, Map<String, Map<String, List<Double>>>> samples = new LinkedHashMap<>();
            for (String destination : destinations) {
                Map<String, Map<String, List<Double>>> perVariant = new LinkedHashMap<>();
                for (String variant : variants) {
                    Map<String, List<Double>> figures = new LinkedHashMap<>();
                    FIGURES.forEach(f -> figures.put(f, new ArrayList<>()));
                    perVariant.put(variant, figures);
                }
                samples.put(destination, perVariant);
            }
            // Destinations and variants interleaved, the order rotated per run: a change of load hits all alike.
            for (int i = 0; i < runs; i++) {
                for (int d = 0; d < destinations.size(); d++) {
                    String destination = destinations.get((d + i) % destinations.size());
                    for (int v = 0; v < variants.size(); v++) {
                        String variant = variants.get((v + i) % variants.size());
                        Map<String, Double> run = probe(endpoint.uri().toString(), destination, variant);
                        run.forEach((k, value) -> samples.get(destination).get(variant).get(k).add(value));
                    }
                }
            }
            samples.forEach((destination, perVariant) -> perVariant.forEach((variant, figures) -> {
                System.out.println(destination + (variants.size() > 1 ? " [" + variant + "]" : "") + ":");
                figures.forEach((figure, values) -> System.out.printf(Locale.ROOT,
                        "  %-20s min %9.1f   median %9.1f%n", figure, min(values), median(values)));
            }));
            if (!endpoint.violations().isEmpty()) {
                throw new IllegalStateException("endpoint violations: " + endpoint.violations());
            }
        }
    }

    /** One fresh JVM; {@code variant} is {@code httpClient[@classPath]}. */
    private static Map<String, Double> probe(String endpoint, String destination, String variant) throws Exception {
        int at = variant.indexOf('@');
        String httpClient = at < 0 ? variant : variant.substring(0, at);
        String classPath = at < 0 ? System.getProperty("java.class.path") : variant.substring(at + 1);
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                "-Dslf4j.internal.verbosity=ERROR", "-cp",
                classPath, ColdStartProbe.class.getName(), endpoint, destination, httpClient);
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

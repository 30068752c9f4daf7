package io.logbeam.benchmarks.coldstart;

import io.logbeam.core.Logbeam;
import io.logbeam.core.engine.Shipper;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The {@code logback-*} destinations of {@link ColdStartHarness}: the same figures as {@link ColdStartProbe}, but
 * for an application that logs through Logback with the appender configured in {@code logback.xml}.
 * {@code start_ms} is then the time of the first SLF4J call, which makes Logback build and start its
 * {@code LoggerContext} from the file (and so start the appender); {@code accept_us} the first {@code log.info};
 * {@code first_delivered_ms}, from the first SLF4J call, until {@code Logbeam.flush} returns. {@code logback-nop}
 * configures Logback's {@code NOPAppender} instead: what Logback's own start costs (nothing is delivered then).
 */
final class LogbackColdStartProbe {

    private LogbackColdStartProbe() {
    }

    static void run(String endpoint, String destination, String httpClient) throws Exception {
        long wallAtMain = System.currentTimeMillis();
        String target = destination.substring("logback-".length());
        Path config = Files.createTempFile("logback-cold-start-", ".xml");
        config.toFile().deleteOnExit();
        Files.writeString(config, logbackXml(endpoint, target, httpClient), StandardCharsets.UTF_8);
        System.setProperty("logback.configurationFile", config.toString());
        boolean nop = target.equals("nop");

        long t0 = System.nanoTime();
        Logger log = LoggerFactory.getLogger("com.acme.Handler"); // builds and starts the LoggerContext
        long started = System.nanoTime();
        log.info("first event of the invocation");
        long acceptedAt = System.nanoTime();
        boolean flushed = Logbeam.flush(Duration.ofSeconds(60));
        long deliveredAt = System.nanoTime();

        long emptyStart = System.nanoTime();
        Logbeam.flush(Duration.ofSeconds(10));
        long emptyNanos = System.nanoTime() - emptyStart;
        for (int i = 0; i < 10; i++) {
            log.info("second invocation {}", i);
        }
        long warmStart = System.nanoTime();
        boolean warmFlushed = Logbeam.flush(Duration.ofSeconds(30));
        long warmNanos = System.nanoTime() - warmStart;

        List<Shipper<?>> shippers = Logbeam.shippers();
        long delivered = shippers.isEmpty() ? 0 : shippers.get(0).stats().getDelivered();
        long jvmToMain = wallAtMain - ManagementFactory.getRuntimeMXBean().getStartTime();
        if (!nop && (!flushed || !warmFlushed || shippers.size() != 1 || delivered != 11)) {
            System.out.println("PROBE-FAILED flushed=" + flushed + " warm=" + warmFlushed + " shippers="
                    + shippers.size() + " delivered=" + delivered);
            System.exit(1);
        }
        System.out.printf(Locale.ROOT, "PROBE jvm_to_main_ms=%d start_ms=%.1f accept_us=%.0f first_delivered_ms=%.1f"
                + " empty_flush_us=%.0f warm_flush_ms=%.2f%n", jvmToMain, (started - t0) / 1e6,
                (acceptedAt - started) / 1e3, (deliveredAt - t0) / 1e6, emptyNanos / 1e3, warmNanos / 1e6);
        System.exit(0); // the LoggerContext's threads are not daemons
    }

    private static String logbackXml(String endpoint, String destination, String httpClient) {
        String type;
        String target;
        switch (destination) {
            case "kinesis":
                type = "KinesisAppender";
                target = "<streamName>" + ColdStartHarness.STREAM + "</streamName>";
                break;
            case "firehose":
                type = "FirehoseAppender";
                target = "<deliveryStreamName>" + ColdStartHarness.STREAM + "</deliveryStreamName>";
                break;
            case "cloudwatch":
                type = "CloudWatchLogsAppender";
                target = "<logGroup>" + ColdStartHarness.LOG_GROUP + "</logGroup><logStream>cold-start-{uuid}</logStream>";
                break;
            case "nop":
                return "<configuration>\n"
                        + "  <appender name=\"NOP\" class=\"ch.qos.logback.core.helpers.NOPAppender\"/>\n"
                        + "  <root level=\"INFO\"><appender-ref ref=\"NOP\"/></root>\n"
                        + "</configuration>\n";
            default:
                throw new IllegalArgumentException("destination: logback-kinesis, -firehose, -cloudwatch or -nop");
        }
        return "<configuration>\n"
                + "  <appender name=\"LOGBEAM\" class=\"io.logbeam.logback." + type + "\">\n"
                + "    " + target + "\n"
                + "    <region>us-east-1</region>\n"
                + "    <endpoint>" + endpoint + "</endpoint>\n"
                + "    <accessKeyId>test</accessKeyId>\n"
                + "    <secretAccessKey>test</secretAccessKey>\n"
                + "    <httpClient>" + httpClient + "</httpClient>\n"
                + "    <maxBatchDelay>1 hour</maxBatchDelay>\n"
                + "    <jmx>false</jmx>\n"
                + "  </appender>\n"
                + "  <root level=\"INFO\"><appender-ref ref=\"LOGBEAM\"/></root>\n"
                + "</configuration>\n";
    }
}

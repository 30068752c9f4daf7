package io.logbeam.examples;

import io.logbeam.core.destination.Destination;
import io.logbeam.core.engine.Shipper;
import io.logbeam.log4j2.LogbeamAppender;
import io.logbeam.logback.CloudWatchLogsAppender;
import io.logbeam.logback.FirehoseAppender;
import io.logbeam.logback.KinesisAppender;
import io.logbeam.logback.LogbeamAppenderBase;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import org.apache.logging.log4j.core.config.builder.api.AppenderComponentBuilder;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilder;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilderFactory;
import org.apache.logging.log4j.core.config.builder.api.RootLoggerComponentBuilder;
import org.apache.logging.log4j.core.config.builder.impl.BuiltConfiguration;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Sets up the demo's two logging frameworks, each with a Logbeam appender per destination in use: Logback
 * behind SLF4J (the "orders-service"), and Log4j2 in a logger context of its own (the
 * "payments-service").
 *
 * <p>Programmatic so that destinations can be left out when shipping to real AWS; the same appenders as
 * files are in {@code src/main/resources/samples/}. The equivalent of the Logback part is
 * <pre>{@code
 * <appender name="logback-kinesis" class="io.logbeam.logback.KinesisAppender">
 *   <streamName>logbeam-demo</streamName>
 *   <flushOnLevel>ERROR</flushOnLevel> ...
 * </appender>
 * }</pre>
 */
final class DemoLogging implements AutoCloseable {

    /** Which destination an appender ships to, for the report. */
    enum Destination { KINESIS, FIREHOSE, CLOUDWATCH_LOGS }

    /** One running Logbeam appender. */
    record Appender(String framework, String name, Destination destination, Shipper<?> shipper) {
    }

    static final String LOGBACK_SERVICE = "orders-service";
    static final String LOG4J2_SERVICE = "payments-service";

    private final LoggerContext logback;
    private final org.apache.logging.log4j.core.LoggerContext log4j2;
    private final List<Appender> appenders = new ArrayList<>();

    private DemoLogging(DemoTarget target) {
        this.logback = startLogback(target);
        this.log4j2 = startLog4j2(target);
        collectAppenders(target);
    }

    /** Configures both frameworks for {@code target}; the appenders are running when this returns. */
    static DemoLogging start(DemoTarget target) {
        return new DemoLogging(target);
    }

    /** A Log4j2 logger of the demo's own Log4j2 context. */
    org.apache.logging.log4j.Logger log4j2Logger(String name) {
        return log4j2.getLogger(name);
    }

    /** A Logback logger through SLF4J. */
    org.slf4j.Logger slf4jLogger(String name) {
        return logback.getLogger(name);
    }

    /** Every Logbeam appender started, in a stable order. */
    List<Appender> appenders() {
        return List.copyOf(appenders);
    }

    /**
     * Stops both frameworks: each appender delivers what it still holds within its {@code shutdownTimeout}.
     * The shippers keep their final statistics.
     */
    @Override
    public void close() {
        logback.reset();
        log4j2.stop();
    }

    // ---- Logback ----

    private static LoggerContext startLogback(DemoTarget target) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset(); // forget logback.xml / the default console configuration: only the demo's appenders
        ch.qos.logback.classic.Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        // The AWS SDK logs through SLF4J into this context; Logbeam never ships those events anyway.
        context.getLogger("software.amazon.awssdk").setLevel(Level.WARN);
        if (target.kinesisStream != null) {
            KinesisAppender kinesis = new KinesisAppender();
            kinesis.setStreamName(target.kinesisStream);
            kinesis.setPartitionKey("{mdc:tenant}"); // every tenant's events in order on one shard
            kinesis.setAggregation("true"); // many events per record (KPL format), gzip'd: what logbeam-consumer reads
            kinesis.setCompression("gzip");
            if (target.kind == DemoTarget.Kind.ENDPOINT) {
                kinesis.setAutoCreate("true"); // LocalStack: no setup needed
                kinesis.setShardCount("1");
            }
            attach(context, root, kinesis, "logback-kinesis", target);
        }
        if (target.firehoseStream != null) {
            FirehoseAppender firehose = new FirehoseAppender();
            firehose.setDeliveryStreamName(target.firehoseStream);
            firehose.setTimeMillisKey("time_ms"); // for jq-based dynamic partitioning
            attach(context, root, firehose, "logback-firehose", target);
        }
        if (target.logGroup != null) {
            CloudWatchLogsAppender cloudWatch = new CloudWatchLogsAppender();
            cloudWatch.setLogGroup(target.logGroup);
            cloudWatch.setLogStream(LOGBACK_SERVICE);
            cloudWatch.setRetentionDays("7");
            attach(context, root, cloudWatch, "logback-cloudwatch", target);
        }
        return context;
    }

    private static void attach(LoggerContext context, ch.qos.logback.classic.Logger root, LogbeamAppenderBase appender,
            String name, DemoTarget target) {
        appender.setContext(context);
        appender.setName(name);
        appender.setRegion(target.region);
        appender.setEndpoint(target.endpoint);
        appender.setAccessKeyId(target.accessKeyId);
        appender.setSecretAccessKey(target.secretAccessKey);
        appender.setStaticFields("service=" + LOGBACK_SERVICE + ",env={env:STAGE:demo}");
        appender.setFlushOnLevel("ERROR");
        appender.setMaxBatchDelay("200 ms");
        appender.start();
        if (!appender.isStarted()) {
            throw new IllegalStateException("Logback appender " + name + " did not start; see the status lines above");
        }
        root.addAppender(appender);
    }

    // ---- Log4j2 ----

    private static org.apache.logging.log4j.core.LoggerContext startLog4j2(DemoTarget target) {
        ConfigurationBuilder<BuiltConfiguration> config = ConfigurationBuilderFactory.newConfigurationBuilder();
        config.setConfigurationName("logbeam-demo");
        config.setStatusLevel(org.apache.logging.log4j.Level.WARN);
        RootLoggerComponentBuilder root = config.newRootLogger(org.apache.logging.log4j.Level.INFO);
        Map<String, AppenderComponentBuilder> appenders = new LinkedHashMap<>();
        if (target.kinesisStream != null) {
            AppenderComponentBuilder kinesis = config.newAppender("log4j2-kinesis", "Kinesis")
                    .addAttribute("streamName", target.kinesisStream)
                    .addAttribute("partitionKey", "{log_type}") // in order per log type
                    .addAttribute("aggregation", "true").addAttribute("compression", "gzip");
            if (target.kind == DemoTarget.Kind.ENDPOINT) {
                kinesis.addAttribute("autoCreate", "true").addAttribute("shardCount", "1");
            }
            appenders.put("log4j2-kinesis", kinesis);
        }
        if (target.firehoseStream != null) {
            appenders.put("log4j2-firehose", config.newAppender("log4j2-firehose", "Firehose")
                    .addAttribute("deliveryStreamName", target.firehoseStream)
                    .addAttribute("packRecords", "true") // several NDJSON lines per record: a fraction of the bill
                    .addAttribute("timeMillisKey", "time_ms"));
        }
        if (target.logGroup != null) {
            appenders.put("log4j2-cloudwatch", config.newAppender("log4j2-cloudwatch", "CloudWatchLogs")
                    .addAttribute("logGroup", target.logGroup)
                    .addAttribute("logStream", LOG4J2_SERVICE)
                    .addAttribute("retentionDays", "7"));
        }
        for (Map.Entry<String, AppenderComponentBuilder> e : appenders.entrySet()) {
            AppenderComponentBuilder appender = e.getValue()
                    .addAttribute("staticFields", "service=" + LOG4J2_SERVICE + ",env={env:STAGE:demo}")
                    .addAttribute("flushOnLevel", "ERROR")
                    .addAttribute("maxBatchDelay", "200 ms");
            optional(appender, "region", target.region);
            optional(appender, "endpoint", target.endpoint);
            optional(appender, "accessKeyId", target.accessKeyId);
            optional(appender, "secretAccessKey", target.secretAccessKey);
            config.add(appender);
            root.add(config.newAppenderRef(e.getKey()));
        }
        config.add(root);
        org.apache.logging.log4j.core.LoggerContext context = new org.apache.logging.log4j.core.LoggerContext("logbeam-demo");
        context.start(config.build());
        for (String name : appenders.keySet()) {
            if (!(context.getConfiguration().getAppender(name) instanceof LogbeamAppender)) {
                context.stop();
                throw new IllegalStateException("Log4j2 appender " + name + " did not start; see the status lines above");
            }
        }
        return context;
    }

    private static void optional(AppenderComponentBuilder appender, String attribute, String value) {
        if (value != null) {
            appender.addAttribute(attribute, value);
        }
    }

    private void collectAppenders(DemoTarget target) {
        Destination[] kinds = {Destination.KINESIS, Destination.FIREHOSE, Destination.CLOUDWATCH_LOGS};
        String[] suffixes = {"kinesis", "firehose", "cloudwatch"};
        boolean[] used = {target.kinesisStream != null, target.firehoseStream != null, target.logGroup != null};
        for (int i = 0; i < kinds.length; i++) {
            if (!used[i]) {
                continue;
            }
            LogbeamAppenderBase lb = (LogbeamAppenderBase) logback.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)
                    .getAppender("logback-" + suffixes[i]);
            appenders.add(new Appender("Logback", lb.getName(), kinds[i], lb.shipper()));
            LogbeamAppender l4 = (LogbeamAppender) log4j2.getConfiguration().getAppender("log4j2-" + suffixes[i]);
            appenders.add(new Appender("Log4j2", l4.getName(), kinds[i], l4.shipper()));
        }
    }
}

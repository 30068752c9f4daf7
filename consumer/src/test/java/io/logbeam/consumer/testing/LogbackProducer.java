package io.logbeam.consumer.testing;

import io.logbeam.logback.CloudWatchLogsAppender;
import io.logbeam.logback.FirehoseAppender;
import io.logbeam.logback.KinesisAppender;
import io.logbeam.logback.LogbeamAppenderBase;
import io.logbeam.testkit.TestCredentials;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Logs through a real Logback context with one Logbeam appender, so that round trips start from exactly what the
 * producer writes. Every event says its number in its message and its {@code log_type} as a key-value pair.
 */
public final class LogbackProducer {

    /** Log types the events cycle through. */
    public static final String[] LOG_TYPES = {"app", "audit", "access"};

    private LogbackProducer() {
    }

    /** What was logged: event {@code i} has message {@code "event i ..."} and log type {@code LOG_TYPES[i % 3]}. */
    public record Logged(List<String> messages, List<String> logTypes, List<String> levels) {
    }

    /** A Kinesis appender, aggregated and gzip'd like the demo's Kinesis stream. */
    public static KinesisAppender kinesis(String stream, boolean aggregation, String compression) {
        KinesisAppender appender = new KinesisAppender();
        appender.setStreamName(stream);
        appender.setAggregation(String.valueOf(aggregation));
        appender.setCompression(compression);
        return appender;
    }

    /** A Firehose appender. */
    public static FirehoseAppender firehose(String deliveryStream, boolean pack) {
        FirehoseAppender appender = new FirehoseAppender();
        appender.setDeliveryStreamName(deliveryStream);
        appender.setPackRecords(String.valueOf(pack));
        return appender;
    }

    /** A CloudWatch Logs appender. */
    public static CloudWatchLogsAppender cloudWatchLogs(String group, String stream) {
        CloudWatchLogsAppender appender = new CloudWatchLogsAppender();
        appender.setLogGroup(group);
        appender.setLogStream(stream);
        return appender;
    }

    /** Logs {@code count} events through {@code appender} pointed at {@code endpoint}, then stops it (delivering all). */
    public static Logged log(LogbeamAppenderBase appender, URI endpoint, int count) {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(org.slf4j.MDC.getMDCAdapter()); // without one, events fail to snapshot
        context.start();
        appender.setContext(context);
        appender.setName("producer");
        appender.setEndpoint(endpoint.toString());
        appender.setRegion(TestCredentials.REGION);
        appender.setAccessKeyId(TestCredentials.ACCESS_KEY_ID);
        appender.setSecretAccessKey(TestCredentials.SECRET_ACCESS_KEY);
        appender.setMaxBatchDelay("100 ms");
        appender.setMaxInFlight("1"); // moto loses records of concurrent PutRecords calls
        appender.setJmx("false");
        appender.start();
        if (!appender.isStarted()) {
            throw new IllegalStateException("the appender did not start");
        }
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.INFO);
        root.addAppender(appender);
        Logger log = context.getLogger("com.acme.Orders");
        List<String> messages = new ArrayList<>();
        List<String> types = new ArrayList<>();
        List<String> levels = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String type = LOG_TYPES[i % LOG_TYPES.length];
            String message = "event " + i + " \"quoted\" Grüße ✓ 注文";
            if (i % 10 == 9) {
                log.atWarn().addKeyValue("log_type", type).addKeyValue("n", i).log(message);
                levels.add("WARN");
            } else {
                log.atInfo().addKeyValue("log_type", type).addKeyValue("n", i).log(message);
                levels.add("INFO");
            }
            messages.add(message);
            types.add(type);
        }
        if (!appender.flush(Duration.ofSeconds(60))) {
            throw new IllegalStateException("not delivered within 60 s: " + appender.stats());
        }
        long delivered = appender.stats().getDelivered();
        context.stop();
        if (delivered != count) {
            throw new IllegalStateException("delivered " + delivered + " of " + count + ": " + appender.stats());
        }
        return new Logged(messages, types, levels);
    }
}

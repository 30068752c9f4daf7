package io.logbeam.consumer.lambda;

import io.logbeam.consumer.EventKeys;
import io.logbeam.consumer.KinesisToS3;
import io.logbeam.consumer.LogTypeRouting;
import io.logbeam.consumer.RecordDecoder;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The handlers' configuration, from environment variables (a Lambda function's configuration):
 * <table>
 *   <caption>variables</caption>
 *   <tr><td>{@code LOGBEAM_LOG_TYPES}</td><td>allow-list, comma-separated; unset keeps every type</td></tr>
 *   <tr><td>{@code LOGBEAM_UNKNOWN_PREFIX}</td><td>group of events without a usable log type ({@code unknown})</td></tr>
 *   <tr><td>{@code LOGBEAM_LOG_TYPE_KEY}, {@code LOGBEAM_LOG_ID_KEY}, {@code LOGBEAM_TIME_KEY},
 *       {@code LOGBEAM_LEVEL_KEY}</td><td>key names, as renamed in the producer</td></tr>
 *   <tr><td>{@code LOGBEAM_S3_BUCKET}, {@code LOGBEAM_S3_PREFIX}, {@code LOGBEAM_FAILED_PREFIX}</td>
 *       <td>Kinesis to S3</td></tr>
 *   <tr><td>{@code LOGBEAM_METRICS_NAMESPACE}, {@code LOGBEAM_METRICS_DIMENSION}</td><td>Kinesis to metrics</td></tr>
 *   <tr><td>{@code LOGBEAM_TARGET_STREAM}, {@code LOGBEAM_MAX_RETRIES}</td><td>Kinesis forwarder</td></tr>
 *   <tr><td>{@code LOGBEAM_ENDPOINT}</td><td>endpoint override for every client (LocalStack, moto)</td></tr>
 * </table>
 * Region and credentials come from the SDK's default chain ({@code AWS_REGION} in Lambda).
 */
public final class ConsumerSettings {

    private final Map<String, String> env;

    /** Settings read from {@code env}. */
    public ConsumerSettings(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    /** Settings from the process environment. */
    public static ConsumerSettings fromEnvironment() {
        return new ConsumerSettings(System.getenv());
    }

    /** The event keys, default or renamed; with {@code extraField} also read when it is not null. */
    public EventKeys keys(String extraField) {
        EventKeys keys = EventKeys.defaults()
                .withLogTypeKey(get("LOGBEAM_LOG_TYPE_KEY", "log_type"))
                .withLogIdKey(get("LOGBEAM_LOG_ID_KEY", "log_id"))
                .withTimeKey(get("LOGBEAM_TIME_KEY", "time"))
                .withLevelKey(get("LOGBEAM_LEVEL_KEY", "level"));
        return extraField == null ? keys : keys.withField(extraField);
    }

    /** A decoder for {@link #keys}. */
    public RecordDecoder decoder(String extraField) {
        return new RecordDecoder(keys(extraField));
    }

    /** Allow-list and unknown prefix. */
    public LogTypeRouting routing() {
        return new LogTypeRouting(list("LOGBEAM_LOG_TYPES"),
                get("LOGBEAM_UNKNOWN_PREFIX", LogTypeRouting.DEFAULT_UNKNOWN_PREFIX));
    }

    /** The S3 bucket; required by the S3 handler. */
    public String bucket() {
        return require("LOGBEAM_S3_BUCKET");
    }

    /** Key prefix in the bucket. */
    public String prefix() {
        return get("LOGBEAM_S3_PREFIX", "");
    }

    /** Group of undecodable input. */
    public String failedPrefix() {
        return get("LOGBEAM_FAILED_PREFIX", KinesisToS3.DEFAULT_FAILED_PREFIX);
    }

    /** CloudWatch namespace of the metrics. */
    public String metricsNamespace() {
        return get("LOGBEAM_METRICS_NAMESPACE", "Logbeam");
    }

    /** An event field counted as a third dimension, or null. */
    public String metricsDimension() {
        return get("LOGBEAM_METRICS_DIMENSION", null);
    }

    /** The forwarder's target stream. */
    public String targetStream() {
        return require("LOGBEAM_TARGET_STREAM");
    }

    /** How often the forwarder resends failed entries. */
    public int maxRetries() {
        return Integer.parseInt(get("LOGBEAM_MAX_RETRIES", "5"));
    }

    /** Endpoint override, or null. */
    public String endpoint() {
        return get("LOGBEAM_ENDPOINT", null);
    }

    private List<String> list(String name) {
        String value = get(name, "");
        return Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private String get(String name, String fallback) {
        String value = env.get(name);
        return value == null || value.isBlank() ? fallback : value.trim();
    }

    private String require(String name) {
        String value = get(name, null);
        if (value == null) {
            throw new IllegalStateException("environment variable " + name + " is not set");
        }
        return value;
    }
}

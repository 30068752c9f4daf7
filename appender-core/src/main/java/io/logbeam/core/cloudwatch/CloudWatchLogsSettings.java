package io.logbeam.core.cloudwatch;

import io.logbeam.core.ConfigException;
import io.logbeam.core.Substitutions;
import io.logbeam.core.aws.AwsSettings;
import io.logbeam.core.config.AppenderSettings;
import io.logbeam.core.send.Destination;

/**
 * Properties of the CloudWatch Logs appenders ({@code CloudWatchLogsAppender}, {@code <CloudWatchLogs>}).
 */
public final class CloudWatchLogsSettings extends AppenderSettings {

    /** The service's event limit: 1 MiB including the 26 bytes of per-event overhead. */
    public static final int DEFAULT_MAX_EVENT_BYTES = CloudWatchLimits.MAX_EVENT_BYTES;

    private String logGroup;
    private String logStream = "{hostname}-{pid}";
    private boolean createLogGroup = true;
    private boolean createLogStream = true;
    private Integer retentionDays;
    private String logGroupClass;
    private int maxEventBytes = DEFAULT_MAX_EVENT_BYTES;

    @Override
    protected Destination createDestination(AwsSettings aws, Substitutions substitutions,
            ConfigException.Collector problems) {
        String group = blankToNull(logGroup);
        if (group == null) {
            problems.add("logGroup", "is required");
        }
        // Placeholders are resolved once, here; the name rules apply to the result.
        String resolvedGroup = group == null ? null : attempt(problems, () -> substitutions.resolve("logGroup", group));
        String stream = blankToNull(logStream);
        String resolvedStream = stream == null ? null : attempt(problems, () -> substitutions.resolve("logStream", stream));
        if (stream == null) {
            problems.add("logStream", "must not be empty (default {hostname}-{pid})");
        }
        // A name already reported stands in as a valid one, so the other properties are still checked.
        String checkedGroup = resolvedGroup == null ? "unresolved" : resolvedGroup;
        String checkedStream = resolvedStream == null ? "unresolved" : resolvedStream;
        CloudWatchLogsDestination destination = attempt(problems,
                () -> builder(aws, checkedGroup, checkedStream).build());
        return resolvedGroup == null || resolvedStream == null ? null : destination;
    }

    private CloudWatchLogsDestination.Builder builder(AwsSettings aws, String group, String stream) {
        return CloudWatchLogsDestination.builder(aws).logGroup(group).logStream(stream).createLogGroup(createLogGroup)
                .createLogStream(createLogStream).retentionDays(retentionDays).logGroupClass(logGroupClass)
                .maxEventBytes(maxEventBytes);
    }

    /** The log group (required); placeholders allowed. */
    public void setLogGroup(String value) {
        this.logGroup = value;
    }

    /** The log stream (default {@code {hostname}-{pid}}); a fixed name makes one application-wide stream. */
    public void setLogStream(String value) {
        this.logStream = value;
    }

    /** Create the group when missing (default true). */
    public void setCreateLogGroup(boolean value) {
        this.createLogGroup = value;
    }

    /** Create the stream when missing (default true). */
    public void setCreateLogStream(boolean value) {
        this.createLogStream = value;
    }

    /** Retention applied when the appender creates the group; one of the values CloudWatch allows. */
    public void setRetentionDays(int value) {
        this.retentionDays = value;
    }

    /** {@code STANDARD} or {@code INFREQUENT_ACCESS}, used when the appender creates the group. */
    public void setLogGroupClass(String value) {
        this.logGroupClass = value;
    }

    /** Largest event message in UTF-8 bytes (default 1,048,550; 262,118 for the old limit). */
    public void setMaxEventBytes(int value) {
        this.maxEventBytes = value;
    }

    String logGroup() {
        return logGroup;
    }

    String logStream() {
        return logStream;
    }

    boolean createLogGroup() {
        return createLogGroup;
    }

    boolean createLogStream() {
        return createLogStream;
    }

    Integer retentionDays() {
        return retentionDays;
    }

    String logGroupClass() {
        return logGroupClass;
    }

    int maxEventBytes() {
        return maxEventBytes;
    }
}

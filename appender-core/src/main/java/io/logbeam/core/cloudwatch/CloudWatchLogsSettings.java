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
    public static final int DEFAULT_MAX_EVENT_BYTES = 1_048_576 - 26;

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
        // Filled in by the CloudWatch Logs destination issue.
        problems.require(blankToNull(logGroup) != null, "logGroup", "is required");
        return null;
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

package io.logbeam.logback;

import io.logbeam.core.cloudwatch.CloudWatchLogsSettings;

/**
 * Ships JSON log events to a CloudWatch Logs log stream.
 *
 * <pre>{@code
 * <appender name="CLOUDWATCH" class="io.logbeam.logback.CloudWatchLogsAppender">
 *   <logGroup>/app/orders</logGroup>
 *   <logStream>{hostname}-{pid}</logStream>
 *   <retentionDays>30</retentionDays>
 * </appender>
 * }</pre>
 *
 * Besides the shared properties of {@link LogbeamAppenderBase}: {@code logGroup} (required),
 * {@code logStream}, {@code createLogGroup}, {@code createLogStream}, {@code retentionDays},
 * {@code logGroupClass}, {@code maxEventBytes}. See {@code docs/configuration.md}.
 */
public class CloudWatchLogsAppender extends LogbeamAppenderBase<CloudWatchLogsSettings> {

    /** An appender with every property at its default. */
    public CloudWatchLogsAppender() {
        super(new CloudWatchLogsSettings());
    }

    /** The log group (required); placeholders allowed. */
    public void setLogGroup(String value) {
        settings.setLogGroup(value);
    }

    /** The log stream (default {@code {hostname}-{pid}}); a fixed name makes one application-wide stream. */
    public void setLogStream(String value) {
        settings.setLogStream(value);
    }

    /** Create the group when missing (default true). */
    public void setCreateLogGroup(boolean value) {
        settings.setCreateLogGroup(value);
    }

    /** Create the stream when missing (default true). */
    public void setCreateLogStream(boolean value) {
        settings.setCreateLogStream(value);
    }

    /** Retention applied when the appender creates the group; one of the values CloudWatch Logs allows. */
    public void setRetentionDays(int value) {
        settings.setRetentionDays(value);
    }

    /** {@code STANDARD} or {@code INFREQUENT_ACCESS}, used when the appender creates the group. */
    public void setLogGroupClass(String value) {
        settings.setLogGroupClass(value);
    }

    /** Largest event message in UTF-8 bytes (default 1,048,550; 262,118 for the old limit). */
    public void setMaxEventBytes(int value) {
        settings.setMaxEventBytes(value);
    }
}

package io.logbeam.logback;

import io.logbeam.core.config.DestinationTypes;
import io.logbeam.core.config.PropertyTable;

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
 * {@code logGroupClass}, {@code maxEventBytes}. See {@link PropertyTable} ({@code docs/configuration.md}).
 */
public class CloudWatchLogsAppender extends LogbeamAppenderBase {

    /** An appender with every property at its default. */
    public CloudWatchLogsAppender() {
        super(DestinationTypes.CLOUDWATCH_LOGS);
    }

    /** {@link PropertyTable#LOG_GROUP logGroup}. */
    public void setLogGroup(String value) {
        set(PropertyTable.LOG_GROUP, value);
    }

    /** {@link PropertyTable#LOG_STREAM logStream}. */
    public void setLogStream(String value) {
        set(PropertyTable.LOG_STREAM, value);
    }

    /** {@link PropertyTable#CREATE_LOG_GROUP createLogGroup}. */
    public void setCreateLogGroup(String value) {
        set(PropertyTable.CREATE_LOG_GROUP, value);
    }

    /** {@link PropertyTable#CREATE_LOG_STREAM createLogStream}. */
    public void setCreateLogStream(String value) {
        set(PropertyTable.CREATE_LOG_STREAM, value);
    }

    /** {@link PropertyTable#RETENTION_DAYS retentionDays}. */
    public void setRetentionDays(String value) {
        set(PropertyTable.RETENTION_DAYS, value);
    }

    /** {@link PropertyTable#LOG_GROUP_CLASS logGroupClass}. */
    public void setLogGroupClass(String value) {
        set(PropertyTable.LOG_GROUP_CLASS, value);
    }

    /** {@link PropertyTable#MAX_EVENT_BYTES maxEventBytes}. */
    public void setMaxEventBytes(String value) {
        set(PropertyTable.MAX_EVENT_BYTES, value);
    }
}

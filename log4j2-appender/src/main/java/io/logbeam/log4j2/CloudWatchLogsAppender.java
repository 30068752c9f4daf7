package io.logbeam.log4j2;

import io.logbeam.core.config.DestinationType;
import io.logbeam.core.config.DestinationTypes;
import io.logbeam.core.config.PropertyTable;


import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.Core;
import org.apache.logging.log4j.core.config.plugins.Plugin;
import org.apache.logging.log4j.core.config.plugins.PluginBuilderAttribute;
import org.apache.logging.log4j.core.config.plugins.PluginBuilderFactory;

/**
 * The {@code <CloudWatchLogs>} appender: ships JSON events to a CloudWatch Logs log stream with PutLogEvents.
 *
 * <p>Attributes: the shared ones of {@link LogbeamAppender.Builder} plus {@code logGroup}, {@code logStream}, {@code createLogGroup}, {@code createLogStream}, {@code retentionDays}, {@code logGroupClass}, {@code maxEventBytes}; see
 * {@code docs/configuration.md}.
 */
@Plugin(name = CloudWatchLogsAppender.ELEMENT, category = Core.CATEGORY_NAME, elementType = Appender.ELEMENT_TYPE, printObject = true)
public final class CloudWatchLogsAppender extends LogbeamAppender {

    /** The element name in {@code log4j2.xml}. */
    public static final String ELEMENT = "CloudWatchLogs";

    private CloudWatchLogsAppender(Builder builder, Started started) {
        super(builder, started);
    }

    /** A builder, used by Log4j2 for each {@code <CloudWatchLogs>} element. */
    @PluginBuilderFactory
    public static Builder newBuilder() {
        return new Builder();
    }

    /** Builds a {@link CloudWatchLogsAppender}; see the class documentation for its attributes. */
    public static final class Builder extends LogbeamAppender.Builder<Builder>
            implements org.apache.logging.log4j.core.util.Builder<CloudWatchLogsAppender> {

        @PluginBuilderAttribute
        private String logGroup;
        @PluginBuilderAttribute
        private String logStream;
        @PluginBuilderAttribute
        private String createLogGroup;
        @PluginBuilderAttribute
        private String createLogStream;
        @PluginBuilderAttribute
        private String retentionDays;
        @PluginBuilderAttribute
        private String logGroupClass;
        @PluginBuilderAttribute
        private String maxEventBytes;

        Builder() {
        }

        /** See {@link PropertyTable#LOG_GROUP}. */
        public Builder setLogGroup(String value) {
            this.logGroup = value;
            return asBuilder();
        }

        /** See {@link PropertyTable#LOG_STREAM}. */
        public Builder setLogStream(String value) {
            this.logStream = value;
            return asBuilder();
        }

        /** See {@link PropertyTable#CREATE_LOG_GROUP}. */
        public Builder setCreateLogGroup(boolean value) {
            this.createLogGroup = String.valueOf(value);
            return asBuilder();
        }

        /** See {@link PropertyTable#CREATE_LOG_STREAM}. */
        public Builder setCreateLogStream(boolean value) {
            this.createLogStream = String.valueOf(value);
            return asBuilder();
        }

        /** See {@link PropertyTable#RETENTION_DAYS}. */
        public Builder setRetentionDays(int value) {
            this.retentionDays = String.valueOf(value);
            return asBuilder();
        }

        /** See {@link PropertyTable#LOG_GROUP_CLASS}. */
        public Builder setLogGroupClass(String value) {
            this.logGroupClass = value;
            return asBuilder();
        }

        /** See {@link PropertyTable#MAX_EVENT_BYTES}. */
        public Builder setMaxEventBytes(int value) {
            this.maxEventBytes = String.valueOf(value);
            return asBuilder();
        }

        @Override
        DestinationType type() {
            return DestinationTypes.CLOUDWATCH_LOGS;
        }

        /** The appender, or null (after status-logger errors naming each invalid attribute). */
        @Override
        public CloudWatchLogsAppender build() {
            Started started = start(ELEMENT);
            return started == null ? null : new CloudWatchLogsAppender(this, started);
        }
    }
}

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
 * The {@code <Firehose>} appender: ships JSON events (one NDJSON line each) to a Kinesis Data Firehose delivery stream with PutRecordBatch.
 *
 * <p>Attributes: the shared ones of {@link LogbeamAppender.Builder} plus {@code deliveryStreamName}, {@code packRecords}, {@code maxRecordBytes}; see
 * {@code docs/configuration.md}.
 */
@Plugin(name = FirehoseAppender.ELEMENT, category = Core.CATEGORY_NAME, elementType = Appender.ELEMENT_TYPE, printObject = true)
public final class FirehoseAppender extends LogbeamAppender {

    /** The element name in {@code log4j2.xml}. */
    public static final String ELEMENT = "Firehose";

    private FirehoseAppender(Builder builder, Started started) {
        super(builder, started);
    }

    /** A builder, used by Log4j2 for each {@code <Firehose>} element. */
    @PluginBuilderFactory
    public static Builder newBuilder() {
        return new Builder();
    }

    /** Builds a {@link FirehoseAppender}; see the class documentation for its attributes. */
    public static final class Builder extends LogbeamAppender.Builder<Builder>
            implements org.apache.logging.log4j.core.util.Builder<FirehoseAppender> {

        @PluginBuilderAttribute
        private String deliveryStreamName;
        @PluginBuilderAttribute
        private String packRecords;
        @PluginBuilderAttribute
        private String maxRecordBytes;

        Builder() {
        }

        /** See {@link PropertyTable#DELIVERY_STREAM_NAME}. */
        public Builder setDeliveryStreamName(String value) {
            this.deliveryStreamName = value;
            return asBuilder();
        }

        /** See {@link PropertyTable#PACK_RECORDS}. */
        public Builder setPackRecords(boolean value) {
            this.packRecords = String.valueOf(value);
            return asBuilder();
        }

        /** See {@link PropertyTable#FIREHOSE_MAX_RECORD_BYTES}. */
        public Builder setMaxRecordBytes(int value) {
            this.maxRecordBytes = String.valueOf(value);
            return asBuilder();
        }

        @Override
        DestinationType type() {
            return DestinationTypes.FIREHOSE;
        }

        /** The appender, or null (after status-logger errors naming each invalid attribute). */
        @Override
        public FirehoseAppender build() {
            Started started = start(ELEMENT);
            return started == null ? null : new FirehoseAppender(this, started);
        }
    }
}

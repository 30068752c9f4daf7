package io.logbeam.log4j2;

import io.logbeam.core.config.DestinationType;
import io.logbeam.log4j2.testing.MemoryType;

import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.Core;
import org.apache.logging.log4j.core.config.plugins.Plugin;
import org.apache.logging.log4j.core.config.plugins.PluginBuilderAttribute;
import org.apache.logging.log4j.core.config.plugins.PluginBuilderFactory;

/**
 * A test plugin, {@code <LogbeamMemory sink="...">}: the real Logbeam appender glue (builder, manager,
 * snapshot, encoder) over an in-memory destination, to test Log4j2 behaviour without the AWS wire.
 */
@Plugin(name = MemoryAppender.ELEMENT, category = Core.CATEGORY_NAME, elementType = Appender.ELEMENT_TYPE, printObject = true)
public final class MemoryAppender extends LogbeamAppender {

    static final String ELEMENT = "LogbeamMemory";

    private MemoryAppender(Builder builder, Started started) {
        super(builder, started);
    }

    @PluginBuilderFactory
    public static Builder newBuilder() {
        return new Builder();
    }

    public static final class Builder extends LogbeamAppender.Builder<Builder>
            implements org.apache.logging.log4j.core.util.Builder<MemoryAppender> {

        @PluginBuilderAttribute
        private String sink;

        public Builder setSink(String value) {
            this.sink = value;
            return this;
        }

        @Override
        DestinationType type() {
            return MemoryType.INSTANCE;
        }

        @Override
        public MemoryAppender build() {
            Started started = start(ELEMENT);
            return started == null ? null : new MemoryAppender(this, started);
        }
    }
}

package io.logbeam.logback.testing;

import io.logbeam.logback.LogbeamAppenderBase;

/**
 * The shared Logback glue over a {@link MemoryDestination}: tests everything the three AWS appenders
 * share without a network.
 */
public class MemoryAppender extends LogbeamAppenderBase<MemorySettings> {

    public MemoryAppender() {
        super(new MemorySettings());
    }

    public void setDestinationId(String value) {
        settings.setDestinationId(value);
    }
}

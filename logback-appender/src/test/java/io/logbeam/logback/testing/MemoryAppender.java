package io.logbeam.logback.testing;

import io.logbeam.logback.LogbeamAppenderBase;

/**
 * The shared Logback glue over a {@link MemoryDestination}: tests everything the three AWS appenders
 * share without a network.
 */
public class MemoryAppender extends LogbeamAppenderBase {

    public MemoryAppender() {
        super(MemoryType.INSTANCE);
    }

    public void setDestinationId(String value) {
        set(MemoryType.DESTINATION_ID, value);
    }
}

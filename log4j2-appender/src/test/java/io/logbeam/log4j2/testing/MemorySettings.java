package io.logbeam.log4j2.testing;

import io.logbeam.core.ConfigException;
import io.logbeam.core.Substitutions;
import io.logbeam.core.aws.AwsSettings;
import io.logbeam.core.config.AppenderSettings;
import io.logbeam.core.send.Destination;

/** Settings whose destination is a {@link MemoryDestination}. */
public final class MemorySettings extends AppenderSettings {

    private String sink;

    @Override
    protected Destination createDestination(AwsSettings aws, Substitutions substitutions,
            ConfigException.Collector problems) {
        problems.require(sink != null && !sink.isBlank(), "sink", "is required");
        return sink == null || sink.isBlank() ? null : MemoryDestination.named(sink);
    }

    /** The memory sink's name (required). */
    public void setSink(String value) {
        this.sink = value;
    }
}

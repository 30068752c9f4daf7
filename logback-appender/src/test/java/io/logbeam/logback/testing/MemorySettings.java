package io.logbeam.logback.testing;

import io.logbeam.core.ConfigException;
import io.logbeam.core.Substitutions;
import io.logbeam.core.aws.AwsSettings;
import io.logbeam.core.config.AppenderSettings;
import io.logbeam.core.send.Destination;

/** Settings of {@link MemoryAppender}: the shared properties plus the id of a {@link MemoryDestination}. */
public final class MemorySettings extends AppenderSettings {

    private String destinationId;

    @Override
    protected Destination createDestination(AwsSettings aws, Substitutions substitutions,
            ConfigException.Collector problems) {
        problems.require(blankToNull(destinationId) != null, "destinationId", "is required");
        return destinationId == null ? null : MemoryDestination.get(destinationId);
    }

    public void setDestinationId(String value) {
        this.destinationId = value;
    }
}

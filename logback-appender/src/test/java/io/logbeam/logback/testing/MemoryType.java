package io.logbeam.logback.testing;

import io.logbeam.core.aws.AwsSettings;
import io.logbeam.core.config.DestinationType;
import io.logbeam.core.config.Property;
import io.logbeam.core.config.PropertyReader;
import io.logbeam.core.destination.Destination;
import io.logbeam.core.util.Substitutions;

import java.util.List;

/** The destination of {@link MemoryAppender}: the shared properties plus the id of a {@link MemoryDestination}. */
public final class MemoryType implements DestinationType {

    /** The id of the {@link MemoryDestination} to ship to (required). */
    static final Property DESTINATION_ID = new Property("destinationId", Property.Type.TEXT, null, "(required)", "",
            "The id of the in-memory destination.");

    static final MemoryType INSTANCE = new MemoryType();

    @Override
    public List<Property> properties() {
        return List.of(DESTINATION_ID);
    }

    @Override
    public Destination create(PropertyReader values, AwsSettings aws, Substitutions substitutions) {
        String id = values.nonBlank(DESTINATION_ID);
        values.problems().require(id != null, DESTINATION_ID.name(), "is required");
        return id == null ? null : MemoryDestination.get(id);
    }
}

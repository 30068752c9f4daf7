package io.logbeam.log4j2.testing;

import io.logbeam.core.aws.AwsSettings;
import io.logbeam.core.config.DestinationType;
import io.logbeam.core.config.Property;
import io.logbeam.core.config.PropertyReader;
import io.logbeam.core.destination.Destination;
import io.logbeam.core.util.Substitutions;

import java.util.List;

/** A destination type whose destination is a {@link MemoryDestination}: the shared properties plus {@code sink}. */
public final class MemoryType implements DestinationType {

    /** The memory sink's name (required). */
    public static final Property SINK = new Property("sink", Property.Type.TEXT, null, "(required)", "",
            "The memory sink's name.");

    public static final MemoryType INSTANCE = new MemoryType();

    @Override
    public List<Property> properties() {
        return List.of(SINK);
    }

    @Override
    public Destination create(PropertyReader values, AwsSettings aws, Substitutions substitutions) {
        String sink = values.nonBlank(SINK);
        values.problems().require(sink != null, SINK.name(), "is required");
        return sink == null ? null : MemoryDestination.named(sink);
    }
}

package io.logbeam.core.config;

import io.logbeam.core.aws.AwsSettings;
import io.logbeam.core.destination.Destination;
import io.logbeam.core.util.Substitutions;

import java.util.List;

/**
 * A kind of destination as configuration sees it: the properties it adds to {@link PropertyTable#SHARED}, and how to
 * build it from them. The AWS services are in {@link DestinationTypes}; tests add their own.
 */
public interface DestinationType {

    /** The destination's own properties, besides the shared ones. */
    List<Property> properties();

    /**
     * Builds the destination from {@code values}, without touching the network; every invalid property is recorded in
     * {@link PropertyReader#problems()}, and null is returned when there is any.
     *
     * @param aws           how to reach AWS (the defaults, when the shared AWS properties are invalid: the
     *                      destination's own properties are still checked)
     * @param substitutions resolves placeholders such as {@code {env:STAGE}}
     */
    Destination create(PropertyReader values, AwsSettings aws, Substitutions substitutions);
}

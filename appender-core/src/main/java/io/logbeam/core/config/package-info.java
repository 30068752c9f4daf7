/**
 * Configuration: every property described once ({@link io.logbeam.core.config.PropertyTable}), an appender's
 * properties as text ({@link io.logbeam.core.config.AppenderProperties}), read and checked all at once, and the one
 * place that knows every destination ({@link io.logbeam.core.config.DestinationTypes}). Builds and starts the engine.
 */
package io.logbeam.core.config;

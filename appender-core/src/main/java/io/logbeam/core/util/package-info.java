/**
 * Utilities every layer may use and that use no other Logbeam package: configuration errors that name a property
 * ({@link io.logbeam.core.util.ConfigException}), where Logbeam reports its own problems
 * ({@link io.logbeam.core.util.Diagnostics}, {@link io.logbeam.core.util.ProblemReporter}), durations, placeholders,
 * the host name, whether an optional artifact is on the class path, objects created from a class name.
 */
package io.logbeam.core.util;

/**
 * The Log4j2 plugins ({@code <Kinesis>}, {@code <Firehose>}, {@code <CloudWatchLogs>}): thin glue over appender-core.
 * Builder attributes are text for the core to check; a {@link io.logbeam.log4j2.LogbeamManager} keeps the running
 * shipper across reconfigurations; events are copied into preallocated carriers on the logging thread and read later
 * through {@link io.logbeam.log4j2.Log4j2EventAdapter}.
 */
package io.logbeam.log4j2;

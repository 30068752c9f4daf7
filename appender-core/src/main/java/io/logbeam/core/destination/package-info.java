/**
 * The SPI of a destination (an AWS service): {@link io.logbeam.core.destination.Destination} builds batches to the
 * service's limits ({@link io.logbeam.core.destination.Batcher}), sends them and classifies each entry's outcome
 * ({@link io.logbeam.core.destination.SendOutcome}, {@link io.logbeam.core.destination.Failure}). The engine uses only
 * this; the implementations are {@code kinesis}, {@code firehose} and {@code cloudwatch}.
 */
package io.logbeam.core.destination;

/**
 * The shipping engine, one {@link io.logbeam.core.engine.Shipper} per appender: the bounded ring application threads
 * publish into ({@link io.logbeam.core.engine.RingPublisher}), the consumer thread that encodes and batches
 * ({@link io.logbeam.core.engine.ShippingHandler}), the sender that makes requests with retries of what failed
 * ({@link io.logbeam.core.engine.Sender}), the spool hand-over and replay, stop and flush, the statistics, and the JVM
 * exit hook. Uses the destination SPI only: it never knows which AWS service it ships to.
 */
package io.logbeam.core.engine;

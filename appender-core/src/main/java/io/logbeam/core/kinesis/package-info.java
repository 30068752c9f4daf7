/**
 * Kinesis Data Streams: PutRecords within the service's limits ({@link io.logbeam.core.kinesis.KinesisLimits}),
 * partition keys, KPL aggregation (per key, or per shard with the stream's shard map from
 * {@link io.logbeam.core.kinesis.StreamShards}), gzip, and which errors are retried
 * ({@link io.logbeam.core.kinesis.KinesisErrors}). Knows neither the engine nor the other destinations.
 */
package io.logbeam.core.kinesis;

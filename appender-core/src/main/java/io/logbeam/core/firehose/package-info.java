/**
 * Kinesis Data Firehose: PutRecordBatch of NDJSON records, packed or not, within the service's limits
 * ({@link io.logbeam.core.firehose.FirehoseLimits}), and which errors are retried. Knows neither the engine nor the
 * other destinations.
 */
package io.logbeam.core.firehose;

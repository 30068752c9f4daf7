/**
 * The durable spool: segment files of length-prefixed, checksummed records on local disk
 * ({@link io.logbeam.core.spool.Spool}), one appender per directory, for what can not be delivered for now. The engine
 * writes into it and replays it.
 */
package io.logbeam.core.spool;

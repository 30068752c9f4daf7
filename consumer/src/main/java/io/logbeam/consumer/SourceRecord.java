package io.logbeam.consumer;

import java.time.Instant;

/**
 * One record as it arrived, whatever carried it (a Lambda event, GetRecords, a file).
 *
 * @param id           what identifies it to the source, e.g. a Kinesis sequence number (reported back as the
 *                     failed item)
 * @param partitionKey its partition key, or null
 * @param data         its bytes, as received
 * @param arrival      when the source received it; stands in for an event's time when that is unreadable
 */
public record SourceRecord(String id, String partitionKey, byte[] data, Instant arrival) {
}

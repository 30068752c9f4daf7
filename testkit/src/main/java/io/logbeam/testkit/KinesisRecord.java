package io.logbeam.testkit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;

/**
 * One record a Kinesis stream of {@link LocalAwsEndpoint} accepted.
 *
 * @param partitionKey   the partition key as sent
 * @param data           the record's data blob (a copy is returned on every access)
 * @param sequenceNumber the sequence number the endpoint assigned (decimal, increasing per endpoint)
 * @param shardId        the shard the partition key (or explicit hash key) mapped to
 * @param arrival        when the record was accepted, by the endpoint's clock
 */
public record KinesisRecord(String partitionKey, byte[] data, String sequenceNumber, String shardId,
                            Instant arrival) {

    /** Copies {@code data} so that the stored record cannot be changed from outside. */
    public KinesisRecord {
        Objects.requireNonNull(partitionKey, "partitionKey");
        data = data.clone();
        Objects.requireNonNull(sequenceNumber, "sequenceNumber");
        Objects.requireNonNull(shardId, "shardId");
        Objects.requireNonNull(arrival, "arrival");
    }

    /** A copy of the data blob. */
    @Override
    public byte[] data() {
        return data.clone();
    }

    /** The data blob decoded as UTF-8, for the common case of JSON payloads. */
    public String dataAsUtf8() {
        return new String(data, StandardCharsets.UTF_8);
    }

    /** Size of the data blob without copying it. */
    public int dataLength() {
        return data.length;
    }
}

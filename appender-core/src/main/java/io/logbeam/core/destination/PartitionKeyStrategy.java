package io.logbeam.core.destination;

/** Picks an event's routing key (Kinesis partition key); null lets the destination choose at random. */
@FunctionalInterface
public interface PartitionKeyStrategy {

    /** No routing key: the destination spreads entries as it likes. */
    PartitionKeyStrategy NONE = (logType, event) -> null;

    /** The key for an event of {@code logType}, or null. */
    String keyFor(String logType, EventLookup event);
}

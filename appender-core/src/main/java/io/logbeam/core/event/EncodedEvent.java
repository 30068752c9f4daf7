package io.logbeam.core.event;

import java.nio.charset.StandardCharsets;

/**
 * One event as JSON bytes, ready for a destination: the unit the batchers pack, the sender accounts
 * for, and the fallback prints. Immutable.
 */
public final class EncodedEvent {

    private final byte[] json;
    private final long timeMillis;
    private final String logType;
    private final String partitionKey;
    private final boolean truncated;

    /**
     * @param json         one compact UTF-8 JSON object, without a trailing newline
     * @param timeMillis   the event's time, which CloudWatch Logs orders and windows by
     * @param logType      the event's resolved log type
     * @param partitionKey the routing key chosen for the event, or null for "any" (random)
     * @param truncated    whether fields were cut to fit the destination
     */
    public EncodedEvent(byte[] json, long timeMillis, String logType, String partitionKey, boolean truncated) {
        this.json = json;
        this.timeMillis = timeMillis;
        this.logType = logType;
        this.partitionKey = partitionKey;
        this.truncated = truncated;
    }

    /** The JSON bytes; not copied, do not modify. */
    public byte[] json() {
        return json;
    }

    /** Size of the JSON in bytes. */
    public int size() {
        return json.length;
    }

    /** The event time, epoch milliseconds. */
    public long timeMillis() {
        return timeMillis;
    }

    /** The resolved log type. */
    public String logType() {
        return logType;
    }

    /** The routing key, or null when the destination may choose freely. */
    public String partitionKey() {
        return partitionKey;
    }

    /** Whether fields were cut to fit. */
    public boolean truncated() {
        return truncated;
    }

    /** The JSON as a string. */
    public String jsonText() {
        return new String(json, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return jsonText();
    }
}

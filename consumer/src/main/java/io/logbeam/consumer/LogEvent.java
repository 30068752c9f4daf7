package io.logbeam.consumer;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * One decoded event: the JSON object exactly as the producer wrote it (compact UTF-8, no line end), and the
 * fields the decoder read from it with its {@link EventKeys}. A field that is missing, or not a string or
 * number, is {@code null}.
 */
public final class LogEvent {

    private final byte[] json;
    private final String logType;
    private final String logId;
    private final String time;
    private final String level;
    private final List<String> fields;

    LogEvent(byte[] json, String logType, String logId, String time, String level, List<String> fields) {
        this.json = json;
        this.logType = logType;
        this.logId = logId;
        this.time = time;
        this.level = level;
        this.fields = fields;
    }

    /** The event's JSON bytes. The array is the event's own, not a copy: do not change it. */
    public byte[] json() {
        return json;
    }

    /** The event's JSON as text. */
    public String jsonText() {
        return new String(json, StandardCharsets.UTF_8);
    }

    /** The log type, or null when the event has none. */
    public String logType() {
        return logType;
    }

    /** The log id, or null. */
    public String logId() {
        return logId;
    }

    /** The time as written (ISO-8601, or epoch milliseconds as digits), or null. */
    public String time() {
        return time;
    }

    /** The time, or null when it is missing or not a time {@link EventTimes} can read. */
    public Instant instant() {
        return EventTimes.parse(time);
    }

    /** The level, or null. */
    public String level() {
        return level;
    }

    /**
     * The value of the extra field {@code index} (in the order of {@link EventKeys#fields()}), or null.
     */
    public String field(int index) {
        return fields.get(index);
    }

    @Override
    public String toString() {
        return jsonText();
    }
}

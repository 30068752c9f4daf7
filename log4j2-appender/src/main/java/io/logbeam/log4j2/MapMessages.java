package io.logbeam.log4j2;

import io.logbeam.core.json.EventWriter;

import org.apache.logging.log4j.message.MapMessage;
import org.apache.logging.log4j.message.StructuredDataMessage;

/**
 * What the {@code message} field of an event logged with a {@link MapMessage} is: its entry named {@code message}
 * when there is one, else the free text of a {@code StructuredDataMessage}, else Log4j2's own rendering of the map
 * ({@code k1="v1" k2="v2"}). The other entries become the event's key-values.
 */
final class MapMessages {

    /** The entry that is the event's message rather than one of its key-values. */
    static final String MESSAGE_ENTRY = "message";

    private MapMessages() {
    }

    /** Appends the message text of {@code map} to {@code out}. */
    static void appendText(MapMessage<?, ?> map, StringBuilder out) {
        Object entry = map.getIndexedReadOnlyStringMap().getValue(MESSAGE_ENTRY);
        if (entry != null) {
            out.append(entry instanceof String ? (String) entry : EventWriter.safeToString(entry));
            return;
        }
        if (map instanceof StructuredDataMessage) {
            String free = ((StructuredDataMessage) map).getFormat(); // its free text, without the RFC 5424 data
            if (free != null && !free.isEmpty()) {
                out.append(free);
                return;
            }
        }
        map.formatTo(out);
    }
}

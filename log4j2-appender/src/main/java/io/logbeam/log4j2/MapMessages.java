package io.logbeam.log4j2;

import io.logbeam.core.event.FieldWriter;

import org.apache.logging.log4j.message.MapMessage;
import org.apache.logging.log4j.message.StructuredDataMessage;
import org.apache.logging.log4j.util.ReadOnlyStringMap;

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

    /**
     * Appends the message text of a map message of {@code kind} (its class, and a {@code StructuredDataMessage}'s free
     * text) whose entries are {@code entries} to {@code out}.
     */
    static void appendText(MapMessage<?, ?> kind, ReadOnlyStringMap entries, StringBuilder out) {
        Object entry = entries.getValue(MESSAGE_ENTRY);
        if (entry != null) {
            out.append(entry instanceof String ? (String) entry : FieldWriter.safeToString(entry));
            return;
        }
        if (kind instanceof StructuredDataMessage) {
            String free = ((StructuredDataMessage) kind).getFormat(); // its free text, without the RFC 5424 data
            if (free != null && !free.isEmpty()) {
                out.append(free);
                return;
            }
        }
        if (entries == kind.getIndexedReadOnlyStringMap()) {
            kind.formatTo(out);
        } else {
            newInstance(kind, entries).formatTo(out); // Log4j2's own rendering, of the entries given
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static MapMessage<?, ?> newInstance(MapMessage<?, ?> kind, ReadOnlyStringMap entries) {
        return (MapMessage<?, ?>) ((MapMessage) kind).newInstance(entries.toMap());
    }
}

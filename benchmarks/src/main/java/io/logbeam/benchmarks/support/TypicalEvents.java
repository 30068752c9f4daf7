package io.logbeam.benchmarks.support;

import io.logbeam.core.destination.EventLookup;
import io.logbeam.core.event.EventAdapter;
import io.logbeam.core.event.EventSerializer;
import io.logbeam.core.event.FieldWriter;
import io.logbeam.core.event.JsonSchema;

import java.io.IOException;

/**
 * The synthetic application log event the harnesses ship instead of a framework's event: time, level, logger,
 * thread and message, written like an adapter writes them, with no MDC and no key-values. One definition, so
 * that the harnesses' event sizes and JSON mean the same thing.
 */
public final class TypicalEvents {

    /** The logger of {@link Event#info}. */
    public static final String LOGGER = "com.acme.Orders";

    /** Partition-key lookups of an event without MDC or key-values. */
    public static final EventLookup NO_LOOKUP = new EventLookup() {
        @Override
        public String mdc(String key) {
            return null;
        }

        @Override
        public Object keyValue(String key) {
            return null;
        }
    };

    private TypicalEvents() {
    }

    /** A log event reduced to what the harnesses vary. */
    public record Event(long time, String level, String logger, String thread, String message) {

        /** An INFO event of {@link #LOGGER} on thread {@code main}. */
        public static Event info(long time, String message) {
            return new Event(time, "INFO", LOGGER, "main", message);
        }
    }

    /** Writes the usual fields of an application log event. */
    public static final class Encoder implements EventAdapter<Event> {
        @Override
        public long timeMillis(Event event) {
            return event.time();
        }

        @Override
        public String loggerName(Event event) {
            return event.logger();
        }

        @Override
        public String mdcValue(Event event, String key) {
            return null;
        }

        @Override
        public Object keyValue(Event event, String key) {
            return null;
        }

        @Override
        public void writeFields(Event event, FieldWriter out) throws IOException {
            out.level(event.level());
            out.logger(event.logger());
            out.thread(event.thread());
            out.message(event.message());
        }
    }

    /**
     * The ASCII message that makes the JSON of an {@link Event#info} event exactly {@code eventBytes} long under
     * {@code schema} (log type {@code app}, no partition key or Lambda request id).
     *
     * @throws IllegalArgumentException if even a one-character message makes the event larger
     */
    public static String messageFor(JsonSchema schema, int eventBytes) {
        EventSerializer<Event> serializer = new EventSerializer<>(schema, new Encoder(), Integer.MAX_VALUE,
                Integer.MAX_VALUE);
        long now = System.currentTimeMillis();
        // One ASCII character of message is one byte of JSON: the size without the message calibrates the rest.
        int base = serializer.serialize(Event.info(now, ""), "app", null, null).size();
        if (base + 1 > eventBytes) {
            throw new IllegalArgumentException("events can not be smaller than " + (base + 1) + " bytes: "
                    + serializer.serialize(Event.info(now, "x"), "app", null, null));
        }
        String message = "x".repeat(eventBytes - base);
        int size = serializer.serialize(Event.info(now, message), "app", null, null).size();
        if (size != eventBytes) {
            throw new IllegalStateException("calibrated event is " + size + " bytes, not " + eventBytes);
        }
        return message;
    }
}

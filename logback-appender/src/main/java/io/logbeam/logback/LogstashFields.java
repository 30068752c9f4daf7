package io.logbeam.logback;

import io.logbeam.core.event.LoggedValues;

import ch.qos.logback.classic.spi.ILoggingEvent;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import net.logstash.logback.argument.StructuredArgument;
import net.logstash.logback.marker.LogstashMarker;
import net.logstash.logback.marker.SingleFieldAppendingMarker;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * logstash-logback-encoder's structured arguments ({@code kv}, {@code keyValue}, {@code value}, {@code entries},
 * {@code fields}, {@code array}, {@code raw}) and appending markers ({@code Markers.append*}) as key-values of the event,
 * the fields that encoder would have written. Each one writes itself, as it does for that encoder, through a Jackson
 * generator with the appender's {@code ObjectMapper}; what it wrote is read back as plain values and captured like any
 * key-value ({@link LoggedValues}), on the logging thread.
 *
 * <p>Loaded only when logstash-logback-encoder is on the class path (the appender checks at start, by name); its
 * classes are used nowhere else.
 */
final class LogstashFields {

    /** Marker references followed at most, as in {@link LogbackEventAdapter}. */
    private static final int MAX_DEPTH = LogbackEventAdapter.MAX_MARKER_DEPTH;

    private final ObjectMapper mapper;

    private LogstashFields(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Fields written with the mapper of {@code values}' converter, else with a plain {@code ObjectMapper}. */
    static LogstashFields with(LoggedValues values) {
        Object mapper = values.converter() == null ? null : values.converter().objectMapper();
        return new LogstashFields(mapper instanceof ObjectMapper ? (ObjectMapper) mapper : new ObjectMapper());
    }

    /** Whether {@code event} has a structured argument or an appending marker; allocates nothing. */
    boolean appliesTo(ILoggingEvent event) {
        Object[] arguments = event.getArgumentArray();
        if (arguments != null) {
            for (Object argument : arguments) {
                if (argument instanceof StructuredArgument) {
                    return true;
                }
            }
        }
        List<Marker> markers = event.getMarkerList();
        if (markers != null) {
            for (int i = 0; i < markers.size(); i++) {
                if (markers.get(i) instanceof LogstashMarker) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The fields of the event's structured arguments, then of its appending markers, captured now. */
    List<KeyValuePair> fields(ILoggingEvent event, LoggedValues values) {
        List<KeyValuePair> fields = new ArrayList<>();
        Object[] arguments = event.getArgumentArray();
        if (arguments != null) {
            for (Object argument : arguments) {
                if (argument instanceof StructuredArgument) {
                    add(argument, fields, values);
                }
            }
        }
        List<Marker> markers = event.getMarkerList();
        if (markers != null) {
            for (Marker marker : markers) {
                addMarker(marker, fields, values, 0);
            }
        }
        return fields;
    }

    /**
     * The event's markers with each appending marker replaced by the plain markers it references (its fields are
     * key-values now, its name {@code LS_APPEND_OBJECT} says nothing).
     */
    List<Marker> plainMarkers(List<Marker> markers) {
        List<Marker> plain = new ArrayList<>(markers.size());
        for (Marker marker : markers) {
            addPlain(marker, plain, 0);
        }
        return plain;
    }

    private static void addPlain(Marker marker, List<Marker> plain, int depth) {
        if (!(marker instanceof LogstashMarker)) {
            plain.add(marker);
        } else if (depth < MAX_DEPTH && marker.hasReferences()) {
            Iterator<Marker> references = marker.iterator();
            while (references.hasNext()) {
                addPlain(references.next(), plain, depth + 1);
            }
        }
    }

    private void addMarker(Marker marker, List<KeyValuePair> fields, LoggedValues values, int depth) {
        if (marker == null || depth > MAX_DEPTH) {
            return;
        }
        if (marker instanceof LogstashMarker) {
            add(marker, fields, values);
        }
        if (marker.hasReferences()) {
            Iterator<Marker> references = marker.iterator();
            while (references.hasNext()) {
                addMarker(references.next(), fields, values, depth + 1);
            }
        }
    }

    /** What {@code structured} writes into an object, each field as a key-value; a note under its name if it fails. */
    private void add(Object structured, List<KeyValuePair> fields, LoggedValues values) {
        try {
            ByteArrayOutputStream json = new ByteArrayOutputStream(128);
            try (JsonGenerator generator = mapper.createGenerator(json)) {
                generator.writeStartObject();
                if (structured instanceof LogstashMarker) {
                    ((LogstashMarker) structured).writeTo(generator);
                } else {
                    ((StructuredArgument) structured).writeTo(generator);
                }
                generator.writeEndObject();
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> written = mapper.readValue(json.toByteArray(), LinkedHashMap.class);
            for (Map.Entry<String, Object> field : written.entrySet()) {
                fields.add(new KeyValuePair(field.getKey(), values.capture(field.getValue())));
            }
        } catch (Exception | LinkageError | StackOverflowError e) {
            String name = structured instanceof SingleFieldAppendingMarker
                    ? ((SingleFieldAppendingMarker) structured).getFieldName() : "logstash_field";
            fields.add(new KeyValuePair(name, "<" + structured.getClass().getName() + " could not be written: " + e
                    + ">"));
        }
    }
}

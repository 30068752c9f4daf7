package io.logbeam.logback;

import io.logbeam.core.event.LoggedValues;
import io.logbeam.core.event.RetainedBytes;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.LoggerContextVO;
import org.slf4j.Marker;
import org.slf4j.event.KeyValuePair;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A Logback event whose values were read on the logging thread. Logback's {@code prepareForDeferredProcessing()}
 * formats the message and copies the MDC, but keeps key-value pairs by reference, and Logbeam encodes them later on its
 * consumer thread: a mutable value (a list the application keeps changing) would ship its later content. When an event
 * has such a value, the appender publishes this view of it instead: the same event, with each mutable value replaced by
 * what it is now ({@link LoggedValues#capture}: its text or its JSON). With logstash-logback-encoder on the class path,
 * the fields of its structured arguments and appending markers become key-values too, captured the same way, and those
 * markers leave the marker list ({@link LogstashFields}). Events whose values are all immutable (strings, numbers, ...)
 * and that have none of these are published as they are, at no cost.
 */
final class CapturedKeyValues implements ILoggingEvent {

    private final ILoggingEvent event;
    private final List<KeyValuePair> pairs;
    private final List<Marker> markers;
    private final long renderedBytes;

    private CapturedKeyValues(ILoggingEvent event, List<KeyValuePair> pairs, List<Marker> markers) {
        this.event = event;
        this.pairs = pairs;
        this.markers = markers;
        long rendered = 0;
        for (KeyValuePair pair : pairs) {
            rendered += pair == null ? 0 : RetainedBytes.rendered(pair.value);
        }
        this.renderedBytes = rendered;
    }

    /** The heap the JSON of the values rendered at the call takes, for the ring's byte budget. */
    long renderedBytes() {
        return renderedBytes;
    }

    /**
     * {@code event} itself when its key-values are all immutable and it has no logstash-logback-encoder fields, else a
     * view with its values captured now.
     *
     * @param logstash null when logstash-logback-encoder is absent
     */
    static ILoggingEvent of(ILoggingEvent event, LoggedValues values, LogstashFields logstash) {
        List<KeyValuePair> original = event.getKeyValuePairs();
        boolean structured = logstash != null && logstash.appliesTo(event);
        if (!structured && (original == null || allImmutable(original))) {
            return event;
        }
        List<KeyValuePair> captured = new ArrayList<>(original == null ? 4 : original.size() + 4);
        if (original != null) {
            for (KeyValuePair pair : original) {
                captured.add(pair == null || LoggedValues.isImmutable(pair.value) ? pair
                        : new KeyValuePair(pair.key, values.capture(pair.value)));
            }
        }
        List<Marker> markers = event.getMarkerList();
        if (structured) {
            captured.addAll(logstash.fields(event, values));
            markers = markers == null ? null : logstash.plainMarkers(markers);
        }
        return new CapturedKeyValues(event, captured, markers);
    }

    private static boolean allImmutable(List<KeyValuePair> pairs) {
        // Indexed loop: no iterator on the logging thread.
        for (int i = 0; i < pairs.size(); i++) {
            KeyValuePair pair = pairs.get(i);
            if (pair != null && !LoggedValues.isImmutable(pair.value)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public List<KeyValuePair> getKeyValuePairs() {
        return pairs;
    }

    @Override
    public String getThreadName() {
        return event.getThreadName();
    }

    @Override
    public Level getLevel() {
        return event.getLevel();
    }

    @Override
    public String getMessage() {
        return event.getMessage();
    }

    @Override
    public Object[] getArgumentArray() {
        return event.getArgumentArray();
    }

    @Override
    public String getFormattedMessage() {
        return event.getFormattedMessage();
    }

    @Override
    public String getLoggerName() {
        return event.getLoggerName();
    }

    @Override
    public LoggerContextVO getLoggerContextVO() {
        return event.getLoggerContextVO();
    }

    @Override
    public IThrowableProxy getThrowableProxy() {
        return event.getThrowableProxy();
    }

    @Override
    public StackTraceElement[] getCallerData() {
        return event.getCallerData();
    }

    @Override
    public boolean hasCallerData() {
        return event.hasCallerData();
    }

    @Override
    public List<Marker> getMarkerList() {
        return markers;
    }

    @Override
    public Map<String, String> getMDCPropertyMap() {
        return event.getMDCPropertyMap();
    }

    @Override
    @SuppressWarnings("deprecation")
    public Map<String, String> getMdc() {
        return event.getMdc();
    }

    @Override
    public long getTimeStamp() {
        return event.getTimeStamp();
    }

    @Override
    public int getNanoseconds() {
        return event.getNanoseconds();
    }

    @Override
    public Instant getInstant() {
        return event.getInstant();
    }

    @Override
    public long getSequenceNumber() {
        return event.getSequenceNumber();
    }

    @Override
    public void prepareForDeferredProcessing() {
        event.prepareForDeferredProcessing();
    }
}

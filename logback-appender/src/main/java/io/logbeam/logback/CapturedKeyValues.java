package io.logbeam.logback;

import io.logbeam.core.event.LoggedValues;

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
 * A Logback event whose SLF4J key-value pairs were read on the logging thread. Logback's
 * {@code prepareForDeferredProcessing()} formats the message and copies the MDC, but keeps key-value pairs by
 * reference, and Logbeam encodes them later on its consumer thread: a mutable value (a list the application keeps
 * changing) would ship its later content. When an event has such a value, the appender publishes this view of it
 * instead: the same event, with each mutable value replaced by its text of the moment (see {@link LoggedValues}).
 * Events whose values are all immutable (strings, numbers, ...) are published as they are, at no cost.
 */
final class CapturedKeyValues implements ILoggingEvent {

    private final ILoggingEvent event;
    private final List<KeyValuePair> pairs;

    private CapturedKeyValues(ILoggingEvent event, List<KeyValuePair> pairs) {
        this.event = event;
        this.pairs = pairs;
    }

    /** {@code event} itself when its key-values are all immutable, else a view with their values captured now. */
    static ILoggingEvent of(ILoggingEvent event) {
        List<KeyValuePair> original = event.getKeyValuePairs();
        if (original == null || allImmutable(original)) {
            return event;
        }
        List<KeyValuePair> captured = new ArrayList<>(original.size());
        for (KeyValuePair pair : original) {
            captured.add(pair == null || LoggedValues.isImmutable(pair.value) ? pair
                    : new KeyValuePair(pair.key, LoggedValues.capture(pair.value)));
        }
        return new CapturedKeyValues(event, captured);
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
        return event.getMarkerList();
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

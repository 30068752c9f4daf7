package io.logbeam.core.testing;

import io.logbeam.core.event.EventAdapter;
import io.logbeam.core.event.FieldWriter;
import io.logbeam.core.event.RetainedBytes;

import java.io.IOException;
import java.util.Map;

/** Encodes {@link TestEvent}s the way the adapters encode their events. */
public class TestAdapter implements EventAdapter<TestEvent> {

    @Override
    public long timeMillis(TestEvent event) {
        return event.time;
    }

    @Override
    public String loggerName(TestEvent event) {
        return event.logger;
    }

    @Override
    public String mdcValue(TestEvent event, String key) {
        return event.mdc.get(key);
    }

    @Override
    public Object keyValue(TestEvent event, String key) {
        return event.kv.get(key);
    }

    /** The first of the event's markers that starts with {@code prefix} (test markers have no references). */
    @Override
    public String markerValue(TestEvent event, String prefix) {
        for (String marker : event.markers) {
            if (marker != null && marker.length() > prefix.length() && marker.startsWith(prefix)) {
                return marker.substring(prefix.length());
            }
        }
        return null;
    }

    @Override
    public long retainedBytes(TestEvent event) {
        return RetainedBytes.EVENT + (event.message == null ? 0 : RetainedBytes.text(event.message.length()));
    }

    @Override
    public void writeFields(TestEvent event, FieldWriter out) throws IOException {
        out.level(event.level);
        out.logger(event.logger);
        out.thread(event.thread);
        out.message(event.message);
        if (out.includesMdc()) {
            for (Map.Entry<String, String> e : event.mdc.entrySet()) {
                out.mdc(e.getKey(), e.getValue());
            }
        }
        if (out.includesKeyValues()) {
            for (Map.Entry<String, Object> e : event.kv.entrySet()) {
                out.keyValue(e.getKey(), e.getValue());
            }
        }
        for (String marker : event.markers) {
            out.marker(marker);
        }
        out.exception(event.thrown);
    }
}

package io.logbeam.consumer;

import java.util.ArrayList;
import java.util.List;

/** Everything decoded from one record, collected: for small records, tests and tools. */
public final class DecodedRecord implements EventSink {

    private final List<LogEvent> events = new ArrayList<>();
    private final List<DecodeFailure> failures = new ArrayList<>();
    private int controlMessages;

    @Override
    public void event(LogEvent event) {
        events.add(event);
    }

    @Override
    public void failure(DecodeFailure failure) {
        failures.add(failure);
    }

    @Override
    public void controlMessage() {
        controlMessages++;
    }

    /** The events, in record order. */
    public List<LogEvent> events() {
        return events;
    }

    /** What could not be decoded. */
    public List<DecodeFailure> failures() {
        return failures;
    }

    /** CloudWatch Logs control messages skipped. */
    public int controlMessages() {
        return controlMessages;
    }
}

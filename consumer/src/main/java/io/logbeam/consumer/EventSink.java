package io.logbeam.consumer;

/**
 * Receives what {@link RecordDecoder} finds in a record, in order, while it decodes: events one by one, so that
 * a record of 25,000 events never needs 25,000 objects at once.
 */
public interface EventSink {

    /** A decoded event. */
    void event(LogEvent event);

    /** Input that could not be decoded; decoding goes on with the rest of the record. */
    void failure(DecodeFailure failure);

    /**
     * A CloudWatch Logs {@code CONTROL_MESSAGE} (the service checking that the destination is reachable): it
     * carries no event and is skipped. Does nothing unless overridden.
     */
    default void controlMessage() {
    }
}

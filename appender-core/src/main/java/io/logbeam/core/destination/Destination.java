package io.logbeam.core.destination;

import java.util.List;
import java.util.function.BiConsumer;

/**
 * One AWS service as seen by the pipeline: its limits (through the {@link Batcher} it builds), request
 * building, and classification of every response and error. The shipper calls {@link #open()} and
 * {@link #send} from its sender threads, never from application threads.
 */
public interface Destination extends AutoCloseable {

    /** For messages: e.g. {@code Kinesis stream 'app-logs' (eu-west-1)}. */
    String describe();

    /** Largest JSON object one event may take; larger events are truncated by the core to fit. */
    int maxEventBytes();

    /** How events are routed; {@link PartitionKeyStrategy#NONE} unless the service uses keys. */
    default PartitionKeyStrategy partitionKeys() {
        return PartitionKeyStrategy.NONE;
    }

    /**
     * Where to report a problem that fails no request (e.g. a setting that could not be applied):
     * {@code problems.accept(key, message)} tells a human once per key. The shipper calls this before
     * {@link #open()}; the default ignores it.
     */
    default void reportProblemsTo(BiConsumer<String, String> problems) {
    }

    /** A fresh batcher for the consumer thread. */
    Batcher newBatcher();

    /**
     * Prepares to send (builds the SDK client). Must not wait on the network. A failure here (no region,
     * no credentials provider) makes the destination unusable until it succeeds.
     */
    void open() throws Exception;

    /** Sends one request. Must not throw: every error is classified into the outcome. */
    SendOutcome send(List<BatchEntry> entries);

    /** Releases the client. */
    @Override
    void close();
}

package io.logbeam.core.event;

import io.logbeam.core.engine.Shipper;

/**
 * Opt-in, for an adapter whose framework reuses its event objects (Log4j2): the shipper keeps one mutable carrier
 * per ring slot, made once when the shipper is built, and {@link Shipper#publishCopy} copies each event into the
 * carrier of the slot it claimed, on the logging thread. A log call then copies into memory that already exists
 * instead of allocating an immutable snapshot (what the LMAX Disruptor's event translators and Log4j2's own async
 * loggers do).
 *
 * <p>Lifecycle of a carrier: {@link EventCopier#copy} fills it on a logging thread after the slot is claimed and
 * before it is published; the encoder reads it on the consumer thread (or, while the shipper stops, on the stopping
 * thread); {@link #release} empties it before the slot is given back to the producers. Nothing reads a carrier after
 * its release: the encoded bytes, not the carrier, go on to the batcher, the sender, the spool and the fallback.
 *
 * @param <E> the event type the encoder reads; carriers are events of that type
 */
public interface EventCarriers<E> {

    /** A new empty carrier. Called once per ring slot while the shipper is built: keep it small (allocate lazily). */
    E newCarrier();

    /**
     * Empties {@code carrier} once its event is encoded (or could not be copied): drops the references it holds, so
     * they do not pin the application's objects, and gives back memory a huge event made it grow. Must not throw.
     */
    void release(E carrier);
}

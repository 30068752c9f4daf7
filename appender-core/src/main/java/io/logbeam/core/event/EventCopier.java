package io.logbeam.core.event;

import io.logbeam.core.engine.Shipper;

/**
 * Copies a framework event into a ring slot's carrier (see {@link EventCarriers}); the translator of
 * {@link Shipper#publishCopy}. Runs on the logging thread while the slot is claimed: it must not block, and it must
 * copy everything the encoder reads later, because the framework may reuse {@code source} as soon as the log call
 * returns.
 *
 * @param <E> the event type
 */
@FunctionalInterface
public interface EventCopier<E> {

    /** Fills {@code carrier} (empty: released before) from {@code source}. */
    void copy(E source, E carrier);
}

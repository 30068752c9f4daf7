package io.logbeam.core.event;

/**
 * Writes one {@code log_id} after another into a reused char array: no allocation and no shared state, since each
 * generator belongs to one consumer thread. {@link LogIdFormat} says which kinds there are and makes them.
 */
public interface LogIdGenerator {

    /** Length of the canonical UUID text form. */
    int LENGTH = 36;

    /** Returns the next id in the generator's buffer, valid until the next call. Not thread-safe. */
    char[] next();
}

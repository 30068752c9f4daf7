package io.logbeam.core.engine;

import io.logbeam.core.destination.Destination;
import io.logbeam.core.destination.Failure;
import io.logbeam.core.util.ProblemReporter;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;

/**
 * Whether the destination may be called now. Its client is opened on first use (building an AWS client is slow, so
 * the shipper asks for it in the background at start). A destination that can not take events at all (no such
 * stream, access denied, a client that can not be built) is not called again until a cooldown has passed, which
 * doubles from 5 seconds to 5 minutes while it keeps failing: a misconfiguration costs one request per cooldown and
 * one message, not a retry storm. The first success ends the cooldown and says so.
 */
final class DestinationCooldown {

    static final long INITIAL_NANOS = TimeUnit.SECONDS.toNanos(5);
    static final long MAX_NANOS = TimeUnit.MINUTES.toNanos(5);

    private final Destination destination;
    private final ShipperStats stats;
    private final ProblemReporter problems;
    private final BooleanSupplier spooling;
    private final LongSupplier clock;
    private final Object lock = new Object();
    private volatile boolean opened;
    private volatile long blockedUntilNanos;
    private volatile Failure blockedBecause;
    private long nextCooldownNanos = INITIAL_NANOS; // guarded by lock

    /**
     * @param spooling whether undeliverable events go to a spool (for the message)
     * @param clock    nanoseconds, {@link System#nanoTime()} outside tests
     */
    DestinationCooldown(Destination destination, ShipperStats stats, ProblemReporter problems, BooleanSupplier spooling,
            LongSupplier clock) {
        this.destination = destination;
        this.stats = stats;
        this.problems = problems;
        this.spooling = spooling;
        this.clock = clock;
    }

    /** Non-null while the destination must not be called: its client could not be built, or it was found unusable. */
    Failure blockedBy() {
        if (!open()) {
            return blockedBecause;
        }
        Failure because = blockedBecause;
        if (because != null && clock.getAsLong() - blockedUntilNanos < 0) {
            return because;
        }
        return null;
    }

    /** Opens the destination's client unless it is open or cooling down; whether it is open. */
    boolean open() {
        if (opened) {
            return true;
        }
        synchronized (lock) {
            if (opened) {
                return true;
            }
            if (blockedBecause != null && clock.getAsLong() - blockedUntilNanos < 0) {
                return false;
            }
            try {
                destination.open();
                opened = true;
                return true;
            } catch (Exception | LinkageError e) {
                unusable(Failure.unusable("ClientSetupFailed", "could not create the AWS client for "
                        + destination.describe() + ": " + e));
                return false;
            }
        }
    }

    /** The destination refused the request as a whole in a way retrying will not mend: cool down. */
    void unusable(Failure failure) {
        long cooldown;
        synchronized (lock) {
            cooldown = nextCooldownNanos;
            blockedBecause = failure;
            blockedUntilNanos = clock.getAsLong() + cooldown;
            nextCooldownNanos = Math.min(nextCooldownNanos * 2, MAX_NANOS);
        }
        stats.error(failure.describe());
        problems.once("unusable:" + failure.code(), destination.describe() + " can not accept events: "
                + failure.describe() + ". Events go to the " + (spooling.getAsBoolean() ? "spool" : "fallback")
                + "; the next attempt is in " + TimeUnit.NANOSECONDS.toSeconds(cooldown)
                + " s (less often while it keeps failing).");
    }

    /** A request succeeded: an ongoing cooldown ends, and that is said once. */
    void succeeded() {
        if (blockedBecause != null) {
            synchronized (lock) {
                if (blockedBecause == null) {
                    return;
                }
                blockedBecause = null;
                nextCooldownNanos = INITIAL_NANOS;
            }
            problems.recovered();
            problems.say(destination.describe() + " accepts events again");
        }
    }
}

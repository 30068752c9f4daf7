package io.logbeam.core.engine;

import io.logbeam.core.destination.Destination;
import io.logbeam.core.spool.Spool;
import io.logbeam.core.spool.SpoolConfig;
import io.logbeam.core.util.Diagnostics;
import io.logbeam.core.util.ProblemReporter;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A shipper's spool, from its opening to its release, including the hand-over between two shippers of the same
 * appender in one JVM: Log4j2 starts a reconfigured appender before it stops the one it replaces, so the new shipper
 * may find the spool directory still held. It then starts without a spool, says so, and takes the spool over, on its
 * own threads, as soon as the old one releases it. The spool is attached to the sender (which stores in it what can
 * not be delivered for now) together with a {@link SpoolReplayer} (which sends it back).
 */
final class SpoolHandover {

    /** How long a shipper waits for its spool directory before it says again that it runs without a spool. */
    private static final long WAIT_REMINDER_NANOS = TimeUnit.SECONDS.toNanos(60);

    /** What a stop releases: the spool and its replayer, or nulls when none was attached. */
    record Attached(Spool spool, SpoolReplayer replayer) {
    }

    private final SpoolConfig config;
    private final String name;
    private final Destination destination;
    private final Diagnostics diagnostics;
    private final ProblemReporter problems;
    private final Sender sender;
    private final FallbackSink fallback;
    private final ShipperStats stats;
    private final BooleanSupplier ringFilling;
    private final BooleanSupplier running;
    /** Waits in the spool registry while another shipper of this JVM holds the directory; one instance, to cancel. */
    private final Runnable released = this::released;
    /** Serialises taking the spool over with start and stop: no spool is attached once stop has looked. */
    private final Object lock = new Object();
    private volatile Spool spool; // null until attached
    private volatile SpoolReplayer replayer;
    private volatile boolean waiting;
    private volatile long waitingSinceNanos;
    private boolean reminded; // remindIfStillWaiting() only

    /**
     * @param ringFilling whether the ring is past half full: the consumer then spools a batch rather than wait
     * @param running     whether the shipper still runs (checked under the hand-over lock)
     */
    SpoolHandover(SpoolConfig config, String name, Destination destination, Diagnostics diagnostics,
            ProblemReporter problems, Sender sender, FallbackSink fallback, ShipperStats stats,
            BooleanSupplier ringFilling, BooleanSupplier running) {
        this.config = config;
        this.name = name;
        this.destination = destination;
        this.diagnostics = diagnostics;
        this.problems = problems;
        this.sender = sender;
        this.fallback = fallback;
        this.stats = stats;
        this.ringFilling = ringFilling;
        this.running = running;
    }

    /**
     * Opens the spool, or, when another shipper of this JVM holds its directory, waits for it in the background.
     *
     * @throws io.logbeam.core.util.ConfigException naming {@code spoolDirectory} when the spool can not be opened
     */
    void start() {
        synchronized (lock) {
            Spool opened = Spool.openOrWait(config, name, destination.describe(), diagnostics, released);
            if (opened != null) {
                attach(opened);
            } else {
                waitingSinceNanos = System.nanoTime();
                waiting = true;
                problems.say("spool directory " + Spool.directoryFor(config, name) + " is still held by the previous "
                        + "appender of this name in this JVM (a reconfiguration?); this appender takes it over when "
                        + "that one stops; until then events that can not be delivered go to the fallback");
            }
        }
    }

    /** Wires {@code opened} in: the sender spools into it, a replayer sends it back, the statistics show it. */
    private void attach(Spool opened) {
        SpoolReplayer r = new SpoolReplayer(opened, sender, destination, fallback, problems);
        stats.spool(opened.stats());
        replayer = r;
        spool = opened;
        sender.useSpool(opened, ringFilling, r);
        r.start();
    }

    /**
     * The shipper that held the directory released it; runs on the releasing thread (e.g. the one stopping the old
     * Log4j2 configuration), so the take-over goes to this shipper's own pool.
     */
    private void released() {
        try {
            sender.pool().execute(this::takeOver);
        } catch (RejectedExecutionException e) {
            // stopped meanwhile: nothing to take over
        }
    }

    /** On a sender thread: opens the released spool and attaches it, unless the shipper is stopping. */
    private void takeOver() {
        synchronized (lock) {
            if (!running.getAsBoolean() || spool != null) {
                return;
            }
            Spool opened;
            try {
                opened = Spool.openOrWait(config, name, destination.describe(), diagnostics, released);
            } catch (RuntimeException e) {
                waiting = false;
                problems.say("could not take over the spool released by the previous appender of this name: "
                        + e.getMessage() + "; this appender runs without a spool: events that can not be delivered "
                        + "go to the fallback");
                return;
            }
            if (opened == null) {
                return; // another shipper of this JVM took it first: released() waits for that one
            }
            attach(opened);
            waiting = false;
            problems.say("took over the spool directory " + opened.directory() + " from the previous appender of "
                    + "this name; events that can not be delivered for now go to the spool again");
        }
    }

    /**
     * For a stop (the shipper is no longer running, so no take-over starts after this): what is attached, after any
     * take-over in progress; the wait for the directory is given up.
     */
    Attached detach() {
        Attached attached;
        synchronized (lock) {
            attached = new Attached(spool, replayer);
        }
        if (attached.spool() == null) {
            Spool.cancelWait(released);
        }
        return attached;
    }

    /** Says, once, that the shipper still runs without its spool after a minute of waiting for it. */
    void remindIfStillWaiting() {
        if (waiting && !reminded && running.getAsBoolean()
                && System.nanoTime() - waitingSinceNanos >= WAIT_REMINDER_NANOS) {
            reminded = true;
            problems.say("still running without a spool: " + Spool.directoryFor(config, name) + " has been held by "
                    + "another appender of this name in this JVM for "
                    + TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - waitingSinceNanos) + " s (two logging "
                    + "contexts with the same appender name, or an appender that was never stopped?); events that "
                    + "can not be delivered go to the fallback until it is released");
        }
    }

    /** The spool settings. */
    SpoolConfig config() {
        return config;
    }
}

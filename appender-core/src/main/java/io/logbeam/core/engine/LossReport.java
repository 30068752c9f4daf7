package io.logbeam.core.engine;

import io.logbeam.core.spool.SpoolConfig;
import io.logbeam.core.util.ProblemReporter;

import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;

/**
 * Every {@value #INTERVAL_SECONDS} seconds, one line per kind of loss since the last line: drops because the ring was
 * full, over its byte budget or the appender stopping, events stored in or lost to the spool, and, with
 * {@code fallback=none}, events not delivered. The counters say how many; these lines make sure somebody hears of it.
 */
final class LossReport {

    /** Seconds between two reports. */
    static final long INTERVAL_SECONDS = 10;

    /** Drops of events published while a stop sealed the ring: counted in {@code dropped}, reported apart. */
    final LongAdder droppedWhileStopping = new LongAdder();
    /** Drops because the ring was over {@code bufferMaxBytes}: counted in {@code dropped}, reported apart. */
    final LongAdder droppedOverBudget = new LongAdder();

    private final ShipperConfig config;
    private final long budgetBytes;
    private final ShipperStats stats;
    private final ProblemReporter problems;
    private final SpoolConfig spool; // null without a spool
    private final boolean silentFallback;
    private long reportedOverBudget;
    private long reportedRingFull;
    private long reportedStopping;
    private long reportedFallback;
    private long reportedSpoolDropped;
    private long reportedSpooled;

    LossReport(ShipperConfig config, long budgetBytes, ShipperStats stats, ProblemReporter problems, SpoolConfig spool,
            boolean silentFallback) {
        this.config = config;
        this.budgetBytes = budgetBytes;
        this.stats = stats;
        this.problems = problems;
        this.spool = spool;
        this.silentFallback = silentFallback;
    }

    /** Says what was lost, stored or not printed since the last report. */
    synchronized void report() {
        long stopping = droppedWhileStopping.sum();
        long overBudget = droppedOverBudget.sum();
        long ringFull = stats.getDropped() - stopping - overBudget;
        String policy = config.overflowPolicy().name().toLowerCase(Locale.ROOT);
        if (ringFull > reportedRingFull) {
            problems.say("dropped " + (ringFull - reportedRingFull) + " events in the last " + INTERVAL_SECONDS
                    + " s: ring buffer full (bufferSize=" + config.bufferSize() + ", overflowPolicy=" + policy
                    + "); the destination is slower than the application logs. Last error: " + stats.getLastError());
            reportedRingFull = ringFull;
        }
        if (overBudget > reportedOverBudget) {
            problems.say("dropped " + (overBudget - reportedOverBudget) + " events in the last " + INTERVAL_SECONDS
                    + " s: the events waiting in the ring reached bufferMaxBytes=" + budgetBytes + " (estimated heap; "
                    + "overflowPolicy=" + policy + "); the destination is slower than the application logs, or the "
                    + "events are very large. Last error: " + stats.getLastError());
            reportedOverBudget = overBudget;
        }
        if (stopping > reportedStopping) {
            problems.say("dropped " + (stopping - reportedStopping) + " events logged while the appender was stopping");
            reportedStopping = stopping;
        }
        long spooled = stats.getSpooled();
        if (spooled > reportedSpooled) {
            problems.say("stored " + (spooled - reportedSpooled) + " events in the spool in the last " + INTERVAL_SECONDS
                    + " s (now " + stats.getSpoolEvents() + " events, " + stats.getSpoolBytes() + " bytes); they are "
                    + "sent when the destination accepts again (or after the next start). Last error: "
                    + stats.getLastError());
            reportedSpooled = spooled;
        }
        long spoolDropped = stats.getSpoolDropped();
        if (spoolDropped > reportedSpoolDropped) {
            problems.say("dropped " + (spoolDropped - reportedSpoolDropped) + " events in the last " + INTERVAL_SECONDS
                    + " s: the spool is full (spoolMaxBytes=" + spool.maxBytes() + ", spoolOverflow="
                    + spool.overflow().propertyValue() + "); the destination has not accepted events for a long time. "
                    + "Last error: " + stats.getLastError());
            reportedSpoolDropped = spoolDropped;
        }
        long fellBack = stats.getFallback();
        if (silentFallback && fellBack > reportedFallback) {
            problems.say((fellBack - reportedFallback) + " events could not be delivered in the last "
                    + INTERVAL_SECONDS + " s (fallback=none: not printed); last error: " + stats.getLastError());
        }
        reportedFallback = fellBack;
    }
}

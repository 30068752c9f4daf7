package io.logbeam.core.engine;

import io.logbeam.core.destination.BatchEntry;
import io.logbeam.core.destination.Destination;
import io.logbeam.core.destination.Failure;
import io.logbeam.core.destination.SendOutcome;
import io.logbeam.core.event.EncodedEvent;
import io.logbeam.core.spool.Spool;
import io.logbeam.core.util.ProblemReporter;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Sends the batches the consumer builds, up to {@code maxInFlight} at once, on its own threads, so the
 * consumer keeps encoding while requests are in flight.
 *
 * <p>Only the entries that failed are retried, with exponential backoff and full jitter, bounded by
 * {@code maxRetries} and {@code retryDeadline}; then they go to the fallback with the reason. A batch
 * keeps its in-flight permit while it waits to retry, so a throttled destination slows the consumer down
 * (and, through the ring, eventually drops) instead of being hammered. When the destination is unusable
 * (missing stream, access denied) batches go to the fallback without a request during a growing
 * cooldown, so a misconfiguration costs one request per cooldown, not a retry storm.
 *
 * <p>With a spool ({@link #useSpool}), what could not be delivered <em>for now</em> (retries exhausted,
 * retryDeadline, unusable destination, shutdown deadline) is stored in the spool instead of the fallback;
 * permanently refused events still go to the fallback. The consumer also stores a batch in the spool rather than
 * wait for a permit once the ring is half full. The {@link SpoolReplayer} sends spooled events back through
 * {@link #submitReplay}, yielding permits to the consumer.
 */
final class Sender {

    private final String name;
    private final Destination destination;
    private final ShipperConfig config;
    private final ShipperStats stats;
    private final FallbackSink fallback;
    private final ProblemReporter problems;
    private final Backoff backoff;
    private final ScheduledThreadPoolExecutor pool;
    private final Semaphore permits;

    private final InFlightBatches batches = new InFlightBatches();

    private volatile Spool spool;
    private volatile SenderListener listener;
    private volatile BooleanSupplier ringFilling = () -> false;
    private volatile boolean liveWaiting;

    private final DestinationCooldown cooldown;

    private volatile long stopDeadlineNanos = Long.MAX_VALUE;
    private volatile boolean abandoned;

    Sender(ShipperConfig config, Destination destination, ShipperStats stats, FallbackSink fallback,
            ProblemReporter problems) {
        this.name = config.name();
        this.destination = destination;
        this.config = config;
        this.stats = stats;
        this.fallback = fallback;
        this.problems = problems;
        this.backoff = new Backoff(config.retryBaseDelay(), config.retryMaxDelay());
        this.cooldown = new DestinationCooldown(destination, stats, problems, () -> spool != null, System::nanoTime);
        this.permits = new Semaphore(config.maxInFlight());
        // One thread per permit plus one, so periodic duties never wait behind slow requests.
        this.pool = new ScheduledThreadPoolExecutor(config.maxInFlight() + 1,
                new ShipperThreads("logbeam-" + name + "-sender"));
        this.pool.setRemoveOnCancelPolicy(true);
    }

    ScheduledThreadPoolExecutor pool() {
        return pool;
    }

    /**
     * Stores what can not be delivered for now in {@code spool}; {@code ringFilling} says when the consumer must
     * spool a batch rather than wait for a permit. Before the first batch, or while running when the spool is taken
     * over from the previous appender of this name: the spool is published last, so whoever sees it sees the rest.
     */
    void useSpool(Spool spool, BooleanSupplier ringFilling, SenderListener listener) {
        this.ringFilling = ringFilling;
        this.listener = listener;
        this.spool = spool;
    }

    /** Builds the client in the background right away, so the first batch does not wait for it. */
    void openInBackground() {
        try {
            pool.execute(cooldown::open);
        } catch (RejectedExecutionException e) {
            // stopping already
        }
    }

    /**
     * Hands a batch over; called by the consumer thread, which waits here while {@code maxInFlight}
     * batches are outstanding (with a spool: until the ring is half full, then the batch goes to the spool).
     * After {@link #abandon}, batches go straight to the spool or the fallback.
     */
    void submit(List<BatchEntry> entries) {
        stats.batches.increment();
        if (abandoned) {
            defer(entries, "not sent before the shutdown deadline");
            return;
        }
        if (!permits.tryAcquire() && !awaitPermit(entries)) {
            return;
        }
        InFlightBatches.Batch batch = batches.live(entries);
        stats.inFlight.incrementAndGet();
        schedule(batch, 0);
    }

    /** Waits for a permit; false when the batch went to the spool or the fallback instead. */
    private boolean awaitPermit(List<BatchEntry> entries) {
        Spool spooling = spool;
        liveWaiting = true; // the replayer leaves the next free permit to the consumer
        try {
            while (true) {
                if (spooling != null && ringFilling.getAsBoolean()) {
                    // Waiting longer would let the ring overflow: the batch waits in the spool instead.
                    toSpool(spooling, entries, "the destination is slower than the application logs");
                    return false;
                }
                if (permits.tryAcquire(spooling != null ? 1 : 50, TimeUnit.MILLISECONDS)) {
                    return true;
                }
                if (abandoned) {
                    defer(entries, "not sent before the shutdown deadline");
                    return false;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            defer(entries, "interrupted while waiting to send");
            return false;
        } finally {
            liveWaiting = false;
        }
    }

    /** A permit for a replayed batch, unless the consumer waits for one: live events go first. */
    boolean tryAcquireForReplay() {
        return !liveWaiting && !abandoned && permits.tryAcquire();
    }

    /** Sends a replayed batch with the permit the caller got from {@link #tryAcquireForReplay()}. */
    void submitReplay(List<BatchEntry> entries, ReplayBatch owner) {
        stats.batches.increment();
        InFlightBatches.Batch batch = batches.replay(entries, owner);
        stats.inFlight.incrementAndGet();
        schedule(batch, 0);
    }

    /**
     * Events that could not be delivered for now (not refused): into the spool when there is one, else (or
     * what the spool can not take) to the fallback.
     */
    void defer(List<BatchEntry> entries, String reason) {
        Spool s = spool;
        if (s == null) {
            fallback.entries(entries, reason);
        } else {
            toSpool(s, entries, reason);
        }
    }

    private void toSpool(Spool s, List<BatchEntry> entries, String reason) {
        List<EncodedEvent> notTaken = s.append(FallbackSink.events(entries));
        if (!notTaken.isEmpty()) {
            fallback.events(notTaken, reason + " (the spool could not take them)");
        }
    }

    /** Completes {@code request} once every batch submitted so far is settled. Consumer thread. */
    void whenSettled(FlushRequest request) {
        batches.whenSettled(request);
    }

    /**
     * Waits until no replayed batch is in flight, or until {@code deadlineNanos}; at a stop, so that replayed
     * requests already sent are answered rather than abandoned (and their events spooled again as possible
     * duplicates).
     */
    boolean awaitReplays(long deadlineNanos) {
        return batches.awaitReplays(deadlineNanos);
    }

    /** From now on, retries that would end after {@code deadlineNanos} give up at once. */
    void stopBy(long deadlineNanos) {
        stopDeadlineNanos = deadlineNanos;
    }

    /** Batches submitted from now on go to the fallback instead of waiting for a permit. */
    void refuseNew() {
        abandoned = true;
    }

    /**
     * Gives every outstanding entry to the fallback (the stop deadline passed) and shuts the threads
     * down. Entries whose request is still in progress may arrive as well: counted as possible duplicates.
     */
    void abandon(String reason) {
        abandoned = true;
        for (InFlightBatches.Batch batch : batches.unsettled()) {
            synchronized (batch) {
                if (batch.settled) {
                    continue;
                }
                if (batch.requestInProgress) {
                    stats.possibleDuplicates.add(InFlightBatches.eventCount(batch.pending));
                }
                defer(batch.pending, reason);
                finish(batch);
            }
        }
    }

    /** Stops the threads; waits a little for them to end. */
    void shutdown(long waitNanos) {
        pool.shutdownNow();
        try {
            pool.awaitTermination(Math.max(waitNanos, 0), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void schedule(InFlightBatches.Batch batch, long delayNanos) {
        try {
            pool.schedule(() -> attempt(batch), delayNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            synchronized (batch) {
                if (!batch.settled) {
                    defer(batch.pending, "appender stopped before the batch could be sent");
                    finish(batch);
                }
            }
        }
    }

    private void attempt(InFlightBatches.Batch batch) {
        // Not under the batch's monitor: opening the client may take seconds (building an AWS client under load),
        // and a stop at its deadline must be able to take the batch over meanwhile (abandon).
        Failure blocked = cooldown.blockedBy();
        List<BatchEntry> entries;
        synchronized (batch) {
            if (batch.settled) {
                return;
            }
            entries = batch.pending;
            if (blocked != null) {
                giveUp(batch, entries, "destination unusable: " + blocked.describe(), false);
                return;
            }
            batch.requestInProgress = true;
        }
        SendOutcome outcome;
        try {
            stats.requests.increment();
            outcome = destination.send(entries);
        } catch (RuntimeException | LinkageError e) {
            outcome = SendOutcome.failed(Failure.retryable(e.getClass().getSimpleName(), String.valueOf(e.getMessage()),
                    true));
        } finally {
            batch.requestInProgress = false;
        }
        handle(batch, entries, outcome);
    }

    private void handle(InFlightBatches.Batch batch, List<BatchEntry> entries, SendOutcome outcome) {
        synchronized (batch) {
            if (batch.settled) {
                return; // abandoned at the stop deadline while the request was running
            }
            Failure requestFailure = outcome.requestFailure();
            if (requestFailure != null) {
                stats.error(requestFailure.describe());
                switch (requestFailure.kind()) {
                    case UNUSABLE:
                        cooldown.unusable(requestFailure);
                        giveUp(batch, entries, requestFailure.describe(), false);
                        return;
                    case REJECTED:
                        problems.once(requestFailure.code(), destination.describe() + " rejected a request: "
                                + requestFailure.describe() + "; its events go to the fallback");
                        fallback.entries(entries, requestFailure.describe());
                        finish(batch);
                        return;
                    default:
                        retryOrGiveUp(batch, entries, requestFailure,
                                requestFailure.ambiguous() ? InFlightBatches.eventCount(entries) : 0);
                        return;
                }
            }
            cooldown.succeeded();
            List<BatchEntry> retry = null;
            Failure retryBecause = null;
            long ambiguousEvents = 0;
            boolean anyDelivered = false;
            for (int i = 0; i < entries.size(); i++) {
                BatchEntry entry = entries.get(i);
                Failure failure = outcome.entryFailure(i);
                if (failure == null) {
                    anyDelivered = true;
                    stats.delivered.add(entry.events().size());
                    stats.bytesSent.add(entry.bytes());
                } else if (failure.kind() == Failure.Kind.RETRYABLE) {
                    if (retry == null) {
                        retry = new ArrayList<>();
                        retryBecause = failure;
                    }
                    retry.add(entry);
                    if (failure.ambiguous()) { // this entry may be stored already, whatever the others say
                        ambiguousEvents += entry.events().size();
                    }
                } else {
                    stats.error(failure.describe());
                    problems.once("entry:" + failure.code(), destination.describe() + " refused events: "
                            + failure.describe() + "; they go to the fallback");
                    fallback.entries(List.of(entry), failure.describe());
                }
            }
            SenderListener l = listener;
            if (anyDelivered && l != null) {
                l.delivered();
            }
            if (retry == null) {
                finish(batch);
            } else {
                stats.error(retryBecause.describe());
                retryOrGiveUp(batch, retry, retryBecause, ambiguousEvents);
            }
        }
    }

    /**
     * Holding the batch's monitor.
     *
     * @param ambiguousEvents events of {@code entries} whose failed attempt may have been stored all the same
     */
    private void retryOrGiveUp(InFlightBatches.Batch batch, List<BatchEntry> entries, Failure because,
            long ambiguousEvents) {
        batch.retries++;
        long delay = backoff.delayNanos(batch.retries);
        long resendAt = System.nanoTime() + delay;
        String giveUp = null;
        boolean stopping = false;
        if (batch.retries > config.maxRetries()) {
            giveUp = "not delivered after " + batch.retries + " attempts: " + because.describe();
        } else if (resendAt - (batch.firstAttemptNanos + config.retryDeadline().toNanos()) > 0) {
            giveUp = "not delivered within retryDeadline " + config.retryDeadline() + ": " + because.describe();
        } else if (abandoned || resendAt - stopDeadlineNanos > 0) {
            giveUp = "not delivered before the shutdown deadline: " + because.describe();
            stopping = true;
        }
        if (ambiguousEvents > 0) {
            // The failed attempt may have been stored: resent or given to the fallback, these events may exist twice.
            stats.possibleDuplicates.add(ambiguousEvents);
        }
        if (giveUp != null) {
            giveUp(batch, entries, giveUp, stopping);
            return;
        }
        stats.retried.add(entries.size());
        batch.pending = entries;
        schedule(batch, delay);
    }

    /**
     * Holding the batch's monitor: the destination did not take {@code entries} for now. A replayed batch goes
     * back to the replayer (its events are in the spool already), unless the shipper is stopping.
     */
    private void giveUp(InFlightBatches.Batch batch, List<BatchEntry> entries, String reason, boolean stopping) {
        SenderListener l = listener;
        if (!stopping && l != null) {
            l.failing();
        }
        if (batch.replay != null && !stopping && !abandoned) {
            batch.replay.handBack(entries);
        } else {
            defer(entries, reason);
        }
        finish(batch);
    }

    /** Holding the batch's monitor. */
    private void finish(InFlightBatches.Batch batch) {
        batch.settled = true;
        batch.pending = List.of();
        if (batch.replay != null) {
            batch.replay.settled();
        }
        stats.inFlight.decrementAndGet();
        permits.release();
        batches.settled(batch);
        SenderListener l = listener;
        if (l != null) {
            l.permitFreed();
        }
    }
}

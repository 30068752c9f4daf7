package io.logbeam.core;

import io.logbeam.core.send.BatchEntry;
import io.logbeam.core.send.Destination;
import io.logbeam.core.send.EncodedEvent;
import io.logbeam.core.send.Failure;
import io.logbeam.core.send.SendOutcome;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

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
 */
final class Sender {

    private static final long INITIAL_COOLDOWN_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final long MAX_COOLDOWN_NANOS = TimeUnit.MINUTES.toNanos(5);

    /** One submitted batch until every entry is delivered or fell back. */
    private static final class InFlight {
        final long id;
        final long firstAttemptNanos = System.nanoTime();
        List<BatchEntry> pending;
        int retries;
        boolean settled;
        volatile boolean requestInProgress;

        InFlight(long id, List<BatchEntry> entries) {
            this.id = id;
            this.pending = entries;
        }
    }

    private final String name;
    private final Destination destination;
    private final ShipperConfig config;
    private final ShipperStats stats;
    private final FallbackSink fallback;
    private final ProblemReporter problems;
    private final Backoff backoff;
    private final ScheduledThreadPoolExecutor pool;
    private final Semaphore permits;

    private final Object lock = new Object();
    private final TreeMap<Long, InFlight> outstanding = new TreeMap<>();
    private final List<Map.Entry<Long, FlushRequest>> flushWaiters = new ArrayList<>();
    private long lastSubmittedId; // written by the consumer thread only

    private final Object openLock = new Object();
    private volatile boolean opened;
    private volatile long unusableUntilNanos;
    private volatile Failure unusableBecause;
    private long cooldownNanos = INITIAL_COOLDOWN_NANOS;

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
        this.permits = new Semaphore(config.maxInFlight());
        // One thread per permit plus one, so periodic duties never wait behind slow requests.
        this.pool = new ScheduledThreadPoolExecutor(config.maxInFlight() + 1,
                new ShipperThreads("logbeam-" + name + "-sender"));
        this.pool.setRemoveOnCancelPolicy(true);
    }

    ScheduledThreadPoolExecutor pool() {
        return pool;
    }

    /** Builds the client in the background right away, so the first batch does not wait for it. */
    void openInBackground() {
        try {
            pool.execute(this::ensureOpen);
        } catch (RejectedExecutionException e) {
            // stopping already
        }
    }

    /**
     * Hands a batch over; called by the consumer thread, which waits here while {@code maxInFlight}
     * batches are outstanding. After {@link #abandon}, batches go straight to the fallback.
     */
    void submit(List<BatchEntry> entries) {
        stats.batches.increment();
        if (abandoned) {
            fallback.entries(entries, "not sent before the shutdown deadline");
            return;
        }
        try {
            while (!permits.tryAcquire(50, TimeUnit.MILLISECONDS)) {
                if (abandoned) {
                    fallback.entries(entries, "not sent before the shutdown deadline");
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fallback.entries(entries, "interrupted while waiting to send");
            return;
        }
        InFlight batch;
        synchronized (lock) {
            batch = new InFlight(++lastSubmittedId, entries);
            outstanding.put(batch.id, batch);
        }
        stats.inFlight.incrementAndGet();
        schedule(batch, 0);
    }

    /** Completes {@code request} once every batch submitted so far is settled. Consumer thread. */
    void whenSettled(FlushRequest request) {
        synchronized (lock) {
            if (outstanding.isEmpty() || outstanding.firstKey() > lastSubmittedId) {
                request.complete();
            } else {
                flushWaiters.add(Map.entry(lastSubmittedId, request));
            }
        }
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
        List<InFlight> left;
        synchronized (lock) {
            left = new ArrayList<>(outstanding.values());
        }
        for (InFlight batch : left) {
            synchronized (batch) {
                if (batch.settled) {
                    continue;
                }
                if (batch.requestInProgress) {
                    stats.possibleDuplicates.add(eventCount(batch.pending));
                }
                fallback.entries(batch.pending, reason);
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

    private void schedule(InFlight batch, long delayNanos) {
        try {
            pool.schedule(() -> attempt(batch), delayNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            synchronized (batch) {
                if (!batch.settled) {
                    fallback.entries(batch.pending, "appender stopped before the batch could be sent");
                    finish(batch);
                }
            }
        }
    }

    private void attempt(InFlight batch) {
        List<BatchEntry> entries;
        synchronized (batch) {
            if (batch.settled) {
                return;
            }
            entries = batch.pending;
            Failure blocked = blockedBy();
            if (blocked != null) {
                fallback.entries(entries, "destination unusable: " + blocked.describe());
                finish(batch);
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

    /** Non-null while the destination must not be called: client setup failed or it was found unusable. */
    private Failure blockedBy() {
        if (!ensureOpen()) {
            return unusableBecause;
        }
        Failure because = unusableBecause;
        if (because != null && System.nanoTime() - unusableUntilNanos < 0) {
            return because;
        }
        return null;
    }

    private boolean ensureOpen() {
        if (opened) {
            return true;
        }
        synchronized (openLock) {
            if (opened) {
                return true;
            }
            if (unusableBecause != null && System.nanoTime() - unusableUntilNanos < 0) {
                return false;
            }
            try {
                destination.open();
                opened = true;
                return true;
            } catch (Exception | LinkageError e) {
                markUnusable(Failure.unusable("ClientSetupFailed", "could not create the AWS client for "
                        + destination.describe() + ": " + e));
                return false;
            }
        }
    }

    private void handle(InFlight batch, List<BatchEntry> entries, SendOutcome outcome) {
        synchronized (batch) {
            if (batch.settled) {
                return; // abandoned at the stop deadline while the request was running
            }
            Failure requestFailure = outcome.requestFailure();
            if (requestFailure != null) {
                stats.error(requestFailure.describe());
                switch (requestFailure.kind()) {
                    case UNUSABLE:
                        markUnusable(requestFailure);
                        fallback.entries(entries, requestFailure.describe());
                        finish(batch);
                        return;
                    case REJECTED:
                        problems.once(requestFailure.code(), destination.describe() + " rejected a request: "
                                + requestFailure.describe() + "; its events go to the fallback");
                        fallback.entries(entries, requestFailure.describe());
                        finish(batch);
                        return;
                    default:
                        retryOrGiveUp(batch, entries, requestFailure);
                        return;
                }
            }
            recovered();
            List<BatchEntry> retry = null;
            Failure retryBecause = null;
            for (int i = 0; i < entries.size(); i++) {
                BatchEntry entry = entries.get(i);
                Failure failure = outcome.entryFailure(i);
                if (failure == null) {
                    stats.delivered.add(entry.events().size());
                    stats.bytesSent.add(entry.bytes());
                } else if (failure.kind() == Failure.Kind.RETRYABLE) {
                    if (retry == null) {
                        retry = new ArrayList<>();
                        retryBecause = failure;
                    }
                    retry.add(entry);
                } else {
                    stats.error(failure.describe());
                    problems.once("entry:" + failure.code(), destination.describe() + " refused events: "
                            + failure.describe() + "; they go to the fallback");
                    fallback.entries(List.of(entry), failure.describe());
                }
            }
            if (retry == null) {
                finish(batch);
            } else {
                stats.error(retryBecause.describe());
                retryOrGiveUp(batch, retry, retryBecause);
            }
        }
    }

    /** Holding the batch's monitor. */
    private void retryOrGiveUp(InFlight batch, List<BatchEntry> entries, Failure because) {
        batch.retries++;
        long delay = backoff.delayNanos(batch.retries);
        long resendAt = System.nanoTime() + delay;
        String giveUp = null;
        if (batch.retries > config.maxRetries()) {
            giveUp = "not delivered after " + batch.retries + " attempts: " + because.describe();
        } else if (resendAt - (batch.firstAttemptNanos + config.retryDeadline().toNanos()) > 0) {
            giveUp = "not delivered within retryDeadline " + config.retryDeadline() + ": " + because.describe();
        } else if (abandoned || resendAt - stopDeadlineNanos > 0) {
            giveUp = "not delivered before the shutdown deadline: " + because.describe();
        }
        if (because.ambiguous()) {
            // The failed attempt may have been stored: resent or given to the fallback, these events may exist twice.
            stats.possibleDuplicates.add(eventCount(entries));
        }
        if (giveUp != null) {
            fallback.entries(entries, giveUp);
            finish(batch);
            return;
        }
        stats.retried.add(entries.size());
        batch.pending = entries;
        schedule(batch, delay);
    }

    /** Holding the batch's monitor. */
    private void finish(InFlight batch) {
        batch.settled = true;
        batch.pending = List.of();
        stats.inFlight.decrementAndGet();
        permits.release();
        synchronized (lock) {
            outstanding.remove(batch.id);
            long settledBelow = outstanding.isEmpty() ? Long.MAX_VALUE : outstanding.firstKey();
            flushWaiters.removeIf(w -> {
                if (w.getKey() < settledBelow) {
                    w.getValue().complete();
                    return true;
                }
                return false;
            });
        }
    }

    private void markUnusable(Failure failure) {
        long cooldown;
        synchronized (openLock) {
            cooldown = cooldownNanos;
            unusableBecause = failure;
            unusableUntilNanos = System.nanoTime() + cooldown;
            cooldownNanos = Math.min(cooldownNanos * 2, MAX_COOLDOWN_NANOS);
        }
        stats.error(failure.describe());
        problems.once("unusable:" + failure.code(), destination.describe() + " can not accept events: "
                + failure.describe() + ". Events go to the fallback; the next attempt is in "
                + TimeUnit.NANOSECONDS.toSeconds(cooldown) + " s (less often while it keeps failing).");
    }

    private void recovered() {
        if (unusableBecause != null) {
            synchronized (openLock) {
                if (unusableBecause == null) {
                    return;
                }
                unusableBecause = null;
                cooldownNanos = INITIAL_COOLDOWN_NANOS;
            }
            problems.recovered();
            problems.say(destination.describe() + " accepts events again");
        }
    }

    private static long eventCount(List<BatchEntry> entries) {
        long n = 0;
        for (BatchEntry e : entries) {
            n += e.events().size();
        }
        return n;
    }

    /** Gives undelivered events to the configured fallback and counts them. */
    static final class FallbackSink {
        private final String name;
        private final Fallback fallback;
        private final ShipperStats stats;
        private final ProblemReporter problems;

        FallbackSink(String name, Fallback fallback, ShipperStats stats, ProblemReporter problems) {
            this.name = name;
            this.fallback = fallback;
            this.stats = stats;
            this.problems = problems;
        }

        void entries(List<BatchEntry> entries, String reason) {
            List<EncodedEvent> events = new ArrayList<>();
            for (BatchEntry entry : entries) {
                events.addAll(entry.events());
            }
            events(events, reason);
        }

        void events(List<EncodedEvent> events, String reason) {
            if (events.isEmpty()) {
                return;
            }
            stats.fallback.add(events.size());
            try {
                fallback.undelivered(name, events, reason);
            } catch (RuntimeException | LinkageError e) {
                problems.once("fallback-failed", "the fallback " + fallback.getClass().getName() + " failed (" + e
                        + "); " + events.size() + " undelivered event(s) could not be written there");
            }
        }
    }
}

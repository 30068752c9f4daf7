package io.logbeam.core.engine;

import io.logbeam.core.destination.BatchEntry;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The sender's batches between submission and settlement (every entry delivered, given to the fallback or the
 * spool, or handed back to the replayer), and what waits for them: a flush completes once every live batch
 * submitted before it is settled; a stop waits for replayed batches whose requests are already sent.
 */
final class InFlightBatches {

    /** One submitted batch until every entry is settled. Its own monitor guards its fields. */
    static final class Batch {
        final long id; // 0 for replayed batches
        final ReplayBatch replay; // null for the consumer's batches
        final long firstAttemptNanos = System.nanoTime();
        List<BatchEntry> pending;
        int retries;
        boolean settled;
        volatile boolean requestInProgress;

        Batch(long id, List<BatchEntry> entries, ReplayBatch replay) {
            this.id = id;
            this.pending = entries;
            this.replay = replay;
        }
    }

    private final Object lock = new Object();
    private final TreeMap<Long, Batch> live = new TreeMap<>();
    private final List<Map.Entry<Long, FlushRequest>> flushWaiters = new ArrayList<>();
    private final Set<Batch> replaying = new HashSet<>(); // flushes do not wait for these
    private long lastLiveId; // written by the consumer thread only

    /** A batch of the consumer's; consumer thread. */
    Batch live(List<BatchEntry> entries) {
        synchronized (lock) {
            Batch batch = new Batch(++lastLiveId, entries, null);
            live.put(batch.id, batch);
            return batch;
        }
    }

    /** A batch the replayer sends again from the spool. */
    Batch replay(List<BatchEntry> entries, ReplayBatch owner) {
        Batch batch = new Batch(0, entries, owner);
        synchronized (lock) {
            replaying.add(batch);
        }
        return batch;
    }

    /** Completes {@code request} once every live batch submitted so far is settled. Consumer thread. */
    void whenSettled(FlushRequest request) {
        synchronized (lock) {
            if (live.isEmpty() || live.firstKey() > lastLiveId) {
                request.complete();
            } else {
                flushWaiters.add(Map.entry(lastLiveId, request));
            }
        }
    }

    /** {@code batch} is settled: forgets it and completes the flushes that waited for it. */
    void settled(Batch batch) {
        synchronized (lock) {
            if (batch.replay != null) {
                replaying.remove(batch);
                if (replaying.isEmpty()) {
                    lock.notifyAll();
                }
            } else {
                live.remove(batch.id);
            }
            long settledBelow = live.isEmpty() ? Long.MAX_VALUE : live.firstKey();
            flushWaiters.removeIf(w -> {
                if (w.getKey() < settledBelow) {
                    w.getValue().complete();
                    return true;
                }
                return false;
            });
        }
    }

    /** Waits until no replayed batch is in flight, or until {@code deadlineNanos}; false on the deadline. */
    boolean awaitReplays(long deadlineNanos) {
        synchronized (lock) {
            while (!replaying.isEmpty()) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(lock, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }

    /** Every batch not yet settled, live and replayed (at the stop deadline). */
    List<Batch> unsettled() {
        synchronized (lock) {
            List<Batch> left = new ArrayList<>(live.values());
            left.addAll(replaying);
            return left;
        }
    }

    /** The events in {@code entries} (an aggregated record holds many). */
    static long eventCount(List<BatchEntry> entries) {
        long n = 0;
        for (BatchEntry e : entries) {
            n += e.events().size();
        }
        return n;
    }
}

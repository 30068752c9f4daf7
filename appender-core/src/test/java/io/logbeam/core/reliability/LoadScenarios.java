package io.logbeam.core.reliability;

import static org.awaitility.Awaitility.await;

import io.logbeam.core.Logbeam;
import io.logbeam.testkit.LocalAwsEndpoint;
import io.logbeam.testkit.ShardRates;
import io.logbeam.testkit.TestThreads;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Concurrency: many application threads logging into one appender at once while flushes happen, and an
 * appender stopped while those threads are still logging. Exact accounting, no deadlock (every wait is
 * bounded and the tests have hard timeouts), no thread left behind.
 */
public final class LoadScenarios {

    private LoadScenarios() {
    }

    /**
     * {@code threads x perThread} events with the {@code block} overflow policy (nothing may be dropped), while a
     * flusher thread alternates the appender's flush and the JVM-wide {@link Logbeam#flush}.
     */
    public static Outcome manyThreadsWithFlushes(Target target, Profile profile) {
        java.util.Set<String> namesBefore = threadNames();
        int threadsBefore = TestThreads.live();
        Outcome o;
        long flushes;
        try (Run run = Run.on(target).label("load").tune(s -> {
            s.set("overflowPolicy", "block");
            s.set("blockTimeout", "120 seconds");
        }).endpoint(LoadScenarios::unlimitedShardRates).start()) {
            AtomicBoolean publishing = new AtomicBoolean(true);
            AtomicLong flushCount = new AtomicLong();
            Thread flusher = new Thread(() -> {
                boolean jvmWide = false;
                while (publishing.get()) {
                    boolean ok = jvmWide ? Logbeam.flush(Duration.ofSeconds(60)) : run.flush(Duration.ofSeconds(60));
                    if (ok) {
                        flushCount.incrementAndGet();
                    }
                    jvmWide = !jvmWide;
                }
            }, "rel-flusher");
            List<Thread> publishers = startPublishers(run, profile.threads(), profile.perThread(), null);
            flusher.start();
            TestThreads.join(publishers, Duration.ofMinutes(10));
            publishing.set(false);
            TestThreads.join(List.of(flusher), Duration.ofMinutes(2));
            boolean flushed = run.flush(Duration.ofMinutes(2));
            run.stop(Duration.ofSeconds(10));
            await().atMost(Duration.ofSeconds(30)).until(() -> run.threads() == 0);
            flushes = flushCount.get();
            o = run.outcome(profile.threads() + " threads with flushes", Scenarios.count(profile.threads()) + " x "
                    + Scenarios.count(profile.perThread()) + " events, overflowPolicy=block, concurrent flushes")
                    .expect(flushed, "final flush timed out").note(flushes + " concurrent flushes");
            Scenarios.noLoss(o);
            o.expect(o.published() == (long) profile.threads() * profile.perThread(), "published " + o.published());
            o.expect(flushes > 0, "no concurrent flush completed");
        }
        // The endpoint is closed too: the JVM must be back to the threads it had before.
        int[] after = new int[1];
        boolean back = awaitQuietly(() -> (after[0] = TestThreads.live()) <= threadsBefore);
        o.expect(back, "threads before " + threadsBefore + ", after stop and close " + after[0]);
        java.util.Set<String> extra = threadNames();
        extra.removeAll(namesBefore);
        o.note("threads " + threadsBefore + " -> " + after[0] + (extra.isEmpty() ? "" : " new: " + extra));
        return Scenarios.record(profile, o);
    }

    /**
     * {@code threads} application threads keep logging (overflowPolicy=drop) while the appender is stopped:
     * every publish call must still be accounted for, delivered, in the fallback or dropped, and none may be
     * lost between the stop's last drain of the ring and a publisher that raced it.
     */
    public static Outcome stopWhileThreadsLog(Target target, Profile profile, int round) {
        try (Run run = Run.on(target).label("stoprace").start()) {
            AtomicBoolean stopped = new AtomicBoolean();
            CountDownLatch afterStop = new CountDownLatch(1);
            List<Thread> publishers = startPublishers(run, profile.threads(), Integer.MAX_VALUE, () -> {
                // Keep publishing for a moment after stop returned, then end.
                if (stopped.get()) {
                    try {
                        afterStop.await(100, TimeUnit.MILLISECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return false;
                }
                return true;
            });
            await().atMost(Duration.ofSeconds(60)).until(() -> run.stats().getPublished() >= 20_000);
            Duration took = run.stop(Duration.ofSeconds(5));
            stopped.set(true);
            afterStop.countDown();
            TestThreads.join(publishers, Duration.ofMinutes(1));
            Outcome o = run.outcome("stop while " + profile.threads() + " threads log", "overflowPolicy=drop, stop(5 s) "
                    + "after 20,000 events, round " + round).note("stop took " + took.toMillis() + " ms");
            o.expect(o.published() == o.delivered() + o.fallback() + o.dropped(), "events lost around the stop");
            return Scenarios.record(profile, o);
        }
    }

    /**
     * The endpoint never answers, the ring is full and {@code threads} application threads wait for room
     * ({@code overflowPolicy=block}) when the appender is stopped. Stopping frees the ring (what it holds goes to
     * the fallback), the waiting threads get their slots or give up: every one of their events must be
     * accounted for, none may land in the ring after the stop's last drain.
     */
    public static Outcome stopWhileThreadsWaitForRoom(Target target, Profile profile, int round) {
        try (Run run = Run.on(target).label("stopblocked").tune(s -> {
            s.set("bufferSize", 1024);
            s.set("overflowPolicy", "block");
            s.set("blockTimeout", "60 seconds");
        }).endpoint(e -> e.faults().hang()).start()) {
            List<Thread> publishers = startPublishers(run, profile.threads(), 2_000, null);
            // Aggregates hold thousands of events each, so with aggregation the ring may never fill: then the
            // publishers finish, and the stop still hands over what the batcher holds.
            await().atMost(Duration.ofSeconds(60)).until(() -> run.endpoint.faults().hungRequests() >= 1
                    && (run.stats().getRingRemainingCapacity() == 0 || publishers.stream().noneMatch(Thread::isAlive)));
            Duration took = run.stop(Duration.ofSeconds(2));
            TestThreads.join(publishers, Duration.ofMinutes(1));
            run.endpoint.faults().clear();
            await().atMost(Duration.ofSeconds(60)).until(() -> run.endpoint.faults().hungRequests() == 0
                    && run.threads() == 0);
            Outcome o = run.outcome("stop while " + profile.threads() + " threads wait for room",
                    "endpoint hung, bufferSize 1024, overflowPolicy=block, stop(2 s), round " + round)
                    .note("stop took " + took.toMillis() + " ms");
            o.expect(took.compareTo(Duration.ofSeconds(2).plus(Profile.STOP_MARGIN)) <= 0, "stop took "
                    + took.toMillis() + " ms");
            return Scenarios.record(profile, o);
        }
    }

    /**
     * Starts {@code threads} publishers of up to {@code perThread} events each; {@code more}, when given, is asked
     * before each event whether to go on.
     */
    static List<Thread> startPublishers(Run run, int threads, int perThread, java.util.function.BooleanSupplier more) {
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> publishers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread thread = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < perThread && (more == null || more.getAsBoolean()); i++) {
                    run.publish(run.event(), i % 5_000 == 4_999);
                }
            }, "rel-publisher-" + t);
            thread.start();
            publishers.add(thread);
        }
        go.countDown();
        return publishers;
    }

    /**
     * 16 threads logging 800,000 events as fast as they can would keep the 4-shard stream throttled for minutes
     * (the endpoint applies Kinesis's per-shard rates): this scenario is about accounting under concurrency, not
     * about a stream's capacity, so its stream takes whatever comes.
     */
    private static void unlimitedShardRates(LocalAwsEndpoint endpoint) {
        if (endpoint.kinesis().streamExists(Target.STREAM)) {
            endpoint.kinesis().shardRates(Target.STREAM, ShardRates.UNLIMITED);
        }
    }

    static java.util.Set<String> threadNames() {
        java.util.Set<String> names = new java.util.TreeSet<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive()) {
                names.add(t.getName() + "#" + t.getId() + (t.isDaemon() ? "d" : ""));
            }
        }
        return names;
    }

    private static boolean awaitQuietly(java.util.concurrent.Callable<Boolean> condition) {
        try {
            // Polled on this thread: Awaitility's own poller would be counted as a thread left behind.
            await().pollInSameThread().atMost(Duration.ofSeconds(20)).until(condition);
            return true;
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            return false;
        }
    }
}

package io.logbeam.core.reliability;

import static org.awaitility.Awaitility.await;

import io.logbeam.core.config.AppenderProperties;
import io.logbeam.core.testing.TestEvent;
import io.logbeam.testkit.FaultKind;
import io.logbeam.testkit.LogsLimits;
import io.logbeam.testkit.ResetMode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The fault, overload and shutdown scenarios, each run against one destination through its real
 * settings class and the testkit endpoint. Each returns the run's {@link Outcome} with the accounting
 * invariant and the scenario's own expectations checked (call {@link Outcome#assertOk()}), and records it
 * in the results table. Durations and sizes come from a {@link Profile}: seconds in the test suite, the
 * issue's full lengths in the soak.
 */
public final class Scenarios {

    private static final Duration FLUSH = Duration.ofSeconds(120);

    private Scenarios() {
    }

    // ---------------------------------------------------------------- transient faults: nothing may be lost

    /** 20% of the write requests answer 500 InternalFailure or 503 ServiceUnavailable. */
    public static Outcome serverErrors(Target target, Profile profile) {
        try (Run run = Run.on(target).label("5xx").endpoint(e -> e.faults()
                .failRandomly(0.1, 500, "InternalFailure")
                .failRandomly(0.11, 503, "ServiceUnavailableException")).start()) {
            run.publishPaced(profile.events(), profile.publishFor());
            boolean flushed = run.flush(FLUSH);
            run.stop(Duration.ofSeconds(10));
            Outcome o = run.outcome("20% 500/503", count(profile.events()) + " events over " + secs(profile.publishFor()))
                    .expect(flushed, "flush timed out");
            noLossUnlessOverflow(o, profile);
            o.expect(run.endpoint.faults().injected(FaultKind.REQUEST_FAILURE) > 0, "no fault was injected");
            return record(profile, o);
        }
    }

    /** Half of the write requests are throttled for {@code throttleFor}. */
    public static Outcome throttling(Target target, Profile profile) {
        try (Run run = Run.on(target).label("throttle").endpoint(e -> e.faults().throttle(0.5, profile.throttleFor()))
                .start()) {
            run.publishPaced(profile.events(), profile.publishFor());
            boolean flushed = run.flush(FLUSH);
            run.stop(Duration.ofSeconds(10));
            Outcome o = run.outcome("50% throttled", "for " + secs(profile.throttleFor()) + ", "
                    + count(profile.events()) + " events over " + secs(profile.publishFor()))
                    .expect(flushed, "flush timed out");
            noLossUnlessOverflow(o, profile);
            o.expect(run.endpoint.faults().injected(FaultKind.THROTTLE) > 0, "no request was throttled");
            return record(profile, o);
        }
    }

    /**
     * 30% of the entries fail inside successful requests (Kinesis, Firehose); only those are resent. CloudWatch
     * Logs has no per-entry failure but refuses events for their time inside a successful call
     * ({@code rejectedLogEventsInfo}): there 30% of the events are stamped 90 minutes ahead while the endpoint
     * tolerates 60, so exactly those must reach the fallback, unretried.
     */
    public static Outcome partialFailures(Target target, Profile profile) {
        if (target == Target.CLOUDWATCH_LOGS) {
            return cloudWatchRejectedEvents(profile);
        }
        try (Run run = Run.on(target).label("entries").endpoint(e -> e.faults()
                .failEntries(0.3, target.entryFailureCode())).start()) {
            run.publishPaced(profile.events(), profile.publishFor());
            boolean flushed = run.flush(FLUSH);
            run.stop(Duration.ofSeconds(10));
            Outcome o = run.outcome("30% entries fail", target.entryFailureCode() + ", " + count(profile.events())
                    + " events").expect(flushed, "flush timed out");
            noLossUnlessOverflow(o, profile);
            o.expect(o.duplicates() == 0, "entry failures are unambiguous, yet " + o.duplicates() + " duplicates");
            o.expect(run.endpoint.faults().injected(FaultKind.ENTRY_FAILURE) > 0, "no entry failed");
            return record(profile, o);
        }
    }

    private static Outcome cloudWatchRejectedEvents(Profile profile) {
        LogsLimits tolerant = LogsLimits.DEFAULT;
        LogsLimits strict = new LogsLimits(tolerant.maxEventsPerBatch(), tolerant.maxBatchBytes(),
                tolerant.maxEventBytes(), tolerant.perEventOverhead(), tolerant.maxBatchSpan(), Duration.ofHours(1),
                tolerant.maxAge());
        try (Run run = Run.on(Target.CLOUDWATCH_LOGS).label("rejected").endpoint(e -> e.logs().limits(strict))
                .start()) {
            Random random = new Random(5);
            int future = 0;
            long start = System.nanoTime();
            long step = profile.publishFor().toNanos() / profile.events();
            for (int i = 0; i < profile.events(); i++) {
                long wait = start + step * i - System.nanoTime();
                if (wait > 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(wait); // pacing, as in the other scenarios
                }
                TestEvent e = run.event();
                boolean ahead = random.nextInt(10) < 3;
                if (ahead) {
                    e.at(System.currentTimeMillis() + Duration.ofMinutes(90).toMillis());
                }
                if (run.publish(e, false) && ahead) {
                    future++;
                }
            }
            boolean flushed = run.flush(FLUSH);
            run.stop(Duration.ofSeconds(10));
            // The endpoint lists events it refused for their time; here that is the point of the scenario.
            run.expectViolations(v -> v.contains("rejected individually") && v.contains("tooNewLogEventStartIndex")
                    && !v.contains("tooOld") && !v.contains("expired"));
            Outcome o = run.outcome("30% entries fail", "tooNewLogEvent (events 90 min ahead, endpoint tolerates 60), "
                    + count(profile.events()) + " events").expect(flushed, "flush timed out");
            int expectedRejected = future;
            o.expect(o.fallback() == expectedRejected, "fallback " + o.fallback() + ", expected exactly the "
                    + expectedRejected + " events stamped too far ahead");
            o.expect(o.dropped() == 0, "dropped " + o.dropped());
            o.expect(o.retried == 0, "rejected events must not be retried, retried " + o.retried);
            o.expect(run.fallback.entries().stream().allMatch(f -> f.reason().contains("future")),
                    "a fallback reason does not say the event was too far in the future");
            return record(profile, o);
        }
    }

    /** Every 7th write request is answered with a TCP reset after it was stored: ambiguous, may duplicate. */
    public static Outcome connectionResets(Target target, Profile profile) {
        try (Run run = Run.on(target).label("reset").endpoint(e -> e.faults()
                .resetEveryNth(7, ResetMode.AFTER_PROCESSING)).start()) {
            run.publishPaced(profile.events(), profile.publishFor());
            boolean flushed = run.flush(FLUSH);
            run.stop(Duration.ofSeconds(10));
            Outcome o = run.outcome("every 7th connection reset", "after processing (stored, answer lost), "
                    + count(profile.events()) + " events").expect(flushed, "flush timed out");
            noLossUnlessOverflow(o, profile);
            long resets = run.endpoint.faults().injected(FaultKind.CONNECTION_RESET);
            o.expect(resets > 0, "no reset was injected");
            o.expect(o.possibleDuplicates() > 0, resets + " resets after storing, yet no possible duplicate counted");
            return record(profile, o);
        }
    }

    /** Every request takes {@code latency} longer; application threads must not notice. */
    public static Outcome latency(Target target, Profile profile) {
        try (Run run = Run.on(target).label("latency").endpoint(e -> e.faults().latency(profile.latency())).start()) {
            long slowest = paced(run, profile.events(), profile.publishFor());
            boolean flushed = run.flush(FLUSH);
            run.stop(Duration.ofSeconds(10));
            Outcome o = run.outcome("latency per request", secs(profile.latency()) + ", " + count(profile.events())
                    + " events over " + secs(profile.publishFor())).expect(flushed, "flush timed out")
                    .note("slowest publish " + slowest / 1_000 + " us");
            noLossUnlessOverflow(o, profile);
            return record(profile, o);
        }
    }

    /** Publishes {@code events} evenly over {@code over}; returns the slowest publish call in nanoseconds. */
    private static long paced(Run run, int events, Duration over) {
        long worst = 0;
        long start = System.nanoTime();
        long step = over.toNanos() / Math.max(1, events);
        for (int i = 0; i < events; i++) {
            long wait = start + step * i - System.nanoTime();
            if (wait > 0) {
                java.util.concurrent.locks.LockSupport.parkNanos(wait); // pacing the load, not waiting for a result
            }
            long t = System.nanoTime();
            run.publish();
            worst = Math.max(worst, System.nanoTime() - t);
        }
        return worst;
    }

    /**
     * Every request is answered after {@code latency}, later than {@code requestTimeout}: each attempt times
     * out although the endpoint stores it. After {@code maxRetries} the events go to the fallback; every copy
     * the endpoint holds (resends, and the events also in the fallback) must be counted as a possible duplicate.
     */
    public static Outcome timeouts(Target target, Profile profile) {
        int maxRetries = 2;
        int events = 200;
        try (Run run = Run.on(target).label("timeout").tune(s -> {
            s.set("requestTimeout", "1 second");
            s.set("maxRetries", maxRetries);
            s.set("retryDeadline", "60 seconds");
        }).endpoint(e -> {
            if (target == Target.CLOUDWATCH_LOGS) {
                // A timed-out call never learns that the group is missing, so it could not create it.
                e.logs().createLogGroup(Target.LOG_GROUP);
                e.logs().createLogStream(Target.LOG_GROUP, Target.LOG_STREAM);
            }
            e.faults().latency(profile.latency());
        }).start()) {
            for (int i = 0; i < events; i++) {
                run.publish();
            }
            boolean flushed = run.flush(FLUSH);
            // Each attempt is stored once its late answer is written: wait for all of them.
            int attempts = maxRetries + 1;
            await().atMost(Duration.ofSeconds(60)).until(() -> target.storedEvents(run.endpoint).size()
                    >= attempts * events);
            run.stop(Duration.ofSeconds(10));
            Outcome o = run.outcome("timeouts, retries exhausted", "latency " + secs(profile.latency())
                    + " > requestTimeout 1 s, maxRetries " + maxRetries + ", " + events + " events")
                    .expect(flushed, "flush timed out");
            o.expect(o.fallback() == events, "fallback " + o.fallback() + " of " + events);
            o.expect(o.duplicates() == (long) attempts * events, "expected every attempt stored: duplicates "
                    + o.duplicates());
            return record(profile, o);
        }
    }

    // ---------------------------------------------------------------- outages

    /**
     * The endpoint goes down for {@code outage} while the application keeps logging; the ring holds it all. For
     * the soak's 30 s outage the retries are raised to outlast it ({@link #outageDefaultRetries} shows why).
     */
    public static Outcome outageLargeRing(Target target, Profile profile) {
        return outage(target, profile, profile.outage().toSeconds() > 10);
    }

    /**
     * The same outage with the default retry settings (maxRetries 30, retryDeadline 60 s, backoff 100 ms doubling
     * up to 10 s, full jitter). With the former default of 10 retries they ended after about 21 s on average, so a
     * 30 s outage sent the batches in flight to the fallback; what the defaults cost is reported, never lost
     * silently: checked like every scenario.
     */
    public static Outcome outageDefaultRetries(Target target, Profile profile) {
        return outage(target, profile, false);
    }

    private static Outcome outage(Target target, Profile profile, boolean moreRetries) {
        try (Run run = Run.on(target).label("outage").tune(s -> {
            s.set("bufferSize", 65_536);
            if (moreRetries) {
                s.set("maxRetries", 30);
                s.set("retryDeadline", "120 seconds");
            }
        }).start()) {
            int before = profile.events() / 4;
            run.publishPaced(before, Duration.ofMillis(profile.publishFor().toMillis() / 4));
            run.endpoint.faults().down(profile.outage());
            long downAt = System.nanoTime();
            // Keep logging during the whole outage and a little after it.
            run.publishPaced(profile.events() - before, profile.outage().plusSeconds(1));
            await().atMost(profile.outage().plusSeconds(30)).until(run.endpoint::isRunning);
            long downMillis = (System.nanoTime() - downAt) / 1_000_000;
            boolean flushed = run.flush(FLUSH);
            run.stop(Duration.ofSeconds(10));
            boolean defaults = !moreRetries && profile.outage().toSeconds() > 10;
            Outcome o = run.outcome(defaults ? "endpoint down, default retries" : "endpoint down, large ring",
                    secs(profile.outage()) + " outage, bufferSize 65536, " + count(profile.events()) + " events"
                    + (moreRetries ? ", maxRetries 30, retryDeadline 120 s" : ""))
                    .expect(flushed, "flush timed out").note("down for " + downMillis + " ms");
            if (defaults) {
                // What the defaults cost over a long outage is reported, not expected away: only drops are excluded.
                o.expect(o.dropped() == 0, "dropped " + o.dropped());
                o.note(o.fallback() + " events to the fallback after maxRetries");
            } else {
                noLoss(o);
            }
            return record(profile, o);
        }
    }

    /**
     * The endpoint goes down with a small ring, one request in flight and a retry budget far shorter than the
     * outage, but with a spool: batches that run out of retries, and those the consumer can not hand to the
     * sender while the ring fills, are written to the spool instead of reaching the fallback or being dropped,
     * and the spool is replayed once the endpoint is back. Nothing is dropped, nothing reaches the fallback, and
     * the endpoint stores every event (checked by log_id like every scenario).
     */
    public static Outcome outageWithSpool(Target target, Profile profile) {
        Path directory;
        try {
            directory = Files.createTempDirectory("logbeam-spool-scenario");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (Run run = Run.on(target).label("spool").tune(s -> {
            s.set("bufferSize", 256);
            s.set("maxInFlight", 1);
            s.set("maxRetries", 2);
            s.set("retryDeadline", "1 second");
            s.set("spoolDirectory", directory.toString());
        }).start()) {
            run.endpoint.faults().down(profile.outage());
            long downAt = System.nanoTime();
            run.publishPaced(profile.events(), profile.outage());
            await().atMost(profile.outage().plusSeconds(30)).until(run.endpoint::isRunning);
            long downMillis = (System.nanoTime() - downAt) / 1_000_000;
            // flush does not wait for the replay of what is already in the spool: wait for the spool to empty.
            await().atMost(Duration.ofSeconds(120)).until(() -> run.stats().getSpoolEvents() == 0
                    && run.stats().getSettled() == run.stats().getPublished());
            boolean flushed = run.flush(FLUSH);
            long spooled = run.stats().getSpooled();
            long replayed = run.stats().getReplayed();
            long spoolDropped = run.stats().getSpoolDropped();
            run.stop(Duration.ofSeconds(10));
            Outcome o = run.outcome("endpoint down, spool", secs(profile.outage()) + " outage, bufferSize 256, "
                    + "maxInFlight 1, maxRetries 2, retryDeadline 1 s, spoolDirectory set, " + count(profile.events())
                    + " events").expect(flushed, "flush timed out")
                    .note("down for " + downMillis + " ms; spooled " + spooled + ", replayed " + replayed);
            noLoss(o);
            o.expect(spooled > 0, "nothing was spooled: the scenario did not exercise the spool");
            o.expect(replayed == spooled, "replayed " + replayed + " of " + spooled + " spooled events");
            o.expect(spoolDropped == 0, "the spool dropped " + spoolDropped);
            return record(profile, o);
        } finally {
            deleteRecursively(directory);
        }
    }

    private static void deleteRecursively(Path directory) {
        try (java.util.stream.Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory: what is left is the OS's to clean
        }
    }

    /**
     * The endpoint goes down with a ring of 16 and one request in flight: the first event's batch waits to be
     * retried, the consumer waits for the in-flight permit holding the second event, 15 slots remain, so a
     * burst of 20 drops exactly 5, which are counted and summarised on the diagnostics (stderr by default).
     */
    public static Outcome outageSmallRing(Target target, Profile profile) {
        try (Run run = Run.on(target).label("smallring").tune(s -> {
            s.set("bufferSize", 16);
            s.set("maxInFlight", 1);
            s.set("maxRetries", 1_000); // the first batch must outlast the outage, whatever the dice say
            s.set("retryDeadline", "10 minutes");
        }).start()) {
            run.endpoint.faults().down(Duration.ofMinutes(10)); // brought back by clear() below
            long downAt = System.nanoTime();
            run.publish(run.event(), true);
            await().atMost(Duration.ofSeconds(30)).until(() -> run.stats().getRequests() >= 1);
            run.publish(run.event(), true);
            await().atMost(Duration.ofSeconds(30)).until(() -> run.stats().getRingRemainingCapacity() == 15);
            int accepted = 0;
            for (int i = 0; i < 20; i++) {
                accepted += run.publish() ? 1 : 0;
            }
            long elapsed = System.nanoTime() - downAt;
            long rest = profile.outage().toNanos() - elapsed;
            if (rest > 0) {
                // The outage lasts its full length, with the application still logging into the full ring.
                run.publishPaced(10, Duration.ofNanos(rest / 9 * 10)); // the last one as the outage ends
            }
            run.endpoint.faults().clear();
            long downMillis = (System.nanoTime() - downAt) / 1_000_000;
            boolean flushed = run.flush(FLUSH);
            run.stop(Duration.ofSeconds(10));
            Outcome o = run.outcome("endpoint down, small ring", "bufferSize 16, maxInFlight 1, burst of 20 during a "
                    + secs(profile.outage()) + " outage").expect(flushed, "flush timed out")
                    .note("down for " + downMillis + " ms");
            long extraDrops = rest > 0 ? 10 : 0; // the ring is still full while the endpoint is down
            o.expect(accepted == 15, "accepted " + accepted + " of the burst of 20, expected 15");
            o.expect(o.dropped() == 5 + extraDrops, "dropped " + o.dropped() + ", expected exactly " + (5 + extraDrops));
            o.expect(o.fallback() == 0, "fallback " + o.fallback());
            o.expect(o.delivered() == 17, "delivered " + o.delivered() + ", expected 17");
            // Drops are summarised every 10 s and at stop: over a long outage the count is spread over several lines.
            long summarised = summarisedDrops(o);
            o.expect(summarised == o.dropped() && o.diagnostics().stream().anyMatch(l -> l.contains("bufferSize=16")),
                    "the drop summaries (naming bufferSize) count " + summarised + " events, dropped " + o.dropped());
            return record(profile, o);
        }
    }

    /**
     * The endpoint never answers and the application stops the appender with a deadline: stop returns within
     * the deadline plus {@link Profile#STOP_MARGIN}, and every event is on the fallback (those whose request was
     * in progress are counted as possible duplicates: the endpoint stores them once released).
     */
    public static Outcome stopWhileHung(Target target, Profile profile) {
        try (Run run = Run.on(target).label("hang").endpoint(e -> e.faults().hang()).start()) {
            run.publishPaced(profile.events(), Duration.ZERO);
            await().atMost(Duration.ofSeconds(30)).until(() -> run.endpoint.faults().hungRequests() >= 1);
            Duration took = run.stop(profile.stopTimeout());
            long fellBack = run.stats().getFallback();
            long deliveredAtStop = run.stats().getDelivered();
            // With the endpoint still silent, the sender threads stuck in a request end by its requestTimeout (10 s).
            long stuckSince = System.nanoTime();
            boolean threadsEnded = true;
            try {
                await().atMost(Duration.ofSeconds(25)).until(() -> run.threads() == 0);
            } catch (org.awaitility.core.ConditionTimeoutException e) {
                threadsEnded = false;
            }
            long threadsMillis = (System.nanoTime() - stuckSince) / 1_000_000;
            // Release the held requests: the endpoint now stores what the appender already gave up on.
            run.endpoint.faults().clear();
            await().atMost(Duration.ofSeconds(60)).until(() -> run.endpoint.faults().hungRequests() == 0
                    && run.threads() == 0);
            Outcome o = run.outcome("endpoint never answers, stop(" + secs(profile.stopTimeout()) + ")",
                    count(profile.events()) + " events, margin " + Profile.STOP_MARGIN.toMillis() + " ms")
                    .note("stop took " + took.toMillis() + " ms; its threads ended " + threadsMillis + " ms later");
            o.expect(threadsEnded, run.threads() + " Logbeam threads still stuck in requests 25 s after stop");
            o.expect(took.compareTo(profile.stopTimeout().plus(Profile.STOP_MARGIN)) <= 0, "stop took "
                    + took.toMillis() + " ms");
            o.expect(deliveredAtStop == 0, "delivered " + deliveredAtStop + " although nothing was answered");
            o.expect(fellBack == o.published() - o.dropped(), "at stop, fallback " + fellBack + " of "
                    + (o.published() - o.dropped()) + " accepted events");
            o.expect(run.threads() == 0, run.threads() + " Logbeam threads left");
            return record(profile, o);
        }
    }

    // ---------------------------------------------------------------- permanent misconfiguration

    /** The stream / delivery stream / log group does not exist and may not be created. */
    public static Outcome missingResource(Target target, Profile profile) {
        Run.Builder b = Run.on(target).label("missing").withoutResources();
        if (target == Target.CLOUDWATCH_LOGS) {
            b.tune(s -> {
                s.set("createLogGroup", false);
                s.set("createLogStream", false);
            });
        }
        return misconfigured(b, "stream missing", target == Target.CLOUDWATCH_LOGS
                ? "group missing, createLogGroup=createLogStream=false" : "ResourceNotFoundException", profile);
    }

    /** Every write is refused with AccessDeniedException. */
    public static Outcome accessDenied(Target target, Profile profile) {
        return misconfigured(Run.on(target).label("denied").endpoint(e -> e.faults()
                .failAlways(400, "AccessDeniedException")), "access denied", "AccessDeniedException (400)", profile);
    }

    private static Outcome misconfigured(Run.Builder builder, String scenario, String detail, Profile profile) {
        try (Run run = builder.start()) {
            int events = profile.events();
            long start = System.nanoTime();
            long worstNanos = paced(run, events, profile.misconfigured());
            long seconds = Math.max(1, (System.nanoTime() - start) / 1_000_000_000L);
            boolean flushed = run.flush(FLUSH);
            run.stop(Duration.ofSeconds(10));
            Outcome o = run.outcome(scenario, detail + ", " + count(events) + " events over "
                    + secs(profile.misconfigured())).expect(flushed, "flush timed out")
                    .note("slowest publish " + worstNanos / 1_000 + " us");
            o.expect(o.delivered() == 0, "delivered " + o.delivered());
            o.expect(o.dropped() == 0, "dropped " + o.dropped() + ": the application's logging was affected");
            o.expect(o.fallback() == o.published(), "fallback " + o.fallback() + " of " + o.published());
            List<String> firstReports = o.diagnostics().stream().filter(l -> l.contains("can not accept events"))
                    .filter(l -> !l.contains("still failing")).toList();
            o.expect(firstReports.size() == 1, "expected one clear message, got " + firstReports.size() + ": "
                    + o.diagnostics());
            // The cooldown starts at 5 s and doubles: one request per cooldown, plus the requests already in flight.
            long bound = maxRequests(seconds + 1, run.shipper().config().maxInFlight());
            o.expect(o.endpointRequests <= bound, o.endpointRequests + " requests in " + seconds + " s, expected at most "
                    + bound + " (no retry storm)");
            o.note(o.endpointRequests + " requests in " + seconds + " s");
            return record(profile, o);
        }
    }

    /** Requests an unusable destination may receive in {@code seconds}: cooldowns of 5, 10, 20, ... s. */
    static long maxRequests(long seconds, int inFlight) {
        long n = inFlight;
        long t = 0;
        for (long cooldown = 5; t + cooldown <= seconds; cooldown = Math.min(cooldown * 2, 300)) {
            t += cooldown;
            n += inFlight;
        }
        return n;
    }

    // ---------------------------------------------------------------- helpers

    /**
     * Transient faults lose nothing in the suite. The soak logs 1,000 events/s for a minute into the default
     * ring of 8,192: where a fault slows delivery below that rate the ring overflows, which the issue allows if
     * the drops are exact (checked by the invariant) and summarised on the diagnostics (checked here).
     */
    static void noLossUnlessOverflow(Outcome o, Profile profile) {
        if (profile == Profile.SUITE || o.dropped() == 0) {
            noLoss(o);
            return;
        }
        o.expect(o.fallback() == 0, "fallback " + o.fallback() + ", expected none");
        long summarised = summarisedDrops(o);
        o.expect(summarised == o.dropped(), "the drop summaries count " + summarised + " events, dropped "
                + o.dropped());
        o.note("ring overflowed: " + o.dropped() + " dropped, all summarised on the diagnostics");
    }

    /** The sum of the counts in the diagnostics' "dropped N events ..." summaries. */
    static long summarisedDrops(Outcome o) {
        long summarised = 0;
        for (String line : o.diagnostics()) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("dropped (\\d+) events").matcher(line);
            if (m.find()) {
                summarised += Long.parseLong(m.group(1));
            }
        }
        return summarised;
    }

    static void noLoss(Outcome o) {
        o.expect(o.fallback() == 0, "fallback " + o.fallback() + ", expected none");
        o.expect(o.dropped() == 0, "dropped " + o.dropped() + ", expected none");
        o.expect(o.delivered() == o.published(), "delivered " + o.delivered() + " of " + o.published());
    }

    static Outcome record(Profile profile, Outcome o) {
        ResultLog.record(profile, o);
        return o;
    }

    static String secs(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}

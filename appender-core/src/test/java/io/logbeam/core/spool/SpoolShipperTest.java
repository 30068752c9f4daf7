package io.logbeam.core.spool;

import static io.logbeam.core.testing.TestShippers.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.logbeam.core.destination.Failure;
import io.logbeam.core.destination.SendOutcome;
import io.logbeam.core.engine.OverflowPolicy;
import io.logbeam.core.engine.Shipper;
import io.logbeam.core.engine.ShipperConfig;
import io.logbeam.core.engine.ShipperStats;
import io.logbeam.core.event.EncodedEvent;
import io.logbeam.core.testing.CapturingDiagnostics;
import io.logbeam.core.testing.CapturingFallback;
import io.logbeam.core.testing.FakeDestination;
import io.logbeam.core.testing.TestEvent;
import io.logbeam.core.testing.TestShippers;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The spool inside the shipping pipeline, against the in-memory destination. */
@Timeout(60)
class SpoolShipperTest {

    @TempDir
    Path root;

    @RegisterExtension
    final TestShippers shippers = new TestShippers();
    private final CapturingFallback fallback = shippers.fallback();
    private final CapturingDiagnostics diagnostics = shippers.diagnostics();

    /** The publisher waits for room in the ring (encoding is slower than publishing), so nothing is dropped there. */
    private static ShipperConfig.Builder config() {
        return ShipperConfig.builder().name("app").maxBatchDelay(Duration.ofMillis(20)).maxInFlight(2)
                .retryBaseDelay(Duration.ofMillis(1)).retryMaxDelay(Duration.ofMillis(5)).maxRetries(2)
                .overflowPolicy(OverflowPolicy.BLOCK).blockTimeout(Duration.ofSeconds(30)).jmx(false);
    }

    private SpoolConfig.Builder spool() {
        return SpoolConfig.builder().directory(root);
    }

    private Shipper<TestEvent> start(FakeDestination destination, ShipperConfig config, SpoolConfig spool) {
        return shippers.start(shippers.builder(destination).config(config).spool(spool));
    }

    private static void publish(Shipper<TestEvent> shipper, int from, int to) {
        for (int i = from; i < to; i++) {
            assertThat(shipper.publish(TestEvent.of("event " + i), false)).isTrue();
        }
    }

    /** How many times each message arrived. */
    private static Map<String, Integer> arrivals(List<EncodedEvent> delivered) {
        Map<String, Integer> count = new HashMap<>();
        for (EncodedEvent e : delivered) {
            count.merge(message(e), 1, Integer::sum);
        }
        return count;
    }

    private static void assertExactlyOnce(List<EncodedEvent> delivered, int from, int to) {
        Map<String, Integer> count = arrivals(delivered);
        assertThat(count).hasSize(to - from);
        for (int i = from; i < to; i++) {
            assertThat(count.get("event " + i)).as("arrivals of event %d", i).isEqualTo(1);
        }
    }

    private static void assertAccounted(ShipperStats stats) {
        assertThat(stats.getSettled()).as(stats.toString()).isEqualTo(stats.getPublished());
    }

    private List<Path> segmentFiles() throws IOException {
        try (Stream<Path> files = Files.list(root.resolve("app"))) {
            return files.filter(p -> p.toString().endsWith(".seg")).sorted().collect(Collectors.toList());
        }
    }

    /** Fails every request (retryable). */
    private static FakeDestination down() {
        return new FakeDestination().behaviour(entries ->
                SendOutcome.failed(Failure.retryable("InternalFailure", "down", false)));
    }

    /** Leaves events {@code 0..count} in the spool: a shipper writes them there while the destination is down. */
    private void spoolWhileDown(int count, SpoolConfig spool) {
        Shipper<TestEvent> writer = start(down(), config().build(), spool);
        publish(writer, 0, count);
        writer.stop(Duration.ofSeconds(5));
        assertThat(writer.stats().getSpoolEvents()).isEqualTo(count);
    }

    /** Fails every request (retryable) while {@code down} is set. */
    private static FakeDestination switchable(AtomicBoolean down) {
        return new FakeDestination().behaviour(entries -> down.get()
                ? SendOutcome.failed(Failure.retryable("ServiceUnavailableException", "down", false))
                : SendOutcome.delivered());
    }

    @Test
    void whatCanNotBeDeliveredForNowWaitsInTheSpoolAndIsReplayedWhenTheDestinationRecovers() {
        AtomicBoolean down = new AtomicBoolean(true);
        FakeDestination destination = switchable(down);
        Shipper<TestEvent> shipper = start(destination, config().build(), spool().build());
        publish(shipper, 0, 1_000);

        // flush returns once every event is delivered, fell back, or is in the spool.
        assertThat(shipper.flush(Duration.ofSeconds(20))).isTrue();
        ShipperStats stats = shipper.stats();
        assertThat(stats.getSpooled()).isGreaterThanOrEqualTo(1_000);
        assertThat(stats.getSpoolEvents()).isEqualTo(1_000);
        assertThat(stats.getSpoolBytes()).isPositive();
        assertThat(stats.getFallback()).isZero();
        assertThat(fallback.size()).isZero();
        assertAccounted(stats);

        down.set(false);
        // No live traffic needed: the replayer probes again after its pause.
        await().atMost(Duration.ofSeconds(20)).until(() -> stats.getDelivered() == 1_000 && stats.getSpoolEvents() == 0);

        assertExactlyOnce(destination.delivered(), 0, 1_000);
        assertThat(stats.getReplayed()).isGreaterThanOrEqualTo(1_000);
        await().atMost(Duration.ofSeconds(5)).until(() -> stats.getSpoolBytes() == 0);
        assertAccounted(stats);
    }

    @Test
    void liveDeliveriesResumeTheReplayAtOnce() {
        AtomicBoolean down = new AtomicBoolean(true);
        FakeDestination destination = switchable(down);
        Shipper<TestEvent> shipper = start(destination, config().build(), spool().build());
        publish(shipper, 0, 500);
        assertThat(shipper.flush(Duration.ofSeconds(20))).isTrue();
        assertThat(shipper.stats().getSpoolEvents()).isEqualTo(500);

        down.set(false);
        publish(shipper, 500, 510);
        assertThat(shipper.flush(Duration.ofSeconds(20))).isTrue();

        await().atMost(Duration.ofSeconds(20)).until(() -> shipper.stats().getDelivered() == 510);
        assertExactlyOnce(destination.delivered(), 0, 510);
        assertAccounted(shipper.stats());
    }

    @Test
    void liveEventsDoNotWaitBehindAReplayBacklog() {
        spoolWhileDown(20_000, spool().build());

        // 100 events per request, each request takes a few milliseconds: the replay needs 200 requests.
        FakeDestination slow = new FakeDestination(100, 1 << 20, 1 << 20).behaviour(entries -> {
            java.util.concurrent.locks.LockSupport.parkNanos(3_000_000);
            return SendOutcome.delivered();
        });
        Shipper<TestEvent> shipper = start(slow, config().maxInFlight(1).build(), spool().build());
        await().atMost(Duration.ofSeconds(20)).until(() -> slow.calls() >= 20);
        int callsBefore = slow.calls();
        shipper.publish(TestEvent.of("live"), true);
        await().atMost(Duration.ofSeconds(20)).until(() -> shipper.stats().getSpoolEvents() == 0
                && shipper.stats().getDelivered() == 20_001);

        List<List<EncodedEvent>> requests = slow.requests();
        int liveRequest = -1;
        for (int i = 0; i < requests.size(); i++) {
            if (requests.get(i).stream().anyMatch(e -> message(e).equals("live"))) {
                liveRequest = i;
            }
        }
        // The consumer gets the next free permit: at most the requests already started (and one racing) go first.
        assertThat(liveRequest).isBetween(callsBefore - 1, callsBefore + 2);
        assertThat(requests.size()).isGreaterThan(liveRequest + 100); // the replay was far from done
        assertExactlyOnce(slow.delivered().stream().filter(e -> !message(e).equals("live"))
                .collect(Collectors.toList()), 0, 20_000);
    }

    @Test
    void refusedEventsStillGoToTheFallback() {
        FakeDestination destination = new FakeDestination().behaviour(entries ->
                SendOutcome.failed(Failure.rejected("InvalidArgumentException", "bad")));
        Shipper<TestEvent> shipper = start(destination, config().build(), spool().build());
        publish(shipper, 0, 10);

        assertThat(shipper.flush(Duration.ofSeconds(10))).isTrue();

        assertThat(fallback.size()).isEqualTo(10);
        assertThat(shipper.stats().getSpooled()).isZero();
        assertAccounted(shipper.stats());
    }

    @Test
    void anUnusableDestinationFillsTheSpoolInsteadOfTheFallbackAndIsReplayedOnceUsable() {
        AtomicBoolean missing = new AtomicBoolean(true);
        FakeDestination destination = new FakeDestination().behaviour(entries -> missing.get()
                ? SendOutcome.failed(Failure.unusable("ResourceNotFoundException", "no such stream"))
                : SendOutcome.delivered());
        Shipper<TestEvent> shipper = start(destination, config().build(), spool().build());
        publish(shipper, 0, 100);
        assertThat(shipper.flush(Duration.ofSeconds(10))).isTrue();
        assertThat(shipper.stats().getSpoolEvents()).isEqualTo(100);
        assertThat(fallback.size()).isZero();
        assertThat(diagnostics.lines()).anySatisfy(l -> assertThat(l).contains("Events go to the spool"));

        missing.set(false); // the stream was created; the sender's cooldown (5 s) ends, then a probe succeeds
        await().atMost(Duration.ofSeconds(30)).until(() -> shipper.stats().getDelivered() == 100);

        assertExactlyOnce(destination.delivered(), 0, 100);
        assertAccounted(shipper.stats());
    }

    @Test
    void aSlowDestinationMakesTheConsumerSpoolInsteadOfLettingTheRingOverflow() {
        FakeDestination destination = new FakeDestination().closeGate(); // every request hangs
        Shipper<TestEvent> shipper = start(destination, config().bufferSize(16).maxInFlight(1)
                .overflowPolicy(OverflowPolicy.BLOCK).blockTimeout(Duration.ofSeconds(30)).build(),
                spool().fsync(SpoolFsync.NEVER).build());

        shipper.publish(TestEvent.of("event 0"), true); // holds the only permit
        await().atMost(Duration.ofSeconds(10)).until(() -> destination.calls() == 1);
        for (int i = 1; i < 2_000; i++) {
            shipper.publish(TestEvent.of("event " + i), true); // one batch each
        }
        // Without a spool the consumer would wait for the permit and the publisher would wait for the ring.
        // The consumer spools once the ring is half full, so at most half of it stays behind.
        await().atMost(Duration.ofSeconds(20)).until(() -> shipper.stats().getSpooled() >= 1_999 - 8);
        assertThat(shipper.stats().getDropped()).isZero();

        destination.openGate();
        await().atMost(Duration.ofSeconds(20)).until(() -> shipper.stats().getDelivered() == 2_000);
        assertExactlyOnce(destination.delivered(), 0, 2_000);
        await().atMost(Duration.ofSeconds(5)).until(() -> shipper.stats().getSpoolEvents() == 0);
        assertAccounted(shipper.stats());
    }

    @Test
    void whatIsUndeliveredAtStopIsReplayedExactlyOnceByTheNextStart() {
        Shipper<TestEvent> first = start(down(), config().maxRetries(1_000).retryDeadline(Duration.ofHours(1)).build(),
                spool().build());
        publish(first, 0, 3_000);
        first.stop(Duration.ofSeconds(2)); // batches still retrying at the deadline go to the spool
        assertThat(fallback.size()).isZero();
        assertThat(first.stats().getSpoolEvents()).isEqualTo(3_000);
        assertAccounted(first.stats());

        FakeDestination up = new FakeDestination();
        Shipper<TestEvent> second = start(up, config().build(), spool().build());
        await().atMost(Duration.ofSeconds(20)).until(() -> second.stats().getDelivered() == 3_000);

        assertExactlyOnce(up.delivered(), 0, 3_000);
        assertThat(second.stats().getSpoolRecovered()).isEqualTo(3_000);
        await().atMost(Duration.ofSeconds(5)).until(() -> second.stats().getSpoolEvents() == 0);
        assertAccounted(second.stats());
    }

    @Test
    void aStopInTheMiddleOfAReplayLosesNothingAndDuplicatesNothing() {
        spoolWhileDown(20_000, spool().build());

        // Replay part of it: the destination takes 10 requests, then hangs.
        AtomicInteger requests = new AtomicInteger();
        FakeDestination partial = new FakeDestination(100, 1 << 20, 1 << 20);
        java.util.concurrent.CountDownLatch never = new java.util.concurrent.CountDownLatch(1);
        partial.behaviour(entries -> {
            if (requests.incrementAndGet() > 10) {
                try {
                    never.await(); // hangs until the shipper stops (interrupt)
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return SendOutcome.failed(Failure.retryable("Interrupted", "stopped", true));
            }
            return SendOutcome.delivered();
        });
        Shipper<TestEvent> replayer = start(partial, config().build(), spool().build());
        await().atMost(Duration.ofSeconds(20)).until(() -> requests.get() > 10);
        replayer.stop(Duration.ofSeconds(2));
        int deliveredFirst = partial.delivered().size();
        assertThat(deliveredFirst).isEqualTo(1_000);
        assertAccounted(replayer.stats());

        FakeDestination up = new FakeDestination();
        Shipper<TestEvent> last = start(up, config().build(), spool().build());
        await().atMost(Duration.ofSeconds(20)).until(() -> last.stats().getDelivered() == 19_000);

        List<EncodedEvent> all = new ArrayList<>(partial.delivered());
        all.addAll(up.delivered());
        assertExactlyOnce(all, 0, 20_000);
        assertThat(last.stats().getSpoolRecovered()).isEqualTo(19_000);
    }

    @Test
    void aTornRecordIsSkippedAndReportedAndTheOthersReplayed() throws IOException {
        spoolWhileDown(2_000, spool().segmentBytes(64 * 1024).build());
        Path first = segmentFiles().get(0);
        try (RandomAccessFile f = new RandomAccessFile(first.toFile(), "rw")) {
            f.setLength(f.length() - 10); // the last record of the first segment loses its end
        }

        FakeDestination up = new FakeDestination();
        Shipper<TestEvent> reader = start(up, config().build(), spool().build());
        await().atMost(Duration.ofSeconds(20)).until(() -> reader.stats().getDelivered() == 1_999);

        assertThat(reader.stats().getSpoolCorrupt()).isEqualTo(1);
        assertThat(arrivals(up.delivered())).hasSize(1_999).allSatisfy((m, n) -> assertThat(n).isEqualTo(1));
        assertThat(diagnostics.lines()).anySatisfy(l -> assertThat(l).contains("torn or corrupt"));
        assertThat(reader.stats().getSpoolRecovered()).isEqualTo(1_999);
    }

    @Test
    void aFullSpoolDropsPerPolicyAndEveryEventIsAccountedFor() {
        for (SpoolOverflow policy : SpoolOverflow.values()) {
            Path dir = root.resolve(policy.name());
            AtomicBoolean down = new AtomicBoolean(true);
            FakeDestination destination = switchable(down);
            Shipper<TestEvent> shipper = start(destination, config().name("full-" + policy).build(),
                    SpoolConfig.builder().directory(dir).maxBytes(64 * 1024).segmentBytes(16 * 1024).overflow(policy)
                            .build());
            publish(shipper, 0, 2_000);
            assertThat(shipper.flush(Duration.ofSeconds(20))).isTrue();

            ShipperStats stats = shipper.stats();
            assertThat(stats.getSpoolDropped()).isPositive();
            assertThat(stats.getSpoolBytes()).isLessThanOrEqualTo(64 * 1024);
            assertAccounted(stats);
            long kept = stats.getSpoolEvents();
            down.set(false);
            await().atMost(Duration.ofSeconds(20)).until(() -> stats.getSpoolEvents() == 0);
            assertThat(destination.delivered()).hasSize((int) kept);
            assertThat(stats.getDelivered() + stats.getSpoolDropped()).isEqualTo(2_000);
            assertThat(arrivals(destination.delivered())).allSatisfy((m, n) -> assertThat(n).isEqualTo(1));
            shipper.stop(Duration.ofSeconds(5));
            assertThat(diagnostics.lines()).anySatisfy(l -> assertThat(l).contains("the spool is full")
                    .contains("spoolOverflow=" + policy.propertyValue()));
        }
    }

    /**
     * Log4j2 starts a reconfigured appender before it stops the one it replaces: the new shipper runs without the
     * spool until the old one releases it, then takes it over on its own threads and replays what the old one left.
     */
    @Test
    void aSecondShipperOfThisJvmStartsWithoutTheSpoolAndTakesItOverWhenTheFirstStops() {
        Shipper<TestEvent> first = start(down(), config().maxRetries(1_000).retryDeadline(Duration.ofHours(1)).build(),
                spool().build());
        publish(first, 0, 1_000);

        AtomicBoolean nextDown = new AtomicBoolean(true);
        FakeDestination next = switchable(nextDown);
        Map<String, String> threadOf = new ConcurrentHashMap<>();
        Shipper<TestEvent> second = shippers.start(shippers.builder(next).config(config().build())
                .diagnostics((name, message) -> {
                    diagnostics.report(name, message);
                    threadOf.put(message, Thread.currentThread().getName());
                })
                .spool(spool().build()));

        // Started, without a spool, and says so once.
        assertThat(second.isRunning()).isTrue();
        assertThat(diagnostics.lines()).filteredOn(l -> l.contains("is still held")).singleElement().asString()
                .contains("app: spool directory " + root.resolve("app") + " is still held by the previous appender of "
                        + "this name in this JVM (a reconfiguration?); this appender takes it over when that one stops")
                .contains("events that can not be delivered go to the fallback");
        assertThat(second.stats().toString()).doesNotContain("spool");
        publish(second, 1_000, 1_010);
        assertThat(second.flush(Duration.ofSeconds(10))).isTrue();
        assertThat(fallback.size()).isEqualTo(10); // no spool yet: retries given up go to the fallback

        first.stop(Duration.ofSeconds(2)); // what it could not deliver stays in the spool
        assertThat(first.stats().getSpoolEvents()).isEqualTo(1_000);

        // Taken over on one of the second shipper's threads, not on the thread that stopped the first.
        await().atMost(Duration.ofSeconds(10)).until(() -> second.stats().toString().contains("spoolEvents="));
        String tookOver = diagnostics.lines().stream().filter(l -> l.contains("took over the spool directory"))
                .findFirst().orElseThrow();
        assertThat(threadOf.get(tookOver.substring("app: ".length()))).startsWith("logbeam-app-sender")
                .isNotEqualTo(Thread.currentThread().getName());

        // What can not be delivered now goes to the spool, not to the fallback.
        publish(second, 1_010, 1_020);
        assertThat(second.flush(Duration.ofSeconds(10))).isTrue();
        assertThat(second.stats().getSpooled()).isGreaterThanOrEqualTo(10);
        assertThat(fallback.size()).isEqualTo(10);

        // Once the destination accepts, the second replays the first one's leftovers and its own, each once.
        nextDown.set(false);
        await().atMost(Duration.ofSeconds(30)).until(() -> second.stats().getDelivered() == 1_010);
        Map<String, Integer> count = arrivals(next.delivered());
        assertThat(count).hasSize(1_010);
        for (int i = 0; i < 1_020; i++) {
            if (i < 1_000 || i >= 1_010) {
                assertThat(count.get("event " + i)).as("arrivals of event %d", i).isEqualTo(1);
            }
        }
        assertThat(second.stats().getSpoolRecovered()).isEqualTo(1_000);
        await().atMost(Duration.ofSeconds(5)).until(() -> second.stats().getSpoolEvents() == 0);
        assertAccounted(second.stats());
    }

    @Test
    void aShipperStoppedWhileWaitingForTheSpoolNeverTakesItOver() {
        Shipper<TestEvent> first = start(new FakeDestination(), config().build(), spool().build());
        Shipper<TestEvent> second = start(new FakeDestination(), config().build(), spool().build());
        second.stop(Duration.ofSeconds(5));
        first.stop(Duration.ofSeconds(5));

        // Nobody holds the directory now: a third shipper gets the spool at start.
        Shipper<TestEvent> third = start(new FakeDestination(), config().build(), spool().build());

        assertThat(third.stats().toString()).contains("spoolEvents=");
        assertThat(diagnostics.lines()).filteredOn(l -> l.contains("is still held")).hasSize(1); // the second's
        assertThat(diagnostics.lines()).noneMatch(l -> l.contains("took over"));
    }

    @Test
    void whenTwoShippersWaitForTheSpoolOneTakesItAndTheOtherWaitsForThatOne() {
        Shipper<TestEvent> first = start(new FakeDestination(), config().build(), spool().build());
        Shipper<TestEvent> second = start(new FakeDestination(), config().build(), spool().build());
        Shipper<TestEvent> third = start(new FakeDestination(), config().build(), spool().build());

        first.stop(Duration.ofSeconds(5));

        await().atMost(Duration.ofSeconds(10)).until(() -> hasSpool(second) || hasSpool(third));
        Shipper<TestEvent> winner = hasSpool(second) ? second : third;
        Shipper<TestEvent> other = winner == second ? third : second;
        assertThat(hasSpool(other)).isFalse();
        assertThat(other.isRunning()).isTrue();

        winner.stop(Duration.ofSeconds(5));
        await().atMost(Duration.ofSeconds(10)).until(() -> hasSpool(other));
        // The take-over is reported right after the spool is hooked into the stats: wait for the line too.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(diagnostics.lines())
                .filteredOn(l -> l.contains("took over the spool directory")).hasSize(2));
    }

    private static boolean hasSpool(Shipper<TestEvent> shipper) {
        return shipper.stats().toString().contains("spoolEvents=");
    }

    @Test
    void withoutASpoolNothingChanges() {
        Shipper<TestEvent> shipper = start(down(), config().build(), null);
        publish(shipper, 0, 10);

        assertThat(shipper.flush(Duration.ofSeconds(10))).isTrue();

        assertThat(fallback.size()).isEqualTo(10);
        assertThat(shipper.stats().getSpooled()).isZero();
        assertThat(shipper.stats().toString()).doesNotContain("spool");
    }
}

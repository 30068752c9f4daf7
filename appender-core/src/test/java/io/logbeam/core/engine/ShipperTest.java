package io.logbeam.core.engine;

import static io.logbeam.core.testing.TestShippers.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.logbeam.core.Logbeam;
import io.logbeam.core.destination.BatchEntry;
import io.logbeam.core.destination.Failure;
import io.logbeam.core.destination.SendOutcome;
import io.logbeam.core.event.EncodedEvent;
import io.logbeam.core.event.LogTypes;
import io.logbeam.core.testing.CapturingDiagnostics;
import io.logbeam.core.testing.CapturingFallback;
import io.logbeam.core.testing.FakeDestination;
import io.logbeam.core.testing.TestEvent;
import io.logbeam.core.testing.TestShippers;
import io.logbeam.testkit.TestThreads;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@Timeout(60)
class ShipperTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger NAMES = new AtomicInteger();

    @RegisterExtension
    final TestShippers shippers = new TestShippers();
    private final CapturingFallback fallback = shippers.fallback();
    private final CapturingDiagnostics diagnostics = shippers.diagnostics();

    private ShipperConfig.Builder config() {
        return ShipperConfig.builder().name("test-" + NAMES.incrementAndGet()).maxBatchDelay(Duration.ofMillis(20))
                .retryBaseDelay(Duration.ofMillis(1)).retryMaxDelay(Duration.ofMillis(20)).jmx(false);
    }

    private Shipper<TestEvent> start(FakeDestination destination, ShipperConfig config) {
        return start(destination, config, LogTypes.defaults());
    }

    private Shipper<TestEvent> start(FakeDestination destination, ShipperConfig config, LogTypes logTypes) {
        return shippers.start(shippers.builder(destination).config(config).logTypes(logTypes));
    }

    @Test
    void everyEventFromManyThreadsIsDeliveredExactlyOnce() throws Exception {
        FakeDestination destination = new FakeDestination(100, 1 << 20, 1 << 20);
        Shipper<TestEvent> shipper = start(destination, config().bufferSize(1024).overflowPolicy(OverflowPolicy.BLOCK)
                .blockTimeout(Duration.ofSeconds(30)).build());
        int threads = 4;
        int perThread = 5_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        for (int t = 0; t < threads; t++) {
            int id = t;
            pool.execute(() -> {
                for (int i = 0; i < perThread; i++) {
                    shipper.publish(TestEvent.of(id + ":" + i), false);
                }
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

        assertThat(shipper.flush(Duration.ofSeconds(30))).isTrue();

        List<EncodedEvent> delivered = destination.delivered();
        Set<String> messages = new HashSet<>();
        Set<String> ids = new HashSet<>();
        for (EncodedEvent e : delivered) {
            messages.add(message(e));
            ids.add(JSON.readTree(e.json()).get("log_id").asText());
        }
        assertThat(delivered).hasSize(threads * perThread);
        assertThat(messages).hasSize(threads * perThread);
        assertThat(ids).hasSize(threads * perThread);
        assertThat(destination.requests()).allSatisfy(r -> assertThat(r.size()).isLessThanOrEqualTo(100));
        ShipperStats stats = shipper.stats();
        assertThat(stats.getDelivered()).isEqualTo(threads * perThread);
        assertThat(stats.getDropped()).isZero();
        assertThat(stats.getFallback()).isZero();
        TestShippers.assertSettled(stats);
    }

    @Test
    void flushReturnsOnlyWhenEverythingBeforeItIsAtTheDestination() {
        FakeDestination destination = new FakeDestination();
        Shipper<TestEvent> shipper = start(destination, config().maxBatchDelay(Duration.ofHours(1)).build());
        for (int i = 0; i < 10; i++) {
            shipper.publish(TestEvent.of("e" + i), false);
        }

        assertThat(shipper.flush(Duration.ofSeconds(10))).isTrue();

        // No waiting: the long linger would hold the batch for an hour without the flush.
        assertThat(destination.delivered()).hasSize(10);
    }

    @Test
    void flushTimesOutWhileTheDestinationHangsAndSucceedsAfterwards() {
        FakeDestination destination = new FakeDestination().closeGate();
        Shipper<TestEvent> shipper = start(destination, config().build());
        shipper.publish(TestEvent.of("stuck"), false);

        assertThat(shipper.flush(Duration.ofMillis(200))).isFalse();
        destination.openGate();
        assertThat(shipper.flush(Duration.ofSeconds(10))).isTrue();
        assertThat(destination.delivered()).hasSize(1);
    }

    @Test
    void aFullRingDropsAndCountsExactly() throws Exception {
        FakeDestination destination = new FakeDestination().closeGate();
        Shipper<TestEvent> shipper = start(destination, config().bufferSize(16).maxInFlight(1).build());

        shipper.publish(TestEvent.of("first"), true); // taken by the only in-flight request, which hangs
        assertThat(destination.awaitFirstCall(10_000)).isTrue();
        shipper.publish(TestEvent.of("second"), true); // the consumer now waits for the in-flight permit
        await().atMost(Duration.ofSeconds(10)).until(() -> shipper.stats().getRingRemainingCapacity() == 15);

        int accepted = 0;
        for (int i = 0; i < 20; i++) {
            accepted += shipper.publish(TestEvent.of("burst" + i), false) ? 1 : 0;
        }

        assertThat(accepted).isEqualTo(15);
        assertThat(shipper.stats().getDropped()).isEqualTo(5);
        destination.openGate();
        assertThat(shipper.flush(Duration.ofSeconds(10))).isTrue();
        assertThat(destination.delivered()).hasSize(17);
        shipper.stop(Duration.ofSeconds(5));
        TestShippers.assertSettled(shipper.stats());
        assertThat(diagnostics.lines()).anySatisfy(l -> assertThat(l).contains("dropped 5 events").contains("bufferSize=16"));
    }

    /** An event of 10,000 characters: 256 + 40 + 20,000 bytes by {@code TestAdapter}'s estimate. */
    private static TestEvent large(String name) {
        return TestEvent.of(name + "-" + "x".repeat(10_000 - name.length() - 1));
    }

    /** A closed destination whose one in-flight request hangs while the consumer holds the next event. */
    private Shipper<TestEvent> stalled(FakeDestination destination, ShipperConfig config) throws Exception {
        Shipper<TestEvent> shipper = start(destination, config);
        shipper.publish(TestEvent.of("first"), true);
        assertThat(destination.awaitFirstCall(10_000)).isTrue();
        shipper.publish(TestEvent.of("second"), true);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> shipper.stats().getRingRemainingCapacity() == config.bufferSize() - 1);
        return shipper;
    }

    @Test
    void aRingOverItsByteBudgetDropsAndCountsExactlyWhileSlotsAreFree() throws Exception {
        FakeDestination destination = new FakeDestination().closeGate();
        Shipper<TestEvent> shipper = stalled(destination, config().bufferSize(1024).maxInFlight(1)
                .bufferMaxBytes(65_536).build());
        long held = shipper.stats().getRingBytes(); // "second", waiting in the consumer's hands
        assertThat(held).isEqualTo(256 + 40 + 2 * "second".length());

        int accepted = 0;
        for (int i = 0; i < 10; i++) {
            accepted += shipper.publish(large("big" + i), false) ? 1 : 0;
        }

        // Admitted while under the budget: 4 events of 20,296 B take it from 308 B past 65,536 B; the rest drop.
        assertThat(accepted).isEqualTo(4);
        assertThat(shipper.stats().getRingBytes()).isEqualTo(held + 4 * 20_296L);
        assertThat(shipper.stats().getRingRemainingCapacity()).isEqualTo(1024 - 1 - 4); // slots were never the limit
        assertThat(shipper.stats().getDropped()).isEqualTo(6);
        assertThat(shipper.publish(TestEvent.of("small"), false)).isFalse(); // over the budget, small or not

        destination.openGate();
        assertThat(shipper.flush(Duration.ofSeconds(10))).isTrue();
        assertThat(shipper.stats().getRingBytes()).isZero(); // every slot gave its bytes back
        assertThat(shipper.publish(large("after"), false)).isTrue();
        assertThat(shipper.flush(Duration.ofSeconds(10))).isTrue();
        assertThat(destination.delivered()).hasSize(2 + 4 + 1);
        shipper.stop(Duration.ofSeconds(5));
        TestShippers.assertSettled(shipper.stats());
        assertThat(diagnostics.lines()).anySatisfy(l -> assertThat(l).contains("dropped 7 events")
                .contains("reached bufferMaxBytes=65536").contains("overflowPolicy=drop"));
        assertThat(diagnostics.lines()).noneSatisfy(l -> assertThat(l).contains("ring buffer full"));
    }

    @Test
    void withoutAByteBudgetOnlySlotsBoundTheRing() throws Exception {
        FakeDestination destination = new FakeDestination().closeGate();
        Shipper<TestEvent> shipper = stalled(destination, config().bufferSize(16).maxInFlight(1).bufferMaxBytes(0)
                .build());
        int accepted = 0;
        for (int i = 0; i < 20; i++) {
            accepted += shipper.publish(large("big" + i), false) ? 1 : 0;
        }
        assertThat(accepted).isEqualTo(15);
        assertThat(shipper.stats().getRingBytes()).isZero();
        destination.openGate();
        assertThat(shipper.flush(Duration.ofSeconds(10))).isTrue();
        assertThat(destination.delivered()).hasSize(17);
    }

    @Test
    void blockPolicyWaitsForTheByteBudget() throws Exception {
        FakeDestination destination = new FakeDestination().closeGate();
        Shipper<TestEvent> shipper = stalled(destination, config().bufferSize(1024).maxInFlight(1)
                .bufferMaxBytes(65_536).overflowPolicy(OverflowPolicy.BLOCK).blockTimeout(Duration.ofSeconds(30))
                .build());
        for (int i = 0; i < 4; i++) {
            assertThat(shipper.publish(large("big" + i), false)).isTrue();
        }
        AtomicBoolean accepted = new AtomicBoolean();
        CountDownLatch done = new CountDownLatch(1);
        Thread publisher = new Thread(() -> {
            accepted.set(shipper.publish(large("waits"), false));
            done.countDown();
        });
        publisher.start();
        // Parked in the wait for the budget, not returned: the slots were free all along.
        await().atMost(Duration.ofSeconds(10)).until(() -> publisher.getState() == Thread.State.TIMED_WAITING);
        assertThat(done.getCount()).isEqualTo(1);
        assertThat(shipper.stats().getRingRemainingCapacity()).isEqualTo(1024 - 1 - 4);

        destination.openGate();
        assertThat(done.await(20, TimeUnit.SECONDS)).isTrue();
        assertThat(accepted).isTrue();
        assertThat(shipper.flush(Duration.ofSeconds(10))).isTrue();
        assertThat(destination.delivered()).hasSize(2 + 4 + 1);
        assertThat(shipper.stats().getDropped()).isZero();
    }

    @Test
    void aConsumerStillBusyAtTheStopDeadlineGivesEverythingToTheFallbackAfterwards() throws Exception {
        FakeDestination destination = new FakeDestination();
        Shipper<TestEvent> shipper = start(destination, config().maxBatchDelay(Duration.ofHours(1)).build());
        CountDownLatch encoding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Object slow = new Object() {
            @Override
            public String toString() { // read by the consumer while it encodes the event
                encoding.countDown();
                boolean interrupted = false;
                while (release.getCount() > 0) { // busy like a long encoding: the stop's interrupt does not end it
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
                return "slow";
            }
        };
        for (int i = 0; i < 10; i++) {
            shipper.publish(TestEvent.of("before-" + i), false); // held by the batcher: an hour's linger
        }
        shipper.publish(TestEvent.of("slow").kv("value", slow), false);
        assertThat(encoding.await(10, TimeUnit.SECONDS)).isTrue();
        for (int i = 0; i < 5; i++) {
            shipper.publish(TestEvent.of("after-" + i), false); // behind it in the ring, after the batch it took
        }

        assertThat(shipper.stop(Duration.ofMillis(300))).isFalse();
        assertThat(diagnostics.lines()).anySatisfy(l -> assertThat(l).contains("still busy at the shutdown deadline"));
        release.countDown();

        // The consumer finishes its batch after stop returned: the batcher's events too reach the fallback.
        await().atMost(Duration.ofSeconds(10)).until(() -> shipper.stats().getFallback() == 16);
        TestShippers.assertSettled(shipper.stats());
        assertThat(destination.delivered()).isEmpty();
        assertThat(fallback.entries()).extracting(e -> message(e.event())).contains("before-0", "slow", "after-4");
    }

    @Test
    void blockPolicyWaitsForRoomThenGivesUpAfterBlockTimeout() throws Exception {
        FakeDestination destination = new FakeDestination().closeGate();
        Shipper<TestEvent> shipper = start(destination, config().bufferSize(2).maxInFlight(1)
                .overflowPolicy(OverflowPolicy.BLOCK).blockTimeout(Duration.ofMillis(50)).build());
        shipper.publish(TestEvent.of("first"), true);
        assertThat(destination.awaitFirstCall(10_000)).isTrue();
        shipper.publish(TestEvent.of("second"), true);
        await().atMost(Duration.ofSeconds(10)).until(() -> shipper.stats().getRingRemainingCapacity() == 1);
        assertThat(shipper.publish(TestEvent.of("third"), false)).isTrue();

        long before = System.nanoTime();
        assertThat(shipper.publish(TestEvent.of("fourth"), false)).isFalse(); // waited blockTimeout, then dropped
        assertThat(System.nanoTime() - before).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(50));
        assertThat(shipper.stats().getDropped()).isEqualTo(1);

        // A blocked publisher proceeds as soon as room appears.
        ShipperConfig patient = config().bufferSize(2).maxInFlight(1).overflowPolicy(OverflowPolicy.BLOCK)
                .blockTimeout(Duration.ofSeconds(30)).build();
        FakeDestination slow = new FakeDestination().closeGate();
        Shipper<TestEvent> second = start(slow, patient);
        second.publish(TestEvent.of("a"), true);
        assertThat(slow.awaitFirstCall(10_000)).isTrue();
        second.publish(TestEvent.of("b"), true);
        second.publish(TestEvent.of("c"), false);
        AtomicBoolean accepted = new AtomicBoolean();
        CountDownLatch done = new CountDownLatch(1);
        Thread publisher = new Thread(() -> {
            accepted.set(second.publish(TestEvent.of("d"), false));
            done.countDown();
        });
        publisher.start();
        slow.openGate();
        assertThat(done.await(20, TimeUnit.SECONDS)).isTrue();
        assertThat(accepted).isTrue();
        assertThat(second.flush(Duration.ofSeconds(10))).isTrue();
        assertThat(slow.delivered()).hasSize(4);
        assertThat(second.stats().getDropped()).isZero();
        destination.openGate();
    }

    @Test
    void onlyTheFailedEntriesAreRetried() {
        AtomicInteger request = new AtomicInteger();
        FakeDestination destination = new FakeDestination().behaviour(entries -> {
            if (request.getAndIncrement() > 0) {
                return SendOutcome.delivered();
            }
            Failure[] failures = new Failure[entries.size()];
            for (int i = 1; i < entries.size(); i += 2) {
                failures[i] = Failure.retryable("ProvisionedThroughputExceededException", "slow down", false);
            }
            return SendOutcome.perEntry(failures);
        });
        Shipper<TestEvent> shipper = start(destination, config().maxBatchDelay(Duration.ofHours(1)).build());
        for (int i = 0; i < 10; i++) {
            shipper.publish(TestEvent.of("e" + i), false);
        }

        assertThat(shipper.flush(Duration.ofSeconds(10))).isTrue();

        List<List<EncodedEvent>> requests = destination.requests();
        assertThat(requests).hasSize(2);
        assertThat(requests.get(1)).extracting(TestShippers::message).containsExactly("e1", "e3", "e5", "e7", "e9");
        assertThat(destination.delivered()).extracting(TestShippers::message).containsExactlyInAnyOrder(
                "e0", "e1", "e2", "e3", "e4", "e5", "e6", "e7", "e8", "e9");
        assertThat(shipper.stats().getRetried()).isEqualTo(5);
        assertThat(shipper.stats().getRequests()).isEqualTo(2);
        assertThat(shipper.stats().getPossibleDuplicates()).isZero();
        TestShippers.assertSettled(shipper.stats());
    }

    @Test
    void retriesStopAtMaxRetriesAndTheEventsFallBackWithTheReason() {
        FakeDestination destination = new FakeDestination().behaviour(entries ->
                SendOutcome.failed(Failure.retryable("InternalFailure", "try again", false)));
        Shipper<TestEvent> shipper = start(destination, config().maxRetries(3).build());
        shipper.publish(TestEvent.of("doomed"), false);

        assertThat(shipper.flush(Duration.ofSeconds(10))).isTrue();

        assertThat(destination.calls()).isEqualTo(4);
        assertThat(fallback.entries()).singleElement().satisfies(e -> {
            assertThat(message(e.event())).isEqualTo("doomed");
            assertThat(e.reason()).contains("not delivered after 4 attempts").contains("InternalFailure");
        });
        TestShippers.assertSettled(shipper.stats());
    }

    @Test
    void rejectedEntriesFallBackWithoutRetryAndTheRestIsDelivered() {
        FakeDestination destination = new FakeDestination().behaviour(entries -> {
            Failure[] failures = new Failure[entries.size()];
            failures[0] = Failure.rejected("TooOld", "older than retention");
            return SendOutcome.perEntry(failures);
        });
        Shipper<TestEvent> shipper = start(destination, config().maxBatchDelay(Duration.ofHours(1)).build());
        shipper.publish(TestEvent.of("old"), false);
        shipper.publish(TestEvent.of("fresh"), false);

        assertThat(shipper.flush(Duration.ofSeconds(10))).isTrue();

        assertThat(destination.calls()).isEqualTo(1);
        assertThat(destination.delivered()).extracting(TestShippers::message).containsExactly("fresh");
        assertThat(fallback.entries()).singleElement().satisfies(e -> assertThat(e.reason()).contains("TooOld"));
        TestShippers.assertSettled(shipper.stats());
    }

    @Test
    void anUnusableDestinationIsReportedOnceAndNotHammered() {
        FakeDestination destination = new FakeDestination(1, 1 << 20, 1 << 20).behaviour(entries -> SendOutcome.failed(
                Failure.unusable("ResourceNotFoundException", "Stream app-logs under account 1 not found.")));
        // One request at a time: with two, both may reach the destination before the first answer marks it unusable.
        Shipper<TestEvent> shipper = start(destination, config().maxInFlight(1).build());

        for (int i = 0; i < 50; i++) {
            shipper.publish(TestEvent.of("e" + i), false);
        }
        assertThat(shipper.flush(Duration.ofSeconds(10))).isTrue();

        assertThat(destination.calls()).isEqualTo(1); // the cooldown spares the other 49 requests
        assertThat(fallback.entries()).hasSize(50).allSatisfy(e -> assertThat(e.reason()).contains("ResourceNotFound"));
        assertThat(diagnostics.lines()).filteredOn(l -> l.contains("can not accept events")).hasSize(1)
                .first().asString().contains("Stream app-logs").contains("fake destination");
        TestShippers.assertSettled(shipper.stats());
    }

    @Test
    void aClientThatCanNotBeBuiltSendsEverythingToTheFallbackAndSaysWhy() {
        FakeDestination destination = new FakeDestination().failOpen(new IllegalStateException("Unable to load region"));
        Shipper<TestEvent> shipper = start(destination, config().build());
        shipper.publish(TestEvent.of("kept"), false);

        assertThat(shipper.flush(Duration.ofSeconds(10))).isTrue();

        assertThat(destination.calls()).isZero();
        assertThat(fallback.entries()).singleElement().satisfies(e -> assertThat(e.reason()).contains("Unable to load region"));
        assertThat(diagnostics.lines()).anySatisfy(l -> assertThat(l).contains("could not create the AWS client"));
    }

    @Test
    void stopReturnsWithinItsDeadlineWhenTheDestinationHangsAndFallsBackEverything() {
        FakeDestination destination = new FakeDestination(10, 1 << 20, 1 << 20).closeGate();
        Shipper<TestEvent> shipper = start(destination, config().bufferSize(1024).build());
        int threadsBefore = TestThreads.ofAppender(shipper.name());
        for (int i = 0; i < 500; i++) {
            shipper.publish(TestEvent.of("e" + i), false);
        }

        long start = System.nanoTime();
        boolean clean = shipper.stop(Duration.ofSeconds(1));
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(clean).isFalse();
        assertThat(tookMillis).isLessThan(1_000 + 1_000);
        ShipperStats stats = shipper.stats();
        assertThat(stats.getPublished()).isEqualTo(500);
        assertThat(stats.getFallback()).isEqualTo(500);
        TestShippers.assertSettled(stats);
        assertThat(fallback.entries()).extracting(e -> message(e.event())).doesNotHaveDuplicates().hasSize(500);
        assertThat(threadsBefore).isPositive();
        destination.openGate();
        await().atMost(Duration.ofSeconds(10)).until(() -> TestThreads.ofAppender(shipper.name()) == 0);
    }

    @Test
    void stopDeliversWhatIsBufferedAndLeavesNoThreadBehind() {
        FakeDestination destination = new FakeDestination();
        Shipper<TestEvent> shipper = start(destination, config().maxBatchDelay(Duration.ofHours(1)).build());
        for (int i = 0; i < 100; i++) {
            shipper.publish(TestEvent.of("e" + i), false);
        }

        assertThat(shipper.stop(Duration.ofSeconds(10))).isTrue();

        assertThat(destination.delivered()).hasSize(100);
        assertThat(destination.closed()).isTrue();
        assertThat(shipper.publish(TestEvent.of("late"), false)).isFalse();
        assertThat(shipper.stats().getDropped()).isZero();
        assertThat(shipper.stats().getLate()).isEqualTo(1);
        assertThat(shipper.stats().getFallback()).isEqualTo(1);
        TestShippers.assertSettled(shipper.stats());
        await().atMost(Duration.ofSeconds(10)).until(() -> TestThreads.ofAppender(shipper.name()) == 0);
    }

    @Test
    void urgentEventsAreSentWithoutWaitingForTheLinger() {
        FakeDestination destination = new FakeDestination();
        Shipper<TestEvent> shipper = start(destination, config().maxBatchDelay(Duration.ofHours(1)).build());
        shipper.publish(TestEvent.of("info"), false);
        shipper.publish(TestEvent.of("error"), true);

        await().atMost(Duration.ofSeconds(10)).until(() -> destination.delivered().size() == 2);
    }

    @Test
    void theLingerClosesABatchWithoutAFlush() {
        FakeDestination destination = new FakeDestination();
        Shipper<TestEvent> shipper = start(destination, config().maxBatchDelay(Duration.ofMillis(50)).build());
        shipper.publish(TestEvent.of("lonely"), false);

        await().atMost(Duration.ofSeconds(10)).until(() -> destination.delivered().size() == 1);
    }

    @Test
    void internalLoggersAndShipperThreadsAreNeverShipped() {
        AtomicReference<Shipper<TestEvent>> self = new AtomicReference<>();
        AtomicBoolean republished = new AtomicBoolean(true);
        FakeDestination destination = new FakeDestination().behaviour(entries -> {
            // What an SDK debug line logged on the sender thread would do.
            republished.set(self.get().publish(TestEvent.of("from sender thread").logger("com.acme.Hook"), false));
            return SendOutcome.delivered();
        });
        Shipper<TestEvent> shipper = start(destination, config().build());
        self.set(shipper);

        assertThat(shipper.publish(TestEvent.of("sdk").logger("software.amazon.awssdk.request"), false)).isFalse();
        assertThat(shipper.publish(TestEvent.of("http").logger("org.apache.http.wire"), false)).isFalse();
        assertThat(shipper.publish(TestEvent.of("app").logger("com.acme.App"), false)).isTrue();
        assertThat(shipper.flush(Duration.ofSeconds(10))).isTrue();

        assertThat(republished).isFalse();
        assertThat(destination.delivered()).extracting(TestShippers::message).containsExactly("app");
        assertThat(shipper.stats().getPublished()).isEqualTo(1);
    }

    @Test
    void logTypeComesFromMdcOrKeyValuesAndTheAllowListFilters() throws Exception {
        FakeDestination destination = new FakeDestination();
        Shipper<TestEvent> shipper = start(destination, config().build(),
                new LogTypes("app", "log_type", "app, audit"));

        shipper.publish(TestEvent.of("default"), false);
        shipper.publish(TestEvent.of("via mdc").mdc("log_type", "audit"), false);
        shipper.publish(TestEvent.of("via kv").kv("log_type", "audit"), false);
        shipper.publish(TestEvent.of("not allowed").mdc("log_type", "debug"), false);
        assertThat(shipper.flush(Duration.ofSeconds(10))).isTrue();

        Map<String, String> typeByMessage = new HashMap<>();
        for (EncodedEvent e : destination.delivered()) {
            typeByMessage.put(message(e), JSON.readTree(e.json()).get("log_type").asText());
        }
        assertThat(typeByMessage).containsExactlyInAnyOrderEntriesOf(Map.of("default", "app", "via mdc", "audit",
                "via kv", "audit"));
        assertThat(shipper.stats().getFiltered()).isEqualTo(1);
        assertThat(shipper.stats().getPublished()).isEqualTo(3);
    }

    @Test
    void ambiguousFailuresAreCountedAsPossibleDuplicates() {
        AtomicInteger request = new AtomicInteger();
        FakeDestination destination = new FakeDestination().behaviour(entries -> request.getAndIncrement() == 0
                ? SendOutcome.failed(Failure.retryable("SocketTimeoutException", "read timed out", true))
                : SendOutcome.delivered());
        Shipper<TestEvent> shipper = start(destination, config().maxBatchDelay(Duration.ofHours(1)).build());
        shipper.publish(TestEvent.of("a"), false);
        shipper.publish(TestEvent.of("b"), false);

        assertThat(shipper.flush(Duration.ofSeconds(10))).isTrue();

        assertThat(shipper.stats().getPossibleDuplicates()).isEqualTo(2);
        assertThat(shipper.stats().getDelivered()).isEqualTo(2);
    }

    @Test
    void logbeamFlushesEveryShipperAndStatisticsAreInJmx() throws Exception {
        FakeDestination one = new FakeDestination();
        FakeDestination two = new FakeDestination();
        Shipper<TestEvent> a = start(one, config().maxBatchDelay(Duration.ofHours(1)).jmx(true).build());
        Shipper<TestEvent> b = start(two, config().maxBatchDelay(Duration.ofHours(1)).build());
        a.publish(TestEvent.of("a"), false);
        b.publish(TestEvent.of("b"), false);

        assertThat(Logbeam.flush(Duration.ofSeconds(10))).isTrue();

        assertThat(one.delivered()).hasSize(1);
        assertThat(two.delivered()).hasSize(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> a.mbeanName() != null);
        Object delivered = ManagementFactory.getPlatformMBeanServer().getAttribute(a.mbeanName(), "Delivered");
        assertThat(delivered).isEqualTo(1L);
        assertThat(a.mbeanName().toString()).startsWith("io.logbeam:type=Appender,name=");
        a.stop(Duration.ofSeconds(5));
        assertThat(ManagementFactory.getPlatformMBeanServer().isRegistered(a.mbeanName())).isFalse();
    }

    @SuppressWarnings("unused")
    private static List<BatchEntry> none() {
        return List.of();
    }

    @Test
    void withTheJvmsMBeanServerUpTheStatisticsAreInJmxBeforeStartReturns() throws Exception {
        ManagementFactory.getPlatformMBeanServer(); // what a JMX agent or Spring Boot has done before

        Shipper<TestEvent> shipper = start(new FakeDestination(), config().jmx(true).build());

        assertThat(shipper.mbeanName()).as("registered by start, on the starting thread").isNotNull();
        assertThat(ManagementFactory.getPlatformMBeanServer().getAttribute(shipper.mbeanName(), "SpoolEvents"))
                .isEqualTo(0L);
        shipper.stop(Duration.ofSeconds(5));
        assertThat(ManagementFactory.getPlatformMBeanServer().isRegistered(shipper.mbeanName())).isFalse();
    }
}

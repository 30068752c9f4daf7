package io.logbeam.core.engine;

import static io.logbeam.core.testing.TestShippers.message;
import static org.assertj.core.api.Assertions.assertThat;

import io.logbeam.core.testing.CapturingFallback;
import io.logbeam.core.testing.FakeDestination;
import io.logbeam.core.testing.TestEvent;
import io.logbeam.core.testing.TestShippers;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Stops that overlap (Logbeam's JVM exit hook and the framework's own stop at the same exit), events logged while a
 * stop runs, and the JVM exit hook's life cycle.
 */
class ShipperStopTest {

    private static final AtomicInteger NAMES = new AtomicInteger();

    @RegisterExtension
    final TestShippers shippers = new TestShippers();
    private final CapturingFallback fallback = shippers.fallback();

    private ShipperConfig.Builder config() {
        return ShipperConfig.builder().name("stop-" + NAMES.incrementAndGet()).maxBatchDelay(Duration.ofHours(1))
                .retryBaseDelay(Duration.ofMillis(1)).retryMaxDelay(Duration.ofMillis(20)).jmx(false);
    }

    private Shipper<TestEvent> start(FakeDestination destination, ShipperConfig config) {
        return shippers.start(shippers.builder(destination).config(config));
    }

    @Test
    void aSecondStopWaitsForTheFirstAndNothingIsDeliveredTwice() throws Exception {
        FakeDestination destination = new FakeDestination().closeGate();
        Shipper<TestEvent> shipper = start(destination, config().build());
        for (int i = 0; i < 300; i++) {
            shipper.publish(TestEvent.of("e" + i), false);
        }

        CompletableFuture<Boolean> first = CompletableFuture.supplyAsync(() -> shipper.stop(Duration.ofSeconds(20)));
        assertThat(destination.awaitFirstCall(10_000)).as("the first stop is sending").isTrue();
        CompletableFuture<Boolean> second = CompletableFuture.supplyAsync(() -> shipper.stop(Duration.ofSeconds(20)));
        assertThat(second).as("the second stop waits while the first is still delivering").isNotDone();
        destination.openGate();

        assertThat(first.get(30, TimeUnit.SECONDS)).isTrue();
        assertThat(second.get(30, TimeUnit.SECONDS)).as("the first stop's result").isTrue();
        assertThat(destination.delivered()).extracting(TestShippers::message).doesNotHaveDuplicates().hasSize(300);
        assertThat(fallback.entries()).isEmpty();
        TestShippers.assertSettled(shipper.stats());
    }

    @Test
    void eventsLoggedWhileTheShipperStopsGoToTheFallbackWithTheReason() throws Exception {
        FakeDestination destination = new FakeDestination().closeGate();
        Shipper<TestEvent> shipper = start(destination, config().build());
        shipper.publish(TestEvent.of("before"), false);
        CompletableFuture<Boolean> stop = CompletableFuture.supplyAsync(() -> shipper.stop(Duration.ofSeconds(20)));
        assertThat(destination.awaitFirstCall(10_000)).isTrue();

        assertThat(shipper.publish(TestEvent.of("during"), false)).as("not accepted into the ring").isFalse();

        assertThat(fallback.entries()).singleElement().satisfies(entry -> {
            assertThat(message(entry.event())).isEqualTo("during");
            assertThat(entry.reason()).isEqualTo(LateEvents.REASON);
        });
        destination.openGate();
        assertThat(stop.get(30, TimeUnit.SECONDS)).isTrue();
        assertThat(destination.delivered()).extracting(TestShippers::message).containsExactly("before");
        assertThat(shipper.stats().getLate()).isEqualTo(1);
        assertThat(shipper.stats().getDropped()).isZero();
        TestShippers.assertSettled(shipper.stats());
    }

    @Test
    void theExitHookIsInstalledWhileAShipperNeedsItAndRemovedWithTheLast() {
        java.util.List<Thread> installed = new java.util.ArrayList<>();
        JvmExitHook exitHook = new JvmExitHook(new JvmExitHook.Hooks() {
            @Override
            public void add(Thread hook) {
                installed.add(hook);
            }

            @Override
            public void remove(Thread hook) {
                installed.remove(hook);
            }
        });
        Shipper<TestEvent> first = start(new FakeDestination(), config().build());
        Shipper<TestEvent> second = start(new FakeDestination(), config().build());

        exitHook.add(first);
        exitHook.add(second);
        assertThat(installed).as("one hook for every shipper").hasSize(1);
        exitHook.remove(first);
        assertThat(installed).hasSize(1);
        exitHook.remove(second);
        assertThat(installed).as("removed: a web application's class loader must not stay").isEmpty();
        exitHook.add(first);
        assertThat(installed).hasSize(1).first().isSameAs(exitHook.hook());
    }

    @Test
    void atJvmExitTheHookDeliversWhatEveryShipperHolds() {
        JvmExitHook exitHook = new JvmExitHook(new JvmExitHook.Hooks() {
            @Override
            public void add(Thread hook) {
            }

            @Override
            public void remove(Thread hook) {
            }
        });
        FakeDestination one = new FakeDestination();
        FakeDestination two = new FakeDestination();
        Shipper<TestEvent> first = start(one, config().build());
        Shipper<TestEvent> second = start(two, config().build());
        for (int i = 0; i < 100; i++) {
            first.publish(TestEvent.of("a" + i), false);
            second.publish(TestEvent.of("b" + i), false);
        }
        exitHook.add(first);
        exitHook.add(second);

        exitHook.run(); // what the JVM does at exit

        assertThat(first.isRunning()).isFalse();
        assertThat(second.isRunning()).isFalse();
        assertThat(one.delivered()).hasSize(100);
        assertThat(two.delivered()).hasSize(100);
    }

    @Test
    void aShipperWithTheHookOffIsNotRegistered() {
        Shipper<TestEvent> with = start(new FakeDestination(), config().build());
        Shipper<TestEvent> without = start(new FakeDestination(), config().useShutdownHook(false).build());
        assertThat(JvmExitHook.JVM.hook()).isNotNull();
        assertThat(registered(with)).isTrue();
        assertThat(registered(without)).isFalse();
        with.stop(Duration.ofSeconds(5));
        assertThat(registered(with)).isFalse();
    }

    private static boolean registered(Shipper<?> shipper) {
        return JvmExitHook.JVM.holds(shipper);
    }

    /**
     * Building the AWS client can take seconds (class loading on a loaded machine, at JVM exit): a stop must still
     * return on time and hand what it holds to the fallback, instead of waiting for the client. It waited, holding
     * the JVM exit hook past its join, so the JVM ended with the events neither sent nor in the fallback.
     */
    @Test
    void aStopReturnsOnTimeWhileTheClientIsStillBeingBuilt() throws Exception {
        FakeDestination destination = new FakeDestination().slowOpen();
        Shipper<TestEvent> shipper = start(destination, config().maxBatchDelay(Duration.ofMillis(10)).build());
        for (int i = 0; i < 10; i++) {
            shipper.publish(TestEvent.of("e" + i), false);
        }
        assertThat(destination.awaitOpening(10_000)).isTrue();
        long start = System.nanoTime();
        CompletableFuture<Boolean> stop = CompletableFuture.supplyAsync(() -> shipper.stop(Duration.ofSeconds(1)));

        boolean clean;
        try {
            clean = stop.get(10, TimeUnit.SECONDS); // a TimeoutException here is the bug: stop waited for the client
        } finally {
            destination.finishOpening();
        }
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(clean).isFalse();
        assertThat(tookMillis).as("stop(1 s) returns within its margin").isLessThan(2_500);
        assertThat(fallback.entries()).hasSize(10);
        TestShippers.assertSettled(shipper.stats());
    }
}

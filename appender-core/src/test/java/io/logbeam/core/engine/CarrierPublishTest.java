package io.logbeam.core.engine;

import static io.logbeam.core.testing.TestShippers.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logbeam.core.event.EncodedEvent;
import io.logbeam.core.event.EventCarriers;
import io.logbeam.core.event.EventCopier;
import io.logbeam.core.event.LogTypes;
import io.logbeam.core.testing.CapturingFallback;
import io.logbeam.core.testing.FakeDestination;
import io.logbeam.core.testing.TestEvent;
import io.logbeam.core.testing.TestShippers;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link Shipper#publishCopy}: events copied into preallocated per-slot carriers (see {@link EventCarriers}). */
@Timeout(60)
class CarrierPublishTest {

    private static final AtomicInteger NAMES = new AtomicInteger();

    @RegisterExtension
    final TestShippers shippers = new TestShippers();
    private final CapturingFallback fallback = shippers.fallback();

    /** TestEvent carriers that count what is made and released, and check a released carrier is empty. */
    private static final class Carriers implements EventCarriers<TestEvent> {
        final AtomicInteger made = new AtomicInteger();
        final AtomicInteger released = new AtomicInteger();

        @Override
        public TestEvent newCarrier() {
            made.incrementAndGet();
            return new TestEvent();
        }

        @Override
        public void release(TestEvent carrier) {
            released.incrementAndGet();
            carrier.message = null;
            carrier.logger = null;
            carrier.mdc.clear();
        }
    }

    private static final EventCopier<TestEvent> COPY = (source, carrier) -> {
        carrier.time = source.time;
        carrier.logger = source.logger;
        carrier.message = source.message;
        carrier.mdc.putAll(source.mdc);
    };

    private final Carriers carriers = new Carriers();

    private ShipperConfig.Builder config() {
        return ShipperConfig.builder().name("carrier-" + NAMES.incrementAndGet()).maxBatchDelay(Duration.ofMillis(20))
                .retryBaseDelay(Duration.ofMillis(1)).retryMaxDelay(Duration.ofMillis(20)).jmx(false);
    }

    private Shipper<TestEvent> start(FakeDestination destination, ShipperConfig config, LogTypes logTypes) {
        return shippers.start(shippers.builder(destination).carriers(carriers).config(config).logTypes(logTypes));
    }

    @Test
    void eachSlotHasOneCarrierAndReusedSourcesShipAsPublished() throws Exception {
        FakeDestination destination = new FakeDestination(100, 1 << 20, 1 << 20);
        Shipper<TestEvent> shipper = start(destination, config().bufferSize(256).overflowPolicy(OverflowPolicy.BLOCK)
                .blockTimeout(Duration.ofSeconds(30)).build(), LogTypes.defaults());
        assertThat(carriers.made).hasValue(256);
        int threads = 4;
        int perThread = 5_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        for (int t = 0; t < threads; t++) {
            int id = t;
            pool.execute(() -> {
                TestEvent reused = new TestEvent(); // one per thread, overwritten at once, as Log4j2 does
                for (int i = 0; i < perThread; i++) {
                    reused.message = id + ":" + i;
                    shipper.publishCopy(reused, COPY, false);
                    reused.message = "overwritten";
                }
            });
        }
        pool.shutdown();
        assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

        assertThat(shipper.flush(Duration.ofSeconds(30))).isTrue();

        Set<String> messages = new HashSet<>();
        for (EncodedEvent e : destination.delivered()) {
            messages.add(message(e));
        }
        assertThat(destination.delivered()).hasSize(threads * perThread);
        assertThat(messages).hasSize(threads * perThread).doesNotContain("overwritten");
        assertThat(carriers.made).as("no carrier made after the start").hasValue(256);
        assertThat(carriers.released).hasValue(threads * perThread);
        TestShippers.assertSettled(shipper.stats());
    }

    @Test
    void eventsThatAreNotShippedAreNeverCopiedNorTakeASlot() {
        FakeDestination destination = new FakeDestination();
        AtomicInteger copies = new AtomicInteger();
        Shipper<TestEvent> shipper = start(destination, config().build(), new LogTypes("app", "log_type", "app"));

        shipper.publishCopy(TestEvent.of("audit").mdc("log_type", "audit"), (s, c) -> copies.incrementAndGet(), false);
        shipper.publishCopy(TestEvent.of("sdk").logger("software.amazon.awssdk.core"),
                (s, c) -> copies.incrementAndGet(), false);
        shipper.publishCopy(TestEvent.of("shipped"), COPY, false);

        assertThat(shipper.flush(Duration.ofSeconds(10))).isTrue();
        assertThat(copies).hasValue(0);
        assertThat(destination.delivered()).extracting(TestShippers::message).containsExactly("shipped");
        assertThat(shipper.stats().getFiltered()).isEqualTo(1);
    }

    @Test
    void aCopierThatThrowsCostsOnlyItsEvent() {
        FakeDestination destination = new FakeDestination();
        Shipper<TestEvent> shipper = start(destination, config().bufferSize(16).overflowPolicy(OverflowPolicy.BLOCK)
                .blockTimeout(Duration.ofSeconds(10)).build(), LogTypes.defaults());

        for (int i = 0; i < 40; i++) { // more than the ring: a failed copy must give its slot back
            boolean accepted = shipper.publishCopy(TestEvent.of("bad"), (s, c) -> {
                c.message = "half copied";
                throw new IllegalStateException("copy failed");
            }, false);
            assertThat(accepted).isFalse();
        }
        assertThat(shipper.publishCopy(TestEvent.of("good"), COPY, false)).isTrue();

        assertThat(shipper.flush(Duration.ofSeconds(10))).isTrue();
        assertThat(destination.delivered()).extracting(TestShippers::message).containsExactly("good");
        assertThat(shipper.stats().getDropped()).isEqualTo(40);
        assertThat(shipper.stats().getLastError()).contains("copy failed");
        assertThat(shippers.diagnostics().lines()).anySatisfy(l -> assertThat(l).contains("copy failed"));
        TestShippers.assertSettled(shipper.stats());
    }

    @Test
    void carriersLeftInTheRingAtStopAreEncodedBeforeTheyAreReleased() {
        FakeDestination destination = new FakeDestination(10, 1 << 20, 1 << 20).closeGate();
        Shipper<TestEvent> shipper = start(destination, config().bufferSize(1024).maxInFlight(1).build(),
                LogTypes.defaults());
        TestEvent reused = new TestEvent();
        for (int i = 0; i < 500; i++) {
            reused.message = "e" + i;
            shipper.publishCopy(reused, COPY, false);
        }
        reused.message = "overwritten";

        shipper.stop(Duration.ofMillis(500));
        destination.openGate();

        List<String> everywhere = new java.util.ArrayList<>();
        destination.delivered().forEach(e -> everywhere.add(message(e)));
        fallback.entries().forEach(e -> everywhere.add(message(e.event())));
        assertThat(everywhere).doesNotHaveDuplicates().hasSize(500).doesNotContain("overwritten");
        assertThat(carriers.released).hasValue(500);
        TestShippers.assertSettled(shipper.stats());
    }

    @Test
    void publishCopyNeedsCarriersAndPublishStillWorksWithThem() {
        FakeDestination destination = new FakeDestination();
        Shipper<TestEvent> without = shippers.start(shippers.builder(destination).config(config().build()));
        assertThatThrownBy(() -> without.publishCopy(TestEvent.of("x"), COPY, false))
                .isInstanceOf(IllegalStateException.class);

        Shipper<TestEvent> with = start(destination, config().build(), LogTypes.defaults());
        assertThat(with.publish(TestEvent.of("by reference"), false)).isTrue();
        assertThat(with.flush(Duration.ofSeconds(10))).isTrue();
        assertThat(destination.delivered()).extracting(TestShippers::message).containsExactly("by reference");
        assertThat(carriers.released).as("a referenced event is not a carrier").hasValue(0);
    }
}

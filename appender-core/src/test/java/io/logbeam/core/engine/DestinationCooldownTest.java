package io.logbeam.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.logbeam.core.destination.Failure;
import io.logbeam.core.testing.CapturingDiagnostics;
import io.logbeam.core.testing.FakeDestination;
import io.logbeam.core.util.ProblemReporter;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DestinationCooldownTest {

    private final AtomicLong now = new AtomicLong(1_000);
    private final CapturingDiagnostics diagnostics = new CapturingDiagnostics();
    private final FakeDestination destination = new FakeDestination();
    private final DestinationCooldown cooldown = new DestinationCooldown(destination, new ShipperStats(),
            new ProblemReporter("cool", diagnostics), () -> false, now::get);

    @Test
    void anUnusableDestinationIsNotCalledUntilItsCooldownHasPassedAndTheCooldownDoubles() {
        Failure missing = Failure.unusable("ResourceNotFoundException", "no such stream");
        assertThat(cooldown.blockedBy()).isNull();

        cooldown.unusable(missing);
        assertThat(cooldown.blockedBy()).isSameAs(missing);
        now.addAndGet(DestinationCooldown.INITIAL_NANOS);
        assertThat(cooldown.blockedBy()).as("5 s later: one more try").isNull();

        cooldown.unusable(missing);
        now.addAndGet(DestinationCooldown.INITIAL_NANOS);
        assertThat(cooldown.blockedBy()).as("the second cooldown is 10 s").isSameAs(missing);
        now.addAndGet(DestinationCooldown.INITIAL_NANOS);
        assertThat(cooldown.blockedBy()).isNull();
        assertThat(diagnostics.lines()).as("one message for the episode").hasSize(1).first().asString()
                .contains("can not accept events").contains("no such stream").contains("fallback");
    }

    @Test
    void theCooldownNeverExceedsFiveMinutesAndASuccessEndsIt() {
        Failure denied = Failure.unusable("AccessDeniedException", "not allowed");
        for (int i = 0; i < 20; i++) {
            cooldown.unusable(denied);
        }
        now.addAndGet(DestinationCooldown.MAX_NANOS - 1);
        assertThat(cooldown.blockedBy()).isSameAs(denied);
        now.addAndGet(1);
        assertThat(cooldown.blockedBy()).isNull();

        cooldown.succeeded();
        assertThat(diagnostics.lines()).last().asString().contains("accepts events again");
        cooldown.unusable(denied);
        now.addAndGet(DestinationCooldown.INITIAL_NANOS);
        assertThat(cooldown.blockedBy()).as("back to the first cooldown").isNull();
    }

    @Test
    void aClientThatCanNotBeBuiltBlocksTheDestinationLikeAnUnusableOne() {
        destination.failOpen(new IllegalStateException("no region"));

        Failure blocked = cooldown.blockedBy();

        assertThat(blocked).isNotNull();
        assertThat(blocked.describe()).contains("could not create the AWS client").contains("no region");
        assertThat(cooldown.open()).as("not tried again during the cooldown").isFalse();
        now.addAndGet(TimeUnit.SECONDS.toNanos(5));
        destination.failOpen(null);
        assertThat(cooldown.open()).isTrue();
    }
}

package io.logbeam.core.reliability;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Hostile events through the whole path to each destination: valid JSON within limits, delivered, no throw. */
class HostileInputTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(Target.class)
    @Timeout(300)
    void everyHostileEventArrivesAsValidJsonWithinTheLimits(Target target) {
        HostileInputScenario.run(target, Profile.SUITE).assertOk();
    }
}

package io.logbeam.core.reliability;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Transient faults, outages and shutdown against each destination, at the durations of {@link Profile#SUITE}
 * (the soak runs the same scenarios at full length). Every test checks the accounting invariant of
 * {@link Outcome} against the statistics and the endpoint's records.
 */
@Timeout(180)
class FaultScenariosTest {

    private static final Profile PROFILE = Profile.SUITE;

    @ParameterizedTest(name = "{0}")
    @EnumSource(Target.class)
    void serverErrorsLoseNothing(Target target) {
        Scenarios.serverErrors(target, PROFILE).assertOk();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Target.class)
    void throttlingLosesNothing(Target target) {
        Scenarios.throttling(target, PROFILE).assertOk();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Target.class)
    void partialFailuresResendOnlyTheFailedEntries(Target target) {
        Scenarios.partialFailures(target, PROFILE).assertOk();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Target.class)
    void connectionResetsLoseNothingAndCountTheirDuplicates(Target target) {
        Scenarios.connectionResets(target, PROFILE).assertOk();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Target.class)
    void timeoutsThatExhaustTheRetriesCountEveryCopyAsAPossibleDuplicate(Target target) {
        Scenarios.timeouts(target, PROFILE).assertOk();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Target.class)
    void latencyLosesNothing(Target target) {
        Scenarios.latency(target, PROFILE).assertOk();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Target.class)
    void anOutageWithALargeRingLosesNothing(Target target) {
        Scenarios.outageLargeRing(target, PROFILE).assertOk();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Target.class)
    void anOutageWithASpoolLosesNothingEvenWithAShortRetryBudget(Target target) {
        Scenarios.outageWithSpool(target, PROFILE).assertOk();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Target.class)
    void anOutageWithASmallRingDropsAnExactCountAndSaysSo(Target target) {
        Scenarios.outageSmallRing(target, PROFILE).assertOk();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Target.class)
    void stopWithinItsDeadlineWhileTheEndpointNeverAnswers(Target target) {
        Scenarios.stopWhileHung(target, PROFILE).assertOk();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Target.class)
    void aMissingStreamIsReportedOnceWithoutARetryStorm(Target target) {
        Scenarios.missingResource(target, PROFILE).assertOk();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Target.class)
    void deniedAccessIsReportedOnceWithoutARetryStorm(Target target) {
        Scenarios.accessDenied(target, PROFILE).assertOk();
    }
}

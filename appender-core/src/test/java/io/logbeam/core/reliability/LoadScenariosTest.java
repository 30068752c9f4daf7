package io.logbeam.core.reliability;

import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** 16 threads x 50,000 events per destination, with flushes; and a stop racing 16 logging threads. */
class LoadScenariosTest {

    private static final Profile PROFILE = Profile.SUITE;

    @ParameterizedTest(name = "{0}")
    @EnumSource(Target.class)
    @Timeout(600)
    void sixteenThreadsWithConcurrentFlushesAreAccountedExactly(Target target) {
        LoadScenarios.manyThreadsWithFlushes(target, PROFILE).assertOk();
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Target.class)
    @Timeout(120)
    void stoppingWhileThreadsLogLosesNothingSilently(Target target) {
        for (int round = 1; round <= 3; round++) {
            LoadScenarios.stopWhileThreadsLog(target, PROFILE, round).assertOk();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Target.class)
    @Timeout(300)
    void stoppingWhileThreadsWaitForRoomLosesNothingSilently(Target target) {
        for (int round = 1; round <= 3; round++) {
            LoadScenarios.stopWhileThreadsWaitForRoom(target, PROFILE, round).assertOk();
        }
    }
}

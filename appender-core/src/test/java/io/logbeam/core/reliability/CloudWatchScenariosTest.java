package io.logbeam.core.reliability;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** CloudWatch Logs only: resources deleted while running, one stream shared by three processes. */
class CloudWatchScenariosTest {

    @Test
    @Timeout(120)
    void aDeletedGroupAndStreamAreRecreatedWithoutLoss() {
        CloudWatchScenarios.resourcesDeleted(Profile.SUITE).assertOk();
    }

    @Test
    @Timeout(300)
    void threeProcessesShareOneStreamWithoutLoss() {
        CloudWatchScenarios.sharedStream(Profile.SUITE).assertOk();
    }
}

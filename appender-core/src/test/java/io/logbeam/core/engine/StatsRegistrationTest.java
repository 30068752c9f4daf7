package io.logbeam.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.logbeam.core.testing.CapturingDiagnostics;
import io.logbeam.core.util.ProblemReporter;

import java.lang.management.ManagementFactory;
import javax.management.MBeanServer;
import org.junit.jupiter.api.Test;

class StatsRegistrationTest {

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer(); // exists: registration is direct

    @Test
    void aTakenNameGetsAnInstanceNumberAndCloseUnregisters() {
        ProblemReporter problems = new ProblemReporter("jmx", new CapturingDiagnostics());
        StatsRegistration first = new StatsRegistration("jmx-test", new ShipperStats(), problems);
        StatsRegistration second = new StatsRegistration("jmx-test", new ShipperStats(), problems);

        first.register(Runnable::run);
        second.register(Runnable::run);

        assertThat(first.name().toString()).isEqualTo("io.logbeam:type=Appender,name=\"jmx-test\"");
        assertThat(second.name().toString()).endsWith(",instance=2");
        first.close();
        second.close();
        assertThat(server.isRegistered(first.name())).isFalse();
        assertThat(server.isRegistered(second.name())).isFalse();
    }

    @Test
    void aRegistrationAfterCloseIsNotMade() {
        StatsRegistration late = new StatsRegistration("jmx-late", new ShipperStats(),
                new ProblemReporter("jmx", new CapturingDiagnostics()));
        late.close();

        late.register(Runnable::run);

        assertThat(late.name()).isNull();
    }
}

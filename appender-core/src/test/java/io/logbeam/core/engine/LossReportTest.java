package io.logbeam.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.logbeam.core.testing.CapturingDiagnostics;
import io.logbeam.core.util.ProblemReporter;

import org.junit.jupiter.api.Test;

class LossReportTest {

    private final CapturingDiagnostics diagnostics = new CapturingDiagnostics();
    private final ShipperStats stats = new ShipperStats();

    private LossReport report(boolean silentFallback) {
        return new LossReport(ShipperConfig.builder().name("loss").bufferSize(1024).build(), 1 << 20, stats,
                new ProblemReporter("loss", diagnostics), null, silentFallback);
    }

    @Test
    void eachKindOfDropIsSaidApartAndOnlyWhatIsNewSinceTheLastReport() {
        LossReport report = report(false);
        stats.dropped.add(7);
        report.droppedOverBudget.add(2);
        stats.dropped.add(2);
        report.droppedWhileStopping.add(1);
        stats.dropped.add(1);

        report.report();
        report.report(); // nothing new

        assertThat(diagnostics.lines()).hasSize(3)
                .anySatisfy(l -> assertThat(l).contains("dropped 7 events").contains("ring buffer full (bufferSize=1024"))
                .anySatisfy(l -> assertThat(l).contains("dropped 2 events").contains("bufferMaxBytes=1048576"))
                .anySatisfy(l -> assertThat(l).contains("dropped 1 events logged while the appender was stopping"));
        stats.dropped.add(3);
        report.report();
        assertThat(diagnostics.lines()).last().asString().contains("dropped 3 events");
    }

    @Test
    void withASilentFallbackUndeliveredEventsAreSaidToo() {
        LossReport report = report(true);
        stats.fallback.add(5);

        report.report();

        assertThat(diagnostics.lines()).singleElement().asString().contains("5 events could not be delivered")
                .contains("fallback=none");
    }
}

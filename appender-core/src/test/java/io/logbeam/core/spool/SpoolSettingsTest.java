package io.logbeam.core.spool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logbeam.core.config.AppenderProperties;
import io.logbeam.core.config.DestinationTypes;
import io.logbeam.core.engine.Shipper;
import io.logbeam.core.testing.CapturingDiagnostics;
import io.logbeam.core.testing.TestAdapter;
import io.logbeam.core.testing.TestEvent;
import io.logbeam.core.util.ConfigException;
import io.logbeam.core.util.Substitutions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The spool properties of {@code AppenderProperties}, shared by both adapters. */
class SpoolSettingsTest {

    @TempDir
    Path root;

    private static AppenderProperties settings() {
        AppenderProperties s = new AppenderProperties(DestinationTypes.FIREHOSE);
        s.set("deliveryStreamName", "logs");
        s.set("region", "us-east-1");
        s.set("endpoint", "http://127.0.0.1:9");
        s.set("accessKeyId", "test");
        s.set("secretAccessKey", "test");
        s.set("jmx", false);
        return s;
    }

    private static ConfigException.Problem[] problems(Throwable e) {
        return ((ConfigException) e).problems().toArray(new ConfigException.Problem[0]);
    }

    @Test
    void everyInvalidSpoolPropertyIsReportedByNameAtOnce() {
        AppenderProperties s = settings();
        s.set("spoolDirectory", root.toString());
        s.set("spoolMaxBytes", 1_000);
        s.set("spoolFsync", "sometimes");
        s.set("spoolOverflow", "dropAll");

        assertThatThrownBy(s::validate).isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(problems(e)).extracting(ConfigException.Problem::property)
                        .containsExactlyInAnyOrder("spoolMaxBytes", "spoolFsync", "spoolOverflow"));
        assertThatThrownBy(() -> s.start("bad", new TestAdapter(), new CapturingDiagnostics()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("spoolFsync");
        assertThat(root.resolve("bad")).doesNotExist(); // nothing created when the configuration is invalid
    }

    @Test
    void spoolPropertiesAreIgnoredWithoutADirectory() {
        AppenderProperties s = settings();
        s.set("spoolMaxBytes", 1);
        s.validate(); // no spool: nothing to check
        Shipper<TestEvent> shipper = s.start("nospool", new TestAdapter(), new CapturingDiagnostics());
        shipper.stop(Duration.ofSeconds(2));
        assertThat(shipper.stats().getSpoolBytes()).isZero();
    }

    @Test
    void aDirectoryThatCanNotBeCreatedFailsTheStartNamingSpoolDirectory() throws IOException {
        Path file = Files.createFile(root.resolve("a-file"));
        AppenderProperties s = settings();
        s.set("spoolDirectory", file.toString());

        assertThatThrownBy(() -> s.start("app", new TestAdapter(), new CapturingDiagnostics()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("property 'spoolDirectory'")
                .hasMessageContaining("could not create the directory");
    }

    @Test
    void theDirectoryMayUsePlaceholdersAndTheAppenderGetsItsOwnSubDirectory() {
        AppenderProperties s = settings();
        s.set("spoolDirectory", "{sysprop:spool.root}/spool");
        s.set("spoolMaxBytes", 1 << 20);
        s.set("spoolFsync", "never");
        s.set("spoolOverflow", "dropNewest");
        Substitutions substitutions = new Substitutions(Map.of(),
                k -> k.equals("spool.root") ? root.toString() : null, Clock.systemUTC());

        Shipper<TestEvent> shipper = s.start("orders api", new TestAdapter(), new CapturingDiagnostics(), substitutions);
        try {
            assertThat(root.resolve("spool").resolve("orders_api").resolve(".lock")).exists();
        } finally {
            shipper.stop(Duration.ofSeconds(2));
        }
    }
}

package io.logbeam.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

@EnabledOnOs({OS.LINUX, OS.MAC})
class EmulatorProcessTest {

    @Test
    void aProcessThatExitsEarlyFailsWithTheTailOfItsOutput() {
        int port = Loopback.freePort();
        assertThatThrownBy(() -> EmulatorProcess.start("early-exit",
                List.of("/bin/sh", "-c", "echo first line; echo 'cannot bind' >&2; exit 3"), Map.of(), null, port,
                Duration.ofSeconds(30)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("early-exit exited with code 3")
                .hasMessageContaining("first line")
                .hasMessageContaining("cannot bind")
                .hasMessageContaining(Path.of("target", "emulators", "early-exit-" + port + ".log").toString());
    }

    @Test
    void aSilentProcessTimesOutAndItsWholeTreeIsEnded() {
        int port = Loopback.freePort();
        assertThatThrownBy(() -> EmulatorProcess.start("silent",
                List.of("/bin/sh", "-c", "echo starting; sleep 300; echo never"), Map.of("MARKER", "x"), null, port,
                Duration.ofSeconds(1)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("silent did not answer on 127.0.0.1:" + port + " within 1 s")
                .hasMessageContaining("starting");
        await().atMost(Duration.ofSeconds(10)).until(() -> ProcessHandle.current().descendants()
                .noneMatch(process -> process.info().commandLine().orElse("").contains("sleep 300")));
    }

    @Test
    void aProcessServingHttpIsReadyAndClosesCleanly() {
        try (LocalAwsEndpoint endpoint = LocalAwsEndpoint.start()) {
            // The readiness probe accepts any HTTP answer, here the endpoint's 404 for a GET.
            EmulatorProcess process = EmulatorProcess.start("idle", List.of("/bin/sh", "-c", "sleep 300"),
                    Map.of(), null, endpoint.port(), Duration.ofSeconds(10));
            try {
                assertThat(process.isAlive()).isTrue();
            } finally {
                process.close();
            }
            assertThat(process.isAlive()).isFalse();
        }
    }

    @Test
    void kinesisLocalIsFoundFromTheModuleDirectoryWhenInstalled() {
        KinesisLocal.locateMain().ifPresent(main -> assertThat(main.toString())
                .endsWith(Path.of(".ci", "emulators", "node_modules", "kinesis-local", "main.js").toString()));
        String previous = System.getProperty("logbeam.kinesisLocal");
        System.setProperty("logbeam.kinesisLocal", "/nonexistent/main.js");
        try {
            assertThat(KinesisLocal.locateMain()).isEmpty();
            assertThat(Emulator.KINESIS_LOCAL.unavailableReason()).isPresent();
        } finally {
            if (previous == null) {
                System.clearProperty("logbeam.kinesisLocal");
            } else {
                System.setProperty("logbeam.kinesisLocal", previous);
            }
        }
    }
}

package io.logbeam.testkit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@code moto_server} (found on {@code PATH}) on a free 127.0.0.1 port, for tier-3 tests against a third-party
 * emulation of Kinesis, Firehose (delivering to moto's S3) and CloudWatch Logs.
 *
 * <p>moto speaks JSON only: build Kinesis clients for it while system property {@code aws.cborEnabled} is
 * {@code false} (the SDK reads it when the client is built).
 *
 * <p>Its output goes to {@code target/emulators/moto_server-<port>.log}. Use it through {@link RequiresEmulator} and
 * a {@code MotoServer} test parameter, or directly with try-with-resources.
 */
public final class MotoServer extends LoopbackEmulator {

    /** The message used when moto is not installed. */
    public static final String NOT_FOUND = "moto_server not found on PATH; install moto or run .ci/run";

    private static final String EXECUTABLE = "moto_server";
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);

    private MotoServer(EmulatorProcess process, int port) {
        super(process, port);
    }

    /** The {@code moto_server} executable, if on {@code PATH}. */
    public static Optional<Path> executable() {
        return Executables.onPath(EXECUTABLE);
    }

    /**
     * Starts moto and waits until it answers.
     *
     * @throws IllegalStateException when moto is missing, exits, or does not answer within 60 s
     */
    public static MotoServer start() {
        Path executable = executable().orElseThrow(() -> new IllegalStateException(NOT_FOUND));
        int port = Loopback.freePort();
        EmulatorProcess process = EmulatorProcess.start(EXECUTABLE,
                List.of(executable.toString(), "-H", "127.0.0.1", "-p", Integer.toString(port)),
                Map.of("PYTHONUNBUFFERED", "1"), null, port, STARTUP_TIMEOUT);
        return new MotoServer(process, port);
    }
}

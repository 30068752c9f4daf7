package io.logbeam.testkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The npm package {@code kinesis-local} (a build of kinesis-mock) run by {@code node} on free loopback ports, for
 * tier-3 tests against a third-party Kinesis emulation. It understands CBOR as well as JSON.
 *
 * <p>{@code main.js} is found through, in order: system property {@code logbeam.kinesisLocal}, environment variable
 * {@code KINESIS_LOCAL_MAIN}, then {@code .ci/emulators/node_modules/kinesis-local/main.js} in the working directory
 * or any parent of it, or of system property {@code logbeam.projectRoot}. Install it with
 * {@code npm ci --prefix .ci/emulators}.
 *
 * <p>kinesis-local has no bind-address option and listens on all interfaces; clients only ever use 127.0.0.1.
 * Its output goes to {@code target/emulators/kinesis-local-<port>.log}.
 */
public final class KinesisLocal extends LoopbackEmulator {

    /** Where {@code npm ci --prefix .ci/emulators} puts the package, relative to the project root. */
    public static final String RELATIVE_MAIN = ".ci/emulators/node_modules/kinesis-local/main.js";

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(90);

    private KinesisLocal(EmulatorProcess process, int port) {
        super(process, port);
    }

    /** The {@code node} executable, if on {@code PATH}. */
    public static Optional<Path> node() {
        return Executables.onPath("node");
    }

    /** kinesis-local's {@code main.js}, if it can be found (see the class description). */
    public static Optional<Path> locateMain() {
        String property = System.getProperty("logbeam.kinesisLocal");
        if (property != null && !property.isBlank()) {
            return existingMain(Path.of(property));
        }
        String environment = System.getenv("KINESIS_LOCAL_MAIN");
        if (environment != null && !environment.isBlank()) {
            return existingMain(Path.of(environment));
        }
        List<Path> roots = new ArrayList<>();
        roots.add(Path.of(System.getProperty("user.dir")));
        String projectRoot = System.getProperty("logbeam.projectRoot");
        if (projectRoot != null && !projectRoot.isBlank()) {
            roots.add(Path.of(projectRoot));
        }
        for (Path root : roots) {
            for (Path directory = root.toAbsolutePath().normalize(); directory != null;
                 directory = directory.getParent()) {
                Path candidate = directory.resolve(RELATIVE_MAIN);
                if (Files.isRegularFile(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    /** Why kinesis-local cannot be started here, or empty when it can. */
    public static Optional<String> unavailableReason() {
        if (node().isEmpty()) {
            return Optional.of("node not found on PATH; install Node.js or run .ci/run");
        }
        if (locateMain().isEmpty()) {
            return Optional.of("kinesis-local not found (" + RELATIVE_MAIN + "); run npm ci --prefix .ci/emulators "
                    + "or .ci/run, or set -Dlogbeam.kinesisLocal=/path/to/main.js");
        }
        return Optional.empty();
    }

    /**
     * Starts kinesis-local and waits until its plain HTTP port answers.
     *
     * @throws IllegalStateException when node or the package is missing, or it does not come up within 90 s
     */
    public static KinesisLocal start() {
        unavailableReason().ifPresent(reason -> {
            throw new IllegalStateException(reason);
        });
        Path node = node().orElseThrow();
        Path main = locateMain().orElseThrow();
        int plainPort = Loopback.freePort();
        int tlsPort = Loopback.freePort();
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("KINESIS_MOCK_PLAIN_PORT", Integer.toString(plainPort));
        environment.put("KINESIS_MOCK_TLS_PORT", Integer.toString(tlsPort));
        // Stream state changes are simulated with delays; keep them short so tests do not wait long.
        for (String setting : List.of("CREATE_STREAM_DURATION", "DELETE_STREAM_DURATION",
                "REGISTER_STREAM_CONSUMER_DURATION", "DEREGISTER_STREAM_CONSUMER_DURATION",
                "START_STREAM_ENCRYPTION_DURATION", "STOP_STREAM_ENCRYPTION_DURATION", "MERGE_SHARDS_DURATION",
                "SPLIT_SHARD_DURATION", "UPDATE_SHARD_COUNT_DURATION", "UPDATE_STREAM_MODE_DURATION")) {
            environment.put(setting, "50ms");
        }
        environment.put("AWS_REGION", TestCredentials.REGION);
        environment.put("AWS_ACCOUNT_ID", TestCredentials.ACCOUNT_ID);
        environment.put("SHOULD_PERSIST_DATA", "false");
        environment.put("LOAD_DATA_IF_EXISTS", "false");
        EmulatorProcess process = EmulatorProcess.start("kinesis-local",
                List.of(node.toString(), main.toString()), environment, main.getParent(), plainPort,
                STARTUP_TIMEOUT);
        return new KinesisLocal(process, plainPort);
    }

    private static Optional<Path> existingMain(Path configured) {
        Path main = Files.isDirectory(configured) ? configured.resolve("main.js") : configured;
        return Files.isRegularFile(main) ? Optional.of(main.toAbsolutePath()) : Optional.empty();
    }
}

package io.logbeam.testkit;

import java.net.URI;
import java.nio.file.Path;

/**
 * What every emulator handle offers ({@link MotoServer}, {@link KinesisLocal}): a started {@link EmulatorProcess}
 * serving plain HTTP on a 127.0.0.1 port. The subclasses only know how to start their process.
 */
abstract class LoopbackEmulator implements AutoCloseable {

    private final EmulatorProcess process;
    private final int port;

    LoopbackEmulator(EmulatorProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /** {@code http://127.0.0.1:<port>}. */
    public URI uri() {
        return Loopback.httpUri(port);
    }

    /** The plain HTTP port on 127.0.0.1. */
    public int port() {
        return port;
    }

    /** Where the process's output is captured. */
    public Path logFile() {
        return process.logFile();
    }

    /** Whether the process still runs. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** Ends the process and any child processes. */
    @Override
    public void close() {
        process.close();
    }
}

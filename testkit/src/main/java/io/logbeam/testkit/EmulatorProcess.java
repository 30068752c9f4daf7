package io.logbeam.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A child process that serves HTTP on a loopback port: started with its output captured to a file, awaited until
 * the port answers HTTP, and ended with its whole process tree.
 */
final class EmulatorProcess implements AutoCloseable {

    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);
    private static final Duration STOP_GRACE = Duration.ofSeconds(5);
    private static final int TAIL_LINES = 40;

    private final String name;
    private final Process process;
    private final Path logFile;

    private EmulatorProcess(String name, Process process, Path logFile) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
    }

    /**
     * Starts {@code command} and waits until {@code 127.0.0.1:port} answers an HTTP request.
     *
     * @throws IllegalStateException when the process ends or stays silent for {@code startupTimeout}; the message
     *                               carries the tail of its output
     */
    static EmulatorProcess start(String name, List<String> command, Map<String, String> environment,
                                 Path workingDirectory, int port, Duration startupTimeout) {
        Path logFile = logFile(name, port);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(logFile.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
        if (workingDirectory != null) {
            builder.directory(workingDirectory.toFile());
        }
        builder.environment().putAll(environment);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + name + " (" + String.join(" ", command) + "): " + e, e);
        }
        EmulatorProcess started = new EmulatorProcess(name, process, logFile);
        started.awaitHttp(port, startupTimeout);
        return started;
    }

    /** The file holding the process's stdout and stderr. */
    Path logFile() {
        return logFile;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Ends the process and all its descendants: politely first, forcibly after a grace period. */
    @Override
    public void close() {
        List<ProcessHandle> tree = new ArrayList<>();
        process.descendants().forEach(tree::add);
        tree.add(process.toHandle());
        tree.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + STOP_GRACE.toNanos();
        for (ProcessHandle handle : tree) {
            long left = deadline - System.nanoTime();
            try {
                handle.onExit().get(Math.max(0, left), TimeUnit.NANOSECONDS);
            } catch (Exception e) {
                handle.descendants().forEach(ProcessHandle::destroyForcibly);
                handle.destroyForcibly();
            }
        }
        try {
            process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitHttp(int port, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (answersHttp(port)) {
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with code " + process.exitValue()
                        + " before answering on 127.0.0.1:" + port + "; output in " + logFile + ":\n" + tail());
            }
            if (System.nanoTime() > deadline) {
                close();
                throw new IllegalStateException(name + " did not answer on 127.0.0.1:" + port + " within "
                        + timeout.toSeconds() + " s; output in " + logFile + ":\n" + tail());
            }
            LockSupport.parkNanos(POLL_INTERVAL.toNanos());
        }
    }

    /** Any HTTP status line counts: the emulators answer unknown paths with errors, which is fine for readiness. */
    private static boolean answersHttp(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(Loopback.ADDRESS, port), 500);
            socket.setSoTimeout(2_000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET / HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] start = in.readNBytes(5);
            return new String(start, StandardCharsets.US_ASCII).equals("HTTP/");
        } catch (IOException e) {
            return false;
        }
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(output unreadable: " + e + ")";
        }
    }

    /**
     * {@code target/emulators/<name>-<port>.log} below the working directory (the module directory under Maven),
     * or below the directory in system property {@code logbeam.emulatorLogDir}.
     */
    private static Path logFile(String name, int port) {
        String configured = System.getProperty("logbeam.emulatorLogDir");
        Path directory = configured != null ? Path.of(configured) : Path.of("target", "emulators");
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + directory.toAbsolutePath(), e);
        }
        return directory.resolve(name + "-" + port + ".log").toAbsolutePath();
    }

    private static java.io.File nullDevice() {
        return new java.io.File(System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
    }
}

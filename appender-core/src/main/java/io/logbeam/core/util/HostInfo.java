package io.logbeam.core.util;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Facts about this process resolved once: host name and process id.
 *
 * <p>The host name comes from {@code HOSTNAME}, then {@code /etc/hostname}, and only then from
 * {@link InetAddress#getLocalHost()}, because the last one may wait on DNS and appender start must not.
 */
public final class HostInfo {

    private static volatile String hostname;

    private HostInfo() {
    }

    /** This machine's name, never null. */
    public static String hostname() {
        String h = hostname;
        if (h == null) {
            h = resolveHostname();
            hostname = h;
        }
        return h;
    }

    /** This process's id. */
    public static long pid() {
        return ProcessHandle.current().pid();
    }

    private static String resolveHostname() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env.trim();
        }
        try {
            Path etc = Path.of("/etc/hostname");
            if (Files.isReadable(etc)) {
                String file = Files.readString(etc, StandardCharsets.UTF_8).trim();
                if (!file.isEmpty()) {
                    return file;
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through to the resolver
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException | RuntimeException e) {
            return "unknown-host";
        }
    }
}

package io.logbeam.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * The only network address the testkit uses: 127.0.0.1. Nothing here ever resolves a host name, so tests cannot
 * reach anything but this machine.
 */
public final class Loopback {

    /** 127.0.0.1, built from its bytes so that no name resolution is involved. */
    public static final InetAddress ADDRESS = ipv4Loopback();

    private Loopback() {
    }

    /** A port that was free on 127.0.0.1 a moment ago (the usual bind-to-0-and-release trick). */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(ADDRESS, 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1", e);
        }
    }

    /** {@code http://127.0.0.1:<port>}. */
    public static URI httpUri(int port) {
        return URI.create("http://127.0.0.1:" + port);
    }

    private static InetAddress ipv4Loopback() {
        try {
            return InetAddress.getByAddress("localhost", new byte[] {127, 0, 0, 1});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}

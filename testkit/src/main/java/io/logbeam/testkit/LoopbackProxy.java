package io.logbeam.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small HTTP/1.1 proxy on 127.0.0.1 that counts what passes through it, for tests that must see a client use it.
 * Either a forward proxy ({@link #forwarding()}: the client names the target in each request, as a configured proxy is
 * asked) or a reverse proxy in front of one endpoint ({@link #to(URI)}: the client thinks it is the endpoint). Either
 * way it only ever connects to 127.0.0.1, one request per connection ({@code Connection: close}), bodies with a
 * {@code Content-Length}. It records the access key id of each request's SigV4 signature, so a test can tell which
 * credentials signed what.
 */
public final class LoopbackProxy implements AutoCloseable {

    private static final Pattern CREDENTIAL = Pattern.compile("Credential=([^/,\\s]+)/");

    private final URI fixedTarget; // null: forward proxy
    private final ServerSocket server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "loopback-proxy");
        t.setDaemon(true);
        return t;
    });
    private final AtomicInteger requests = new AtomicInteger();
    private final List<String> accessKeys = new CopyOnWriteArrayList<>();
    private final List<String> targets = new CopyOnWriteArrayList<>();

    private LoopbackProxy(URI fixedTarget) throws IOException {
        this.fixedTarget = fixedTarget;
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(Loopback.ADDRESS, 0));
        threads.execute(this::accept);
    }

    /** A forward proxy: configure it as the client's HTTP proxy. */
    public static LoopbackProxy forwarding() throws IOException {
        return new LoopbackProxy(null);
    }

    /** A reverse proxy in front of {@code target} (on 127.0.0.1): use {@link #uri()} as the endpoint. */
    public static LoopbackProxy to(URI target) throws IOException {
        requireLoopback(target);
        return new LoopbackProxy(target);
    }

    /** {@code http://127.0.0.1:<port>}. */
    public URI uri() {
        return Loopback.httpUri(server.getLocalPort());
    }

    /** Requests forwarded so far. */
    public int requests() {
        return requests.get();
    }

    /** The access key id of each signed request so far, in order. */
    public List<String> accessKeys() {
        return List.copyOf(accessKeys);
    }

    /** The target of each request so far ({@code http://127.0.0.1:port/path}). */
    public List<String> targets() {
        return List.copyOf(targets);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                threads.execute(() -> serve(client));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private void serve(Socket client) {
        try (client) {
            InputStream in = client.getInputStream();
            String head = readHead(in);
            if (head == null) {
                return;
            }
            String[] lines = head.split("\r\n");
            String[] requestLine = lines[0].split(" ");
            URI target = fixedTarget != null ? fixedTarget.resolve(requestLine[1]) : URI.create(requestLine[1]);
            requireLoopback(target);
            StringBuilder upstreamHead = new StringBuilder();
            String path = target.getRawPath() == null || target.getRawPath().isEmpty() ? "/" : target.getRawPath();
            if (target.getRawQuery() != null) {
                path += "?" + target.getRawQuery();
            }
            upstreamHead.append(requestLine[0]).append(' ').append(path).append(" HTTP/1.1\r\n");
            int length = 0;
            for (int i = 1; i < lines.length; i++) {
                String lower = lines[i].toLowerCase(Locale.ROOT);
                if (lower.startsWith("connection:") || lower.startsWith("proxy-connection:")
                        || lower.startsWith("keep-alive:")) {
                    continue;
                }
                if (lower.startsWith("content-length:")) {
                    length = Integer.parseInt(lines[i].substring(15).trim());
                }
                if (lower.startsWith("authorization:")) {
                    Matcher m = CREDENTIAL.matcher(lines[i]);
                    if (m.find()) {
                        accessKeys.add(m.group(1));
                    }
                }
                upstreamHead.append(lines[i]).append("\r\n");
            }
            upstreamHead.append("Connection: close\r\n\r\n");
            byte[] body = in.readNBytes(length);
            requests.incrementAndGet();
            targets.add(target.toString());
            try (Socket upstream = new Socket(Loopback.ADDRESS, target.getPort())) {
                OutputStream up = upstream.getOutputStream();
                up.write(upstreamHead.toString().getBytes(StandardCharsets.ISO_8859_1));
                up.write(body);
                up.flush();
                byte[] response = upstream.getInputStream().readAllBytes();
                client.getOutputStream().write(closing(response));
                client.getOutputStream().flush();
            }
        } catch (IOException | RuntimeException e) {
            // the client sees the connection drop: what a broken proxy does
        }
    }

    /** The response with {@code Connection: close}, so the client does not reuse a connection this proxy closes. */
    private static byte[] closing(byte[] response) {
        String text = new String(response, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            return response;
        }
        StringBuilder head = new StringBuilder();
        for (String line : text.substring(0, end).split("\r\n")) {
            if (!line.toLowerCase(Locale.ROOT).startsWith("connection:")) {
                head.append(line).append("\r\n");
            }
        }
        head.append("Connection: close\r\n\r\n");
        return (head + text.substring(end + 4)).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            matched = (b == '\r' && matched % 2 == 0) || (b == '\n' && matched % 2 == 1) ? matched + 1 : 0;
            if (matched == 4) {
                return head.toString(StandardCharsets.ISO_8859_1);
            }
            if (head.size() > 64 * 1024) {
                throw new IOException("request head over 64 KiB");
            }
        }
        return null;
    }

    private static void requireLoopback(URI target) {
        if (!"127.0.0.1".equals(target.getHost()) && !"localhost".equals(target.getHost())) {
            throw new IllegalArgumentException("LoopbackProxy only forwards to 127.0.0.1, not " + target);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        threads.shutdownNow();
    }
}

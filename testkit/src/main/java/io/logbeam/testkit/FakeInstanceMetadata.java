package io.logbeam.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The EC2 instance metadata service, IMDSv2 only, on 127.0.0.1: {@code PUT /latest/api/token} gives a session token,
 * and {@code GET /latest/meta-data/instance-id} and {@code /latest/meta-data/placement/region} answer only with it
 * (401 without, as the real service in IMDSv2-only mode). Point the code under test at {@link #uri()} through
 * {@code AWS_EC2_METADATA_SERVICE_ENDPOINT} / {@code aws.ec2MetadataServiceEndpoint}.
 */
public final class FakeInstanceMetadata implements AutoCloseable {

    private final HttpServer server;
    private final String token = UUID.randomUUID().toString();
    private final String instanceId;
    private final String region;
    private final AtomicInteger tokenRequests = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();

    private FakeInstanceMetadata(String instanceId, String region) throws IOException {
        this.instanceId = instanceId;
        this.region = region;
        this.server = HttpServer.create(new InetSocketAddress(Loopback.ADDRESS, 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** A metadata service of an instance {@code instanceId} in {@code region}. */
    public static FakeInstanceMetadata start(String instanceId, String region) throws IOException {
        return new FakeInstanceMetadata(instanceId, region);
    }

    /** {@code http://127.0.0.1:<port>}. */
    public URI uri() {
        return Loopback.httpUri(server.getAddress().getPort());
    }

    /** Session tokens handed out. */
    public int tokenRequests() {
        return tokenRequests.get();
    }

    /** Requests refused for want of a valid token (IMDSv1 style). */
    public int refused() {
        return refused.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (method.equals("PUT") && path.equals("/latest/api/token")) {
                if (exchange.getRequestHeaders().getFirst("X-aws-ec2-metadata-token-ttl-seconds") == null) {
                    answer(exchange, 400, "missing X-aws-ec2-metadata-token-ttl-seconds");
                    return;
                }
                tokenRequests.incrementAndGet();
                answer(exchange, 200, token);
                return;
            }
            if (!token.equals(exchange.getRequestHeaders().getFirst("X-aws-ec2-metadata-token"))) {
                refused.incrementAndGet();
                answer(exchange, 401, "");
                return;
            }
            switch (path) {
                case "/latest/meta-data/instance-id":
                    answer(exchange, 200, instanceId);
                    return;
                case "/latest/meta-data/placement/region":
                    answer(exchange, 200, region);
                    return;
                default:
                    answer(exchange, 404, "");
            }
        }
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

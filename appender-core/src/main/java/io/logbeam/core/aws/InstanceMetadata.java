package io.logbeam.core.aws;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.Proxy;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * Reads the EC2 instance metadata service with IMDSv2 (a session token first, then the value): the instance id and
 * the region, for the {@code {ec2:instanceId}} and {@code {ec2:region}} placeholders. Plain {@link HttpURLConnection},
 * no proxy, 1 second to connect and 1 second to read, so that a host without the service (a laptop, a container
 * without the metadata route) fails fast. Honours the SDK's settings: {@code AWS_EC2_METADATA_SERVICE_ENDPOINT} /
 * {@code aws.ec2MetadataServiceEndpoint} (the tests' fake endpoint) and {@code AWS_EC2_METADATA_DISABLED} /
 * {@code aws.disableEc2Metadata}. Never called on an application thread.
 */
final class InstanceMetadata {

    static final String DEFAULT_ENDPOINT = "http://169.254.169.254";
    private static final int TIMEOUT_MILLIS = 1000;
    private static final String TOKEN_TTL_SECONDS = "60";

    private final Map<String, String> environment;
    private final UnaryOperator<String> systemProperties;

    InstanceMetadata(Map<String, String> environment, UnaryOperator<String> systemProperties) {
        this.environment = environment;
        this.systemProperties = systemProperties;
    }

    /** The instance id, e.g. {@code i-0abc...}. */
    String instanceId() throws IOException {
        return get("/latest/meta-data/instance-id");
    }

    /** The instance's region, e.g. {@code eu-west-1}. */
    String region() throws IOException {
        return get("/latest/meta-data/placement/region");
    }

    private String get(String path) throws IOException {
        if ("true".equalsIgnoreCase(setting("AWS_EC2_METADATA_DISABLED", "aws.disableEc2Metadata"))) {
            throw new IOException("the instance metadata service is disabled (AWS_EC2_METADATA_DISABLED)");
        }
        String endpoint = Objects.requireNonNullElse(setting("AWS_EC2_METADATA_SERVICE_ENDPOINT",
                "aws.ec2MetadataServiceEndpoint"), DEFAULT_ENDPOINT);
        String base = endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
        HttpURLConnection token = open(base + "/latest/api/token", "PUT");
        token.setRequestProperty("X-aws-ec2-metadata-token-ttl-seconds", TOKEN_TTL_SECONDS);
        String session = read(token, base);
        HttpURLConnection value = open(base + path, "GET");
        value.setRequestProperty("X-aws-ec2-metadata-token", session);
        return read(value, base);
    }

    private String setting(String variable, String property) {
        String value = systemProperties.apply(property);
        if (value == null || value.isBlank()) {
            value = environment.get(variable);
        }
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static HttpURLConnection open(String url, String method) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create(url).toURL().openConnection(Proxy.NO_PROXY);
        c.setRequestMethod(method);
        c.setConnectTimeout(TIMEOUT_MILLIS);
        c.setReadTimeout(TIMEOUT_MILLIS);
        c.setUseCaches(false);
        return c;
    }

    private static String read(HttpURLConnection c, String endpoint) throws IOException {
        try {
            int status = c.getResponseCode();
            if (status != 200) {
                throw new IOException("the instance metadata service at " + endpoint + " answered HTTP " + status
                        + " to " + c.getRequestMethod() + " " + c.getURL().getPath());
            }
            try (InputStream in = c.getInputStream()) {
                String text = new String(in.readNBytes(4096), StandardCharsets.UTF_8).trim();
                if (text.isEmpty()) {
                    throw new IOException("the instance metadata service at " + endpoint + " answered nothing for "
                            + c.getURL().getPath());
                }
                return text;
            }
        } catch (IOException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("the instance metadata service")) {
                throw e;
            }
            throw new IOException("no instance metadata service at " + endpoint + " (not on EC2, or the service is "
                    + "not reachable within 1 s): " + e, e);
        } finally {
            c.disconnect();
        }
    }
}

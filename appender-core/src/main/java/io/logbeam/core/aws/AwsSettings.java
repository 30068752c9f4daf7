package io.logbeam.core.aws;

import io.logbeam.core.util.ConfigException;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;

/**
 * How to reach AWS, shared by every destination: region, optional endpoint override (LocalStack, moto,
 * VPC endpoints), optional static credentials (for emulators; otherwise the default provider chain),
 * timeouts and the HTTP client. Immutable; {@link Builder#build()} validates.
 */
public final class AwsSettings {

    /** Default time one request attempt may take. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);
    /** Default time to establish a connection. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(3);

    /** Which SDK HTTP client to use. */
    public enum HttpClientKind {
        /** {@code url-connection-client} (a dependency of Logbeam): quick to start, no extra threads. */
        URL_CONNECTION,
        /** {@code apache-client}, which the application must add: connection pooling and proxies. */
        APACHE;

        static HttpClientKind parse(String text) {
            String v = text.trim().toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
            if (v.equals("urlconnection")) {
                return URL_CONNECTION;
            }
            if (v.equals("apache")) {
                return APACHE;
            }
            throw new ConfigException("httpClient", "'" + text + "' is not an HTTP client; use 'urlconnection' or 'apache'");
        }
    }

    private final String region;
    private final URI endpoint;
    private final String accessKeyId;
    private final String secretAccessKey;
    private final Duration requestTimeout;
    private final Duration connectTimeout;
    private final HttpClientKind httpClient;

    private AwsSettings(Builder b, URI endpoint, HttpClientKind httpClient) {
        this.region = blankToNull(b.region);
        this.endpoint = endpoint;
        this.accessKeyId = blankToNull(b.accessKeyId);
        this.secretAccessKey = blankToNull(b.secretAccessKey);
        this.requestTimeout = b.requestTimeout;
        this.connectTimeout = b.connectTimeout;
        this.httpClient = httpClient;
    }

    /** A builder with the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The region, or null for the SDK's default chain ({@code AWS_REGION}, profile, instance metadata). */
    public String region() {
        return region;
    }

    /** The endpoint override, or null. */
    public URI endpoint() {
        return endpoint;
    }

    /** Static access key, or null for the default credentials chain. */
    public String accessKeyId() {
        return accessKeyId;
    }

    /** Static secret key, or null. */
    public String secretAccessKey() {
        return secretAccessKey;
    }

    /** Time one request attempt may take. */
    public Duration requestTimeout() {
        return requestTimeout;
    }

    /** Time to establish a connection. */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /** The HTTP client kind. */
    public HttpClientKind httpClient() {
        return httpClient;
    }

    /** For messages: {@code " (eu-west-1, endpoint http://...)"} or empty. */
    public String describeLocation() {
        if (region == null && endpoint == null) {
            return "";
        }
        StringBuilder s = new StringBuilder(" (");
        s.append(region == null ? "default region" : region);
        if (endpoint != null) {
            s.append(", endpoint ").append(endpoint);
        }
        return s.append(')').toString();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

    /** Builds {@link AwsSettings}. */
    public static final class Builder {
        private String region;
        private String endpoint;
        private String accessKeyId;
        private String secretAccessKey;
        private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private String httpClient = "urlconnection";

        private Builder() {
        }

        /** @see AwsSettings#region() */
        public Builder region(String value) {
            this.region = value;
            return this;
        }

        /** @see AwsSettings#endpoint() */
        public Builder endpoint(String value) {
            this.endpoint = value;
            return this;
        }

        /** @see AwsSettings#accessKeyId() */
        public Builder accessKeyId(String value) {
            this.accessKeyId = value;
            return this;
        }

        /** @see AwsSettings#secretAccessKey() */
        public Builder secretAccessKey(String value) {
            this.secretAccessKey = value;
            return this;
        }

        /** @see AwsSettings#requestTimeout() */
        public Builder requestTimeout(Duration value) {
            this.requestTimeout = value;
            return this;
        }

        /** @see AwsSettings#connectTimeout() */
        public Builder connectTimeout(Duration value) {
            this.connectTimeout = value;
            return this;
        }

        /** {@code urlconnection} (default) or {@code apache}. */
        public Builder httpClient(String value) {
            this.httpClient = value;
            return this;
        }

        /**
         * Validates and builds.
         *
         * @throws ConfigException naming every invalid property
         */
        public AwsSettings build() {
            ConfigException.Collector p = new ConfigException.Collector();
            URI uri = null;
            if (endpoint != null && !endpoint.isBlank()) {
                try {
                    uri = new URI(endpoint.trim());
                    if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                            || uri.getHost() == null) {
                        p.add("endpoint", "'" + endpoint + "' must be an http:// or https:// URL with a host");
                    }
                } catch (URISyntaxException e) {
                    p.add("endpoint", "'" + endpoint + "' is not a URL: " + e.getMessage());
                }
            }
            if ((blankToNull(accessKeyId) == null) != (blankToNull(secretAccessKey) == null)) {
                p.add(blankToNull(accessKeyId) == null ? "accessKeyId" : "secretAccessKey",
                        "accessKeyId and secretAccessKey must be set together (or neither, for the default chain)");
            }
            if (region != null && !region.isBlank() && !region.trim().matches("[a-z0-9-]+")) {
                p.add("region", "'" + region + "' is not a region name such as eu-west-1");
            }
            positive(p, "requestTimeout", requestTimeout);
            positive(p, "connectTimeout", connectTimeout);
            HttpClientKind kind = null;
            try {
                kind = HttpClientKind.parse(httpClient == null ? "" : httpClient);
            } catch (ConfigException e) {
                p.addAll(e);
            }
            p.throwIfAny();
            return new AwsSettings(this, uri, kind);
        }

        private static void positive(ConfigException.Collector p, String property, Duration d) {
            if (d == null || d.isNegative() || d.isZero()) {
                p.add(property, "must be a positive duration, was " + d);
            }
        }
    }
}

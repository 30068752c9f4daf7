package io.logbeam.core.aws;

import io.logbeam.core.util.ClassPath;
import io.logbeam.core.util.ConfigException;
import io.logbeam.core.util.HostInfo;
import io.logbeam.core.util.Instances;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * How to reach AWS, shared by every destination: region, optional endpoint override (LocalStack, moto,
 * VPC endpoints), optional static credentials (for emulators; otherwise the default provider chain), an optional
 * role to assume through STS, timeouts, the HTTP client and an optional {@link AwsClientCustomizer}. Immutable;
 * {@link Builder#build()} validates, including that the optional SDK artifacts a setting needs are there.
 */
public final class AwsSettings {

    /** Default time one request attempt may take. */
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);
    /** Default time to establish a connection. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(3);

    /** Which SDK HTTP client to use. */
    public enum HttpClientKind {
        /** {@code url-connection-client} (a dependency of Logbeam): quick to start, no extra threads. */
        URL_CONNECTION("software.amazon.awssdk:url-connection-client",
                "software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient"),
        /** {@code apache-client}, which the application must add: connection pooling and proxies. */
        APACHE("software.amazon.awssdk:apache-client", "software.amazon.awssdk.http.apache.ApacheHttpClient"),
        /** {@code aws-crt-client}, which the application must add: the AWS Common Runtime's native HTTP client. */
        CRT("software.amazon.awssdk:aws-crt-client", "software.amazon.awssdk.http.crt.AwsCrtHttpClient");

        private final String artifact;
        private final String probeClass;

        HttpClientKind(String artifact, String probeClass) {
            this.artifact = artifact;
            this.probeClass = probeClass;
        }

        static HttpClientKind parse(String text) {
            String v = text.trim().toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
            if (v.equals("urlconnection")) {
                return URL_CONNECTION;
            }
            if (v.equals("apache")) {
                return APACHE;
            }
            if (v.equals("crt")) {
                return CRT;
            }
            throw new ConfigException("httpClient", "'" + text + "' is not an HTTP client; use 'urlconnection', "
                    + "'apache' or 'crt'");
        }
    }

    /** What {@code roleArn} and {@code {aws:accountId}} need on the class path. */
    static final String STS_ARTIFACT = "software.amazon.awssdk:sts";
    static final String STS_PROBE_CLASS = "software.amazon.awssdk.services.sts.StsClient";

    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::[0-9]{12}:role/[\\w+=,.@/-]{1,512}");
    private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]{2,64}");
    private static final Pattern EXTERNAL_ID = Pattern.compile("[\\w+=,.@:/-]{2,1224}");

    private final String region;
    private final URI endpoint;
    private final String accessKeyId;
    private final String secretAccessKey;
    private final Duration requestTimeout;
    private final Duration connectTimeout;
    private final HttpClientKind httpClient;
    private final String roleArn;
    private final String roleSessionName;
    private final String externalId;
    private final URI stsEndpoint;
    private final AwsClientCustomizer customizer;
    private final Predicate<String> classPresent;

    private AwsSettings(Builder b, URI endpoint, URI stsEndpoint, HttpClientKind httpClient,
            AwsClientCustomizer customizer) {
        this.region = blankToNull(b.region);
        this.endpoint = endpoint;
        this.accessKeyId = blankToNull(b.accessKeyId);
        this.secretAccessKey = blankToNull(b.secretAccessKey);
        this.requestTimeout = b.requestTimeout;
        this.connectTimeout = b.connectTimeout;
        this.httpClient = httpClient;
        this.roleArn = blankToNull(b.roleArn);
        this.roleSessionName = roleArn == null ? null
                : blankToNull(b.roleSessionName) != null ? b.roleSessionName.trim() : defaultSessionName();
        this.externalId = blankToNull(b.externalId);
        this.stsEndpoint = stsEndpoint;
        this.customizer = customizer;
        this.classPresent = b.classPresent;
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

    /** The ARN of the role to assume through STS, or null to use the credentials as they are. */
    public String roleArn() {
        return roleArn;
    }

    /** The session name of the assumed role (in CloudTrail); null without {@link #roleArn()}. */
    public String roleSessionName() {
        return roleSessionName;
    }

    /** The external id the role's trust policy asks for, or null. */
    public String externalId() {
        return externalId;
    }

    /** The STS endpoint override, or null for the region's STS endpoint. */
    public URI stsEndpoint() {
        return stsEndpoint;
    }

    /** The {@code clientCustomizer}, or null. */
    public AwsClientCustomizer customizer() {
        return customizer;
    }

    /** Whether the optional {@code sts} artifact is on the class path (for {@code {aws:accountId}}). */
    public boolean stsAvailable() {
        return classPresent.test(STS_PROBE_CLASS);
    }

    /** {@code logbeam-<host name>}, cut to the characters and length STS allows. */
    static String defaultSessionName() {
        String name = ("logbeam-" + HostInfo.hostname()).replaceAll("[^\\w+=,.@-]", "-");
        return name.length() > 64 ? name.substring(0, 64) : name;
    }

    /** For messages: {@code " (eu-west-1, endpoint http://...)"} or empty. */
    public String describeLocation() {
        if (region == null && endpoint == null && roleArn == null) {
            return "";
        }
        StringBuilder s = new StringBuilder(" (");
        s.append(region == null ? "default region" : region);
        if (endpoint != null) {
            s.append(", endpoint ").append(endpoint);
        }
        if (roleArn != null) {
            s.append(", role ").append(roleArn);
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
        private String roleArn;
        private String roleSessionName;
        private String externalId;
        private String stsEndpoint;
        private String clientCustomizer;
        private Predicate<String> classPresent = className -> ClassPath.has(className, AwsSettings.class);

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

        /** {@code urlconnection} (default), {@code apache} or {@code crt}. */
        public Builder httpClient(String value) {
            this.httpClient = value;
            return this;
        }

        /** @see AwsSettings#roleArn() */
        public Builder roleArn(String value) {
            this.roleArn = value;
            return this;
        }

        /** @see AwsSettings#roleSessionName() */
        public Builder roleSessionName(String value) {
            this.roleSessionName = value;
            return this;
        }

        /** @see AwsSettings#externalId() */
        public Builder externalId(String value) {
            this.externalId = value;
            return this;
        }

        /** @see AwsSettings#stsEndpoint() */
        public Builder stsEndpoint(String value) {
            this.stsEndpoint = value;
            return this;
        }

        /** The class name of an {@link AwsClientCustomizer}, created by {@link #build()}; null for none. */
        public Builder clientCustomizer(String className) {
            this.clientCustomizer = className;
            return this;
        }

        /** How to tell whether an optional SDK artifact is there, by one of its classes (tests). */
        Builder classPresent(Predicate<String> check) {
            this.classPresent = check;
            return this;
        }

        /**
         * Validates and builds.
         *
         * @throws ConfigException naming every invalid property
         */
        public AwsSettings build() {
            ConfigException.Collector p = new ConfigException.Collector();
            URI uri = url(p, "endpoint", endpoint);
            URI stsUri = url(p, "stsEndpoint", stsEndpoint);
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
                requireArtifact(p, "httpClient", "httpClient=" + httpClient.trim(), kind.artifact, kind.probeClass);
            } catch (ConfigException e) {
                p.addAll(e);
            }
            checkRole(p);
            AwsClientCustomizer customizer = blankToNull(clientCustomizer) == null ? null : customizer(p);
            p.throwIfAny();
            return new AwsSettings(this, uri, stsUri, kind, customizer);
        }

        private void checkRole(ConfigException.Collector p) {
            String arn = blankToNull(roleArn);
            if (arn == null) {
                p.require(blankToNull(roleSessionName) == null, "roleSessionName", "needs roleArn");
                p.require(blankToNull(externalId) == null, "externalId", "needs roleArn");
                return;
            }
            p.require(ROLE_ARN.matcher(arn).matches(), "roleArn", "'" + arn + "' is not the ARN of an IAM role "
                    + "(arn:aws:iam::123456789012:role/name)");
            requireArtifact(p, "roleArn", "roleArn", STS_ARTIFACT, STS_PROBE_CLASS);
            String session = blankToNull(roleSessionName);
            p.require(session == null || SESSION_NAME.matcher(session).matches(), "roleSessionName", "'" + session
                    + "' must be 2 to 64 letters, digits or any of _+=,.@-");
            String external = blankToNull(externalId);
            p.require(external == null || EXTERNAL_ID.matcher(external).matches(), "externalId", "must be 2 to 1224 "
                    + "letters, digits or any of _+=,.@:/-");
        }

        /** Records a problem naming {@code property} when the optional artifact it needs is missing. */
        private void requireArtifact(ConfigException.Collector p, String property, String what, String artifact,
                String probeClass) {
            if (!classPresent.test(probeClass)) {
                p.add(property, what + " needs " + artifact + " on the class path (a dependency of the application, "
                        + "in the AWS SDK's version); it is not there");
            }
        }

        private AwsClientCustomizer customizer(ConfigException.Collector p) {
            String name = clientCustomizer.trim();
            try {
                return Instances.create("clientCustomizer", name, AwsClientCustomizer.class);
            } catch (ConfigException e) {
                p.addAll(e);
                return null;
            }
        }

        private static URI url(ConfigException.Collector p, String property, String text) {
            if (text == null || text.isBlank()) {
                return null;
            }
            try {
                URI uri = new URI(text.trim());
                if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                        || uri.getHost() == null) {
                    p.add(property, "'" + text + "' must be an http:// or https:// URL with a host");
                    return null;
                }
                return uri;
            } catch (URISyntaxException e) {
                p.add(property, "'" + text + "' is not a URL: " + e.getMessage());
                return null;
            }
        }

        private static void positive(ConfigException.Collector p, String property, Duration d) {
            if (d == null || d.isNegative() || d.isZero()) {
                p.add(property, "must be a positive duration, was " + d);
            }
        }
    }
}

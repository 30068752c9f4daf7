package io.logbeam.examples;

import io.logbeam.testkit.LocalAwsEndpoint;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

import java.net.URI;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where the demo ships, chosen from environment variables:
 * <ul>
 *   <li>nothing set: the <b>embedded</b> default, the testkit's in-process AWS endpoint on 127.0.0.1 (no
 *       account, no network), with every destination;</li>
 *   <li>{@code LOGBEAM_ENDPOINT} set (LocalStack, moto): that endpoint, every destination unless its name
 *       is {@code off}, static credentials {@code test}/{@code test} unless {@code AWS_ACCESS_KEY_ID} is set;</li>
 *   <li>otherwise, any of {@code LOGBEAM_KINESIS_STREAM}, {@code LOGBEAM_FIREHOSE_STREAM},
 *       {@code LOGBEAM_LOG_GROUP} set: <b>real AWS</b>, only those destinations, with the SDK's default
 *       region and credentials ({@code AWS_REGION}, {@code AWS_PROFILE}, roles).</li>
 * </ul>
 */
final class DemoTarget implements AutoCloseable {

    enum Kind { EMBEDDED, ENDPOINT, AWS }

    static final String DEFAULT_STREAM = "logbeam-demo";
    static final String DEFAULT_LOG_GROUP = "/logbeam/demo";
    static final String EMULATOR_REGION = "us-east-1";
    private static final String OFF = "off";

    final Kind kind;
    /** The endpoint override, or null for the real AWS endpoints. */
    final String endpoint;
    /** The region to set, or null for the SDK's default chain. */
    final String region;
    /** Static credentials, or null for the SDK's default chain. */
    final String accessKeyId;
    final String secretAccessKey;
    /** Destination names; null when the destination is not used. */
    final String kinesisStream;
    final String firehoseStream;
    final String logGroup;
    /** The in-process endpoint in embedded mode, else null. */
    final LocalAwsEndpoint embedded;

    private DemoTarget(Kind kind, String endpoint, String region, String accessKeyId, String secretAccessKey,
            String kinesisStream, String firehoseStream, String logGroup, LocalAwsEndpoint embedded) {
        this.kind = kind;
        this.endpoint = endpoint;
        this.region = region;
        this.accessKeyId = accessKeyId;
        this.secretAccessKey = secretAccessKey;
        this.kinesisStream = kinesisStream;
        this.firehoseStream = firehoseStream;
        this.logGroup = logGroup;
        this.embedded = embedded;
    }

    /** Reads the environment; in embedded mode starts the in-process endpoint and creates the streams. */
    static DemoTarget fromEnvironment(Map<String, String> env) {
        String endpoint = blankToNull(env.get("LOGBEAM_ENDPOINT"));
        String kinesis = blankToNull(env.get("LOGBEAM_KINESIS_STREAM"));
        String firehose = blankToNull(env.get("LOGBEAM_FIREHOSE_STREAM"));
        String group = blankToNull(env.get("LOGBEAM_LOG_GROUP"));
        if (endpoint != null) {
            boolean ownKeys = blankToNull(env.get("AWS_ACCESS_KEY_ID")) != null;
            String region = blankToNull(env.get("AWS_REGION"));
            return new DemoTarget(Kind.ENDPOINT, endpoint, region == null ? EMULATOR_REGION : region,
                    ownKeys ? null : "test", ownKeys ? null : "test", nameOr(kinesis, DEFAULT_STREAM),
                    nameOr(firehose, DEFAULT_STREAM), nameOr(group, DEFAULT_LOG_GROUP), null);
        }
        if (kinesis != null || firehose != null || group != null) {
            return new DemoTarget(Kind.AWS, null, null, null, null, nameOr(kinesis, null), nameOr(firehose, null),
                    nameOr(group, null), null);
        }
        return embedded();
    }

    /** The in-process endpoint with every destination. */
    static DemoTarget embedded() {
        LocalAwsEndpoint local = LocalAwsEndpoint.start();
        local.kinesis().createStream(DEFAULT_STREAM, 2);
        local.firehose().createDeliveryStream(DEFAULT_STREAM);
        // CloudWatch Logs: the appenders create the group and their streams themselves.
        return new DemoTarget(Kind.EMBEDDED, local.uri().toString(), EMULATOR_REGION, "test", "test", DEFAULT_STREAM,
                DEFAULT_STREAM, DEFAULT_LOG_GROUP, local);
    }

    /** {@code builder} aimed at this target: the JDK's HTTP client, and the endpoint, region and credentials set. */
    <B extends AwsClientBuilder<B, ?> & SdkSyncClientBuilder<B, ?>> B configure(B builder) {
        builder.httpClient(UrlConnectionHttpClient.builder().build());
        if (endpoint != null) {
            builder.endpointOverride(URI.create(endpoint));
        }
        if (region != null) {
            builder.region(Region.of(region));
        }
        if (accessKeyId != null) {
            builder.credentialsProvider(StaticCredentialsProvider.create(
                    AwsBasicCredentials.create(accessKeyId, secretAccessKey)));
        }
        return builder;
    }

    /** One line for the report's header. */
    String describe() {
        switch (kind) {
            case EMBEDDED:
                return "embedded AWS endpoint " + endpoint + " (the testkit's in-process Kinesis, Firehose and CloudWatch"
                        + " Logs; no account, no network)";
            case ENDPOINT:
                return "endpoint " + endpoint + " (region " + region + ")";
            default:
                return "AWS (region and credentials from the SDK's default chain)";
        }
    }

    /** The destinations in use, for messages. */
    List<String> destinations() {
        List<String> out = new ArrayList<>();
        if (kinesisStream != null) {
            out.add("Kinesis stream " + kinesisStream);
        }
        if (firehoseStream != null) {
            out.add("Firehose delivery stream " + firehoseStream);
        }
        if (logGroup != null) {
            out.add("CloudWatch Logs group " + logGroup);
        }
        return out;
    }

    @Override
    public void close() {
        if (embedded != null) {
            embedded.close();
        }
    }

    private static String nameOr(String name, String fallback) {
        if (name == null) {
            return fallback;
        }
        return name.equalsIgnoreCase(OFF) ? null : name;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}

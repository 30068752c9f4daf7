package io.logbeam.testkit;

/**
 * Static dummy credentials and region for clients pointed at a local endpoint or emulator.
 *
 * <p>Plain strings rather than SDK types so that the testkit needs no AWS SDK at runtime; build the provider with
 * {@code StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY_ID, SECRET_ACCESS_KEY))}.
 */
public final class TestCredentials {

    /** Access key id accepted by every local fake ({@code test}). */
    public static final String ACCESS_KEY_ID = "test";
    /** Secret key accepted by every local fake ({@code test}). */
    public static final String SECRET_ACCESS_KEY = "test";
    /** Region used by the testkit's endpoint and the emulators. */
    public static final String REGION = "us-east-1";
    /** Account id that appears in the ARNs the endpoint returns (kinesis-mock uses the same default). */
    public static final String ACCOUNT_ID = "000000000000";

    private TestCredentials() {
    }
}

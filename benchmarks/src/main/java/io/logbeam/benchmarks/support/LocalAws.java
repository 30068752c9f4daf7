package io.logbeam.benchmarks.support;

import io.logbeam.core.aws.AwsSettings;
import io.logbeam.testkit.LocalAwsEndpoint;
import io.logbeam.testkit.TestCredentials;

/** AWS settings of the harnesses: the testkit's in-process endpoint with its dummy credentials. */
public final class LocalAws {

    private LocalAws() {
    }

    /** Region, endpoint and static dummy credentials of {@code endpoint}; add timeouts and build. */
    public static AwsSettings.Builder settings(LocalAwsEndpoint endpoint) {
        return AwsSettings.builder().region(TestCredentials.REGION).endpoint(endpoint.uri().toString())
                .accessKeyId(TestCredentials.ACCESS_KEY_ID).secretAccessKey(TestCredentials.SECRET_ACCESS_KEY);
    }

    /** Settings for a destination that is built but never sends (its limits and batcher only). */
    public static AwsSettings offline() {
        return AwsSettings.builder().region(TestCredentials.REGION).accessKeyId("x").secretAccessKey("x").build();
    }
}

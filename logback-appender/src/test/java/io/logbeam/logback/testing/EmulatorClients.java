package io.logbeam.logback.testing;

import io.logbeam.testkit.TestCredentials;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.regions.Region;

import java.net.URI;

/** SDK clients for reading back what an appender shipped to an emulator. */
public final class EmulatorClients {

    private EmulatorClients() {
    }

    /** {@code builder} pointed at {@code endpoint} with the dummy credentials and region. */
    public static <B extends AwsClientBuilder<B, C>, C> C build(B builder, URI endpoint) {
        return builder.endpointOverride(endpoint).region(Region.of(TestCredentials.REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                        TestCredentials.ACCESS_KEY_ID, TestCredentials.SECRET_ACCESS_KEY)))
                .build();
    }

    /** The appender properties that point it at {@code endpoint} with the dummy credentials. */
    public static String appenderProperties(URI endpoint) {
        return "<region>" + TestCredentials.REGION + "</region>\n<endpoint>" + endpoint + "</endpoint>\n"
                + "<accessKeyId>" + TestCredentials.ACCESS_KEY_ID + "</accessKeyId>\n"
                + "<secretAccessKey>" + TestCredentials.SECRET_ACCESS_KEY + "</secretAccessKey>\n";
    }
}

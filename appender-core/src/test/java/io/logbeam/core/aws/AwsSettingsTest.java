package io.logbeam.core.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logbeam.core.util.ConfigException;

import org.junit.jupiter.api.Test;

/** What a start checks of the AWS properties added for assumed roles, the customizer and the HTTP clients. */
class AwsSettingsTest {

    private static ConfigException problems(AwsSettings.Builder builder) {
        try {
            builder.build();
        } catch (ConfigException e) {
            return e;
        }
        throw new AssertionError("no ConfigException");
    }

    @Test
    void aRoleNeedsAValidArnAndSessionAndTheRoleOnlyPropertiesNeedARole() {
        ConfigException e = problems(AwsSettings.builder().roleArn("arn:aws:iam::12345:user/x")
                .roleSessionName("a b"));
        assertThat(e.problems()).extracting(ConfigException.Problem::property)
                .containsExactlyInAnyOrder("roleArn", "roleSessionName");
        assertThat(problems(AwsSettings.builder().externalId("xyz")).problems())
                .extracting(ConfigException.Problem::toString)
                .containsExactly("property 'externalId': needs roleArn");
    }

    @Test
    void aRoleGetsADefaultSessionNameThatStsAccepts() {
        AwsSettings s = AwsSettings.builder().roleArn("arn:aws:iam::123456789012:role/logs-writer").build();
        assertThat(s.roleSessionName()).startsWith("logbeam-").matches("[\\w+=,.@-]{2,64}");
        assertThat(s.describeLocation()).contains("role arn:aws:iam::123456789012:role/logs-writer");
        assertThat(AwsSettings.builder().build().roleSessionName()).isNull();
    }

    @Test
    void aMissingOptionalArtifactIsAStartErrorNamingThePropertyThatNeedsIt() {
        ConfigException e = problems(AwsSettings.builder().roleArn("arn:aws:iam::123456789012:role/w")
                .httpClient("crt").classPresent(name -> !name.contains(".sts.") && !name.contains(".crt.")));
        assertThat(e.problems()).extracting(ConfigException.Problem::toString).containsExactlyInAnyOrder(
                "property 'httpClient': httpClient=crt needs software.amazon.awssdk:aws-crt-client on the class path "
                        + "(a dependency of the application, in the AWS SDK's version); it is not there",
                "property 'roleArn': roleArn needs software.amazon.awssdk:sts on the class path (a dependency of the "
                        + "application, in the AWS SDK's version); it is not there");
        assertThat(problems(AwsSettings.builder().httpClient("apache").classPresent(name -> !name.contains(".apache.")))
                .problems()).extracting(ConfigException.Problem::property).containsExactly("httpClient");
    }

    @Test
    void httpClientNamesTheThreeClients() {
        assertThat(AwsSettings.builder().httpClient("CRT").build().httpClient()).isEqualTo(AwsSettings.HttpClientKind.CRT);
        assertThatThrownBy(() -> AwsSettings.builder().httpClient("netty").build()).isInstanceOf(ConfigException.class)
                .hasMessageContaining("property 'httpClient': 'netty' is not an HTTP client; use 'urlconnection', "
                        + "'apache' or 'crt'");
    }

    @Test
    void aCustomizerIsCreatedAtStartOrReportedNamingTheProperty() {
        assertThat(AwsSettings.builder().clientCustomizer(NoOpCustomizer.class.getName()).build().customizer())
                .isInstanceOf(NoOpCustomizer.class);
        assertThat(problems(AwsSettings.builder().clientCustomizer("com.acme.Missing")).problems())
                .singleElement().satisfies(p -> {
                    assertThat(p.property()).isEqualTo("clientCustomizer");
                    assertThat(p.message()).contains("'com.acme.Missing' is not a class implementing "
                            + AwsClientCustomizer.class.getName());
                });
        assertThat(problems(AwsSettings.builder().clientCustomizer(String.class.getName())).problems())
                .extracting(ConfigException.Problem::property).containsExactly("clientCustomizer");
        assertThat(problems(AwsSettings.builder().stsEndpoint("ftp://x")).problems())
                .extracting(ConfigException.Problem::property).containsExactly("stsEndpoint");
    }

    /** A customizer that changes nothing. */
    public static final class NoOpCustomizer implements AwsClientCustomizer {
    }
}

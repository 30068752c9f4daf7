package io.logbeam.core.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.logbeam.core.config.AppenderProperties;
import io.logbeam.core.config.DestinationTypes;
import io.logbeam.core.engine.Shipper;
import io.logbeam.core.testing.CapturingDiagnostics;
import io.logbeam.core.testing.TestAdapter;
import io.logbeam.core.testing.TestEvent;
import io.logbeam.core.util.ConfigException;
import io.logbeam.testkit.FakeInstanceMetadata;
import io.logbeam.testkit.LocalAwsEndpoint;
import io.logbeam.testkit.Loopback;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code {ec2:instanceId}} and {@code {ec2:region}} from a fake IMDSv2 endpoint on 127.0.0.1 (never the real
 * 169.254.169.254: every lookup here names the fake, or a closed loopback port, through the SDK's system property).
 */
class InstanceMetadataTest {

    private static final String ENDPOINT_PROPERTY = "aws.ec2MetadataServiceEndpoint";

    private LocalAwsEndpoint aws;
    private final CapturingDiagnostics diagnostics = new CapturingDiagnostics();
    private Shipper<TestEvent> shipper;

    @BeforeEach
    void start() {
        AwsFacts.forgetInstanceFacts();
        aws = LocalAwsEndpoint.start();
    }

    @AfterEach
    void stop() {
        if (shipper != null) {
            shipper.stop(Duration.ofSeconds(5));
        }
        System.clearProperty(ENDPOINT_PROPERTY);
        AwsFacts.forgetInstanceFacts();
        aws.close();
    }

    private Shipper<TestEvent> cloudWatch(String logStream) {
        AppenderProperties settings = new AppenderProperties(DestinationTypes.CLOUDWATCH_LOGS);
        settings.set("logGroup", "/acme/orders");
        settings.set("logStream", logStream);
        settings.set("region", "us-east-1");
        settings.set("endpoint", aws.uri().toString());
        settings.set("accessKeyId", "test");
        settings.set("secretAccessKey", "test");
        settings.set("jmx", "false");
        shipper = settings.start("imds", new TestAdapter(), diagnostics);
        return shipper;
    }

    @Test
    void theInstanceIdAndRegionAreReadWithASessionTokenWhenTheDestinationOpens() throws Exception {
        try (FakeInstanceMetadata imds = FakeInstanceMetadata.start("i-0abc123def4567890", "eu-west-3")) {
            System.setProperty(ENDPOINT_PROPERTY, imds.uri().toString());
            Shipper<TestEvent> s = cloudWatch("{ec2:region}/{ec2:instanceId}");
            s.publish(TestEvent.of("from the instance"), false);
            assertThat(s.flush(Duration.ofSeconds(30))).isTrue();
            assertThat(aws.logs().events("/acme/orders", "eu-west-3/i-0abc123def4567890")).hasSize(1);
            assertThat(s.destination().describe()).contains("eu-west-3/i-0abc123def4567890");
            assertThat(imds.tokenRequests()).isEqualTo(2);
            assertThat(imds.refused()).isZero();
        }
    }

    @Test
    void noMetadataServiceIsReportedNamingThePropertyAndTheEventsFallBack() {
        System.setProperty(ENDPOINT_PROPERTY, Loopback.httpUri(Loopback.freePort()).toString());
        Shipper<TestEvent> s = cloudWatch("{ec2:instanceId}");
        s.publish(TestEvent.of("nowhere to go"), false);
        assertThat(s.flush(Duration.ofSeconds(30))).isTrue();
        assertThat(s.stats().getFallback()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(diagnostics.lines()).anyMatch(line ->
                line.contains("property 'logStream': '{ec2:instanceId}' could not be resolved: no instance metadata "
                        + "service at http://127.0.0.1:")));
        assertThat(aws.requests().count()).isZero();
    }

    @Test
    void networkPlaceholdersAreRefusedOutsideTheDestinationsNames() {
        AppenderProperties settings = new AppenderProperties(DestinationTypes.CLOUDWATCH_LOGS);
        settings.set("logGroup", "/acme/orders");
        settings.set("staticFields", "account={aws:accountId}");
        try {
            settings.validate();
            throw new AssertionError("accepted");
        } catch (ConfigException e) {
            assertThat(e.problems()).extracting(ConfigException.Problem::toString).containsExactly(
                    "property 'staticFields': '{aws:accountId}' is looked up over the network when the destination "
                            + "opens, so it is allowed only in the destination's names (streamName, "
                            + "deliveryStreamName, logGroup, logStream)");
        }
    }

    @Test
    void aNameStillBreaksItsRulesWithTheStandInValuesAtStart() {
        AppenderProperties settings = new AppenderProperties(DestinationTypes.KINESIS);
        settings.set("streamName", "logs:{ec2:region}");
        try {
            settings.validate();
            throw new AssertionError("accepted");
        } catch (ConfigException e) {
            assertThat(e.problems()).extracting(ConfigException.Problem::property).containsExactly("streamName");
        }
    }

    @Test
    void theFactsDirectlyHonourTheDisabledSetting() {
        AwsFacts facts = new AwsFacts(AwsSettings.builder().build(), Map.of("AWS_EC2_METADATA_DISABLED", "true"),
                name -> null);
        try {
            facts.lookup("ec2:region");
            throw new AssertionError("looked up");
        } catch (Exception e) {
            assertThat(e).hasMessageContaining("disabled");
        }
    }
}

package io.logbeam.core.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.logbeam.core.config.AppenderProperties;
import io.logbeam.core.config.DestinationTypes;
import io.logbeam.core.engine.Shipper;
import io.logbeam.core.testing.CapturingDiagnostics;
import io.logbeam.core.testing.TestAdapter;
import io.logbeam.core.testing.TestEvent;
import io.logbeam.testkit.Emulator;
import io.logbeam.testkit.LoopbackProxy;
import io.logbeam.testkit.MotoServer;
import io.logbeam.testkit.RequiresEmulator;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code roleArn} against moto's STS: the appender assumes a role of another account and every request to the
 * destination is signed with the role's credentials, not the configured ones (a reverse proxy in front of moto records
 * the access key of each signature); {@code {aws:accountId}} in the log group is that role's account, from
 * GetCallerIdentity with the same credentials.
 */
@RequiresEmulator(Emulator.MOTO)
@Timeout(120)
class AssumedRoleMotoIT {

    private static final String ROLE = "arn:aws:iam::111122223333:role/central-logs-writer";

    @Test
    void shipsWithTheAssumedRolesCredentialsIntoItsAccount(MotoServer moto) throws Exception {
        try (LoopbackProxy logs = LoopbackProxy.to(moto.uri())) {
            AppenderProperties settings = new AppenderProperties(DestinationTypes.CLOUDWATCH_LOGS);
            settings.set("logGroup", "/central/{aws:accountId}");
            settings.set("logStream", "orders");
            settings.set("region", "us-east-1");
            settings.set("endpoint", logs.uri().toString());
            settings.set("stsEndpoint", moto.uri().toString());
            settings.set("accessKeyId", "test");
            settings.set("secretAccessKey", "test");
            settings.set("roleArn", ROLE);
            settings.set("roleSessionName", "orders-service");
            settings.set("externalId", "central-logging-7f3a");
            settings.set("jmx", "false");
            CapturingDiagnostics diagnostics = new CapturingDiagnostics();
            Shipper<TestEvent> shipper = settings.start("assumed", new TestAdapter(), diagnostics);
            try {
                for (int i = 0; i < 50; i++) {
                    shipper.publish(TestEvent.of("into the central account " + i), false);
                }
                assertThat(shipper.flush(Duration.ofSeconds(60))).as("%s", diagnostics.lines()).isTrue();
                assertThat(shipper.stats().getDelivered()).as("%s", diagnostics.lines()).isEqualTo(50);
                assertThat(shipper.destination().describe()).contains("/central/111122223333");
            } finally {
                shipper.stop(Duration.ofSeconds(10));
            }
            assertThat(logs.accessKeys()).isNotEmpty().doesNotContain("test");
            assertThat(logs.accessKeys().stream().distinct()).hasSize(1);
        }
        // moto keeps each account's resources apart: read as the role too.
        Credentials role;
        try (StsClient sts = StsClient.builder().endpointOverride(moto.uri()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .build()) {
            role = sts.assumeRole(r -> r.roleArn(ROLE).roleSessionName("reader")).credentials();
        }
        try (CloudWatchLogsClient read = CloudWatchLogsClient.builder().endpointOverride(moto.uri())
                .region(Region.US_EAST_1).credentialsProvider(StaticCredentialsProvider.create(
                        AwsSessionCredentials.create(role.accessKeyId(), role.secretAccessKey(), role.sessionToken())))
                .build()) {
            List<OutputLogEvent> events = read.getLogEvents(r -> r.logGroupName("/central/111122223333")
                    .logStreamName("orders").startFromHead(true)).events();
            assertThat(events).hasSize(50);
            assertThat(events.get(0).message()).contains("\"message\":\"into the central account 0\"");
        }
    }
}

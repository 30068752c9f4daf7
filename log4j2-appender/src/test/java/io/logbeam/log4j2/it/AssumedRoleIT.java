package io.logbeam.log4j2.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.logbeam.log4j2.CloudWatchLogsAppender;
import io.logbeam.log4j2.testing.Contexts;
import io.logbeam.log4j2.testing.Emulators;
import io.logbeam.testkit.Emulator;
import io.logbeam.testkit.LoopbackProxy;
import io.logbeam.testkit.MotoServer;
import io.logbeam.testkit.RequiresEmulator;
import io.logbeam.testkit.TestCredentials;

import org.apache.logging.log4j.core.LoggerContext;

import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code roleArn} in log4j2.xml against moto's STS: every request to the destination (moto's CloudWatch Logs, behind
 * a recording proxy) is signed with the assumed role's credentials, not the configured keys.
 */
@RequiresEmulator(Emulator.MOTO)
@Timeout(120)
class AssumedRoleIT {

    @Test
    void shipsWithTheAssumedRolesCredentials(MotoServer moto) throws Exception {
        try (LoopbackProxy logs = LoopbackProxy.to(moto.uri())) {
            LoggerContext context = Contexts.start(Contexts.config("    <CloudWatchLogs name=\"CLOUDWATCH\" "
                    + "logGroup=\"/logbeam/assumed-log4j2\" logStream=\"orders\" region=\"" + TestCredentials.REGION
                    + "\" endpoint=\"" + logs.uri() + "\" accessKeyId=\"" + TestCredentials.ACCESS_KEY_ID
                    + "\" secretAccessKey=\"" + TestCredentials.SECRET_ACCESS_KEY + "\" stsEndpoint=\"" + moto.uri()
                    + "\" roleArn=\"arn:aws:iam::123456789012:role/logs-writer\" roleSessionName=\"orders-log4j2\" "
                    + "externalId=\"logbeam-it\" jmx=\"false\"/>", "info", "CLOUDWATCH"));
            try {
                CloudWatchLogsAppender appender = context.getConfiguration().getAppender("CLOUDWATCH");
                assertThat(appender).isNotNull();
                for (int i = 0; i < 20; i++) {
                    context.getLogger("com.acme.Orders").info("as the role {}", i);
                }
                assertThat(appender.flush(Duration.ofSeconds(60))).isTrue();
                assertThat(appender.stats().getDelivered()).isEqualTo(20);
            } finally {
                context.stop();
            }
            assertThat(logs.accessKeys()).isNotEmpty().doesNotContain(TestCredentials.ACCESS_KEY_ID);
        }
        try (CloudWatchLogsClient read = Emulators.logs(moto.uri())) {
            assertThat(read.getLogEvents(r -> r.logGroupName("/logbeam/assumed-log4j2").logStreamName("orders")
                    .startFromHead(true)).events()).hasSize(20);
        }
    }
}

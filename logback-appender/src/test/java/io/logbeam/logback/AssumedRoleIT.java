package io.logbeam.logback;

import static org.assertj.core.api.Assertions.assertThat;

import io.logbeam.logback.testing.Contexts;
import io.logbeam.logback.testing.EmulatorClients;
import io.logbeam.testkit.Emulator;
import io.logbeam.testkit.LoopbackProxy;
import io.logbeam.testkit.MotoServer;
import io.logbeam.testkit.RequiresEmulator;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;

import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code roleArn} in logback.xml against moto's STS: every request to the destination (moto's CloudWatch Logs, behind
 * a recording proxy) is signed with the assumed role's credentials, not the configured keys.
 */
@RequiresEmulator(Emulator.MOTO)
@Timeout(120)
class AssumedRoleIT {

    @Test
    void shipsWithTheAssumedRolesCredentials(MotoServer moto) throws Exception {
        try (LoopbackProxy logs = LoopbackProxy.to(moto.uri())) {
            LoggerContext context = Contexts.configure("assumed-role-it", "<configuration>\n"
                    + "  <appender name=\"CLOUDWATCH\" class=\"io.logbeam.logback.CloudWatchLogsAppender\">\n"
                    + "    <logGroup>/logbeam/assumed-logback</logGroup>\n"
                    + "    <logStream>orders</logStream>\n"
                    + EmulatorClients.appenderProperties(logs.uri())
                    + "    <stsEndpoint>" + moto.uri() + "</stsEndpoint>\n"
                    + "    <roleArn>arn:aws:iam::123456789012:role/logs-writer</roleArn>\n"
                    + "    <roleSessionName>orders-logback</roleSessionName>\n"
                    + "    <externalId>logbeam-it</externalId>\n"
                    + "    <jmx>false</jmx>\n"
                    + "  </appender>\n"
                    + "  <root level=\"INFO\"><appender-ref ref=\"CLOUDWATCH\"/></root>\n"
                    + "</configuration>\n", Map.of());
            CloudWatchLogsAppender appender = (CloudWatchLogsAppender) context.getLogger(Logger.ROOT_LOGGER_NAME)
                    .getAppender("CLOUDWATCH");
            assertThat(appender.isStarted()).as(Contexts.statusText(context)).isTrue();
            for (int i = 0; i < 20; i++) {
                context.getLogger("com.acme.Orders").info("as the role {}", i);
            }
            assertThat(appender.flush(Duration.ofSeconds(60))).isTrue();
            assertThat(appender.stats().getDelivered()).isEqualTo(20);
            context.stop();
            assertThat(logs.accessKeys()).isNotEmpty().doesNotContain("test");
        }
        try (CloudWatchLogsClient read = EmulatorClients.build(CloudWatchLogsClient.builder()
                .httpClient(UrlConnectionHttpClient.create()), moto.uri())) {
            assertThat(read.getLogEvents(r -> r.logGroupName("/logbeam/assumed-logback").logStreamName("orders")
                    .startFromHead(true)).events()).hasSize(20);
        }
    }
}

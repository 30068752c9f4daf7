package io.logbeam.core.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.logbeam.core.engine.Shipper;
import io.logbeam.core.testing.TestEvent;
import io.logbeam.testkit.AwsOperation;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.LogGroup;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Missing groups and streams, retention, group class and error handling, against the testkit endpoint. */
@Timeout(60)
class CloudWatchLogsResourcesTest {

    private static final String GROUP = "/acme/orders";
    private static final String STREAM = "orders-app";

    private final CloudWatchFixture fixture = new CloudWatchFixture();

    @AfterEach
    void close() {
        fixture.close();
    }

    private Shipper<TestEvent> shipOne(CloudWatchLogsDestination destination, String message) {
        Shipper<TestEvent> shipper = fixture.start(destination);
        shipper.publish(fixture.at(message, Duration.ZERO), false);
        assertThat(shipper.flush(Duration.ofSeconds(30))).isTrue();
        return shipper;
    }

    private LogGroup describeGroup() {
        try (CloudWatchLogsClient client = CloudWatchLogsClient.builder().endpointOverride(fixture.endpoint.uri())
                .region(Region.US_EAST_1).credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("test", "test"))).build()) {
            return client.describeLogGroups(b -> b.logGroupNamePrefix(GROUP)).logGroups().get(0);
        }
    }

    @Test
    void createsAMissingGroupWithRetentionAndClassThenTheStreamThenResends() {
        shipOne(fixture.destination().retentionDays(30).logGroupClass("INFREQUENT_ACCESS").build(), "hello");

        assertThat(fixture.storedMessages(GROUP, STREAM)).containsExactly("hello");
        assertThat(fixture.endpoint.logs().retention(GROUP)).hasValue(30);
        assertThat(describeGroup().logGroupClassAsString()).isEqualTo("INFREQUENT_ACCESS");
        assertThat(fixture.fallback.entries()).isEmpty();
        assertThat(fixture.diagnostics.lines()).isEmpty();
        // stream (not found) -> group -> stream; the same batch twice.
        assertThat(fixture.endpoint.requests().count(AwsOperation.LOGS_CREATE_LOG_STREAM)).isEqualTo(2);
        assertThat(fixture.endpoint.requests().count(AwsOperation.LOGS_CREATE_LOG_GROUP)).isEqualTo(1);
        assertThat(fixture.endpoint.requests().count(AwsOperation.LOGS_PUT_LOG_EVENTS)).isEqualTo(2);
    }

    @Test
    void aGroupSomeoneElseCreatedKeepsItsRetention() {
        fixture.endpoint.logs().createLogGroup(GROUP);
        shipOne(fixture.destination().retentionDays(30).build(), "hello");

        assertThat(fixture.storedMessages(GROUP, STREAM)).containsExactly("hello");
        assertThat(fixture.endpoint.logs().retention(GROUP)).isEmpty();
        assertThat(fixture.endpoint.requests().count(AwsOperation.LOGS_CREATE_LOG_GROUP)).isZero();
        assertThat(fixture.endpoint.requests().count(AwsOperation.LOGS_PUT_RETENTION_POLICY)).isZero();
    }

    @Test
    void aGroupCreatedByAnotherWriterMeanwhileCountsAsCreated() {
        // Another writer wins the race for the group: our CreateLogGroup gets ResourceAlreadyExistsException.
        fixture.endpoint.faults().failNext(1, 400, "ResourceNotFoundException", AwsOperation.LOGS_CREATE_LOG_STREAM);
        fixture.endpoint.logs().createLogGroup(GROUP);
        shipOne(fixture.destination().retentionDays(7).build(), "hello");

        assertThat(fixture.storedMessages(GROUP, STREAM)).containsExactly("hello");
        assertThat(fixture.endpoint.requests().count(AwsOperation.LOGS_CREATE_LOG_GROUP)).isEqualTo(1);
        assertThat(fixture.endpoint.logs().retention(GROUP)).as("only the creator sets retention").isEmpty();
        assertThat(fixture.fallback.entries()).isEmpty();
    }

    @Test
    void aStreamCreatedByAnotherWriterMeanwhileCountsAsCreated() {
        fixture.endpoint.logs().createLogGroup(GROUP);
        fixture.endpoint.faults().failNext(1, 400, "ResourceNotFoundException", AwsOperation.LOGS_PUT_LOG_EVENTS);
        fixture.endpoint.logs().createLogStream(GROUP, STREAM);
        shipOne(fixture.destination().build(), "hello");

        assertThat(fixture.storedMessages(GROUP, STREAM)).containsExactly("hello");
        assertThat(fixture.endpoint.requests().count(AwsOperation.LOGS_CREATE_LOG_STREAM)).isEqualTo(1);
        assertThat(fixture.fallback.entries()).isEmpty();
    }

    @Test
    void oneAppenderWithSeveralRequestsInFlightCreatesTheStreamOnce() {
        fixture.endpoint.logs().createLogGroup(GROUP);
        fixture.endpoint.faults().latency(Duration.ofMillis(100), AwsOperation.LOGS_PUT_LOG_EVENTS);
        Shipper<TestEvent> shipper = fixture.start(fixture.destination().build(),
                fixture.blocking().maxInFlight(4).build(), fixture.schema());
        for (int i = 0; i < 40_000; i++) {
            shipper.publish(fixture.at("e" + i, Duration.ZERO), false);
        }
        assertThat(shipper.flush(Duration.ofSeconds(30))).isTrue();

        assertThat(fixture.storedMessages(GROUP, STREAM)).hasSize(40_000);
        assertThat(fixture.endpoint.requests().count(AwsOperation.LOGS_CREATE_LOG_STREAM)).isEqualTo(1);
        assertThat(fixture.fallback.entries()).isEmpty();
    }

    @Test
    void aMissingGroupThatMayNotBeCreatedIsOneClearMessageAndTheEventsFallBack() {
        Shipper<TestEvent> shipper = fixture.start(fixture.destination().createLogGroup(false).build());
        for (int i = 0; i < 3; i++) {
            shipper.publish(fixture.at("e" + i, Duration.ZERO), true);
        }
        assertThat(shipper.flush(Duration.ofSeconds(30))).isTrue();

        assertThat(fixture.endpoint.logs().logGroupExists(GROUP)).isFalse();
        assertThat(fixture.fallback.entries()).hasSize(3);
        assertThat(fixture.diagnostics.lines()).singleElement().asString()
                .contains("log group '/acme/orders' does not exist and createLogGroup is false");
    }

    @Test
    void aMissingStreamThatMayNotBeCreatedIsOneClearMessage() {
        fixture.endpoint.logs().createLogGroup(GROUP);
        Shipper<TestEvent> shipper = shipOne(fixture.destination().createLogStream(false).build(), "hello");

        assertThat(fixture.endpoint.logs().logStreamNames(GROUP)).isEmpty();
        assertThat(fixture.fallback.entries()).hasSize(1);
        assertThat(shipper.stats().getDelivered()).isZero();
        assertThat(fixture.diagnostics.lines()).singleElement().asString()
                .contains("log stream 'orders-app' does not exist in log group '/acme/orders'")
                .contains("createLogStream is false");
    }

    @Test
    void noPermissionToCreateTheStreamNamesTheIamAction() {
        fixture.endpoint.logs().createLogGroup(GROUP);
        fixture.endpoint.faults().failAlways(400, "AccessDeniedException", AwsOperation.LOGS_CREATE_LOG_STREAM);
        shipOne(fixture.destination().build(), "hello");

        assertThat(fixture.fallback.entries()).hasSize(1);
        assertThat(fixture.diagnostics.lines()).singleElement().asString()
                .contains("could not create log stream 'orders-app' in log group '/acme/orders' (logs:CreateLogStream)")
                .contains("AccessDeniedException");
    }

    @Test
    void aRetentionThatCanNotBeSetIsReportedButTheEventsAreDelivered() {
        fixture.endpoint.faults().failAlways(400, "AccessDeniedException", AwsOperation.LOGS_PUT_RETENTION_POLICY);
        shipOne(fixture.destination().retentionDays(14).build(), "hello");

        assertThat(fixture.storedMessages(GROUP, STREAM)).containsExactly("hello");
        assertThat(fixture.fallback.entries()).isEmpty();
        assertThat(fixture.diagnostics.lines()).singleElement().asString()
                .contains("could not set its retention to 14 days").contains("logs:PutRetentionPolicy");
    }

    @Test
    void throttlingIsRetriedWithBackoffUntilDelivered() {
        fixture.endpoint.logs().createLogGroup(GROUP);
        fixture.endpoint.logs().createLogStream(GROUP, STREAM);
        fixture.endpoint.faults().failNext(3, 400, "ThrottlingException", AwsOperation.LOGS_PUT_LOG_EVENTS);
        Shipper<TestEvent> shipper = shipOne(fixture.destination().build(), "hello");

        assertThat(fixture.storedMessages(GROUP, STREAM)).containsExactly("hello");
        assertThat(shipper.stats().getRetried()).isEqualTo(3);
        assertThat(fixture.fallback.entries()).isEmpty();
    }

    @Test
    void serverErrorsAreRetried() {
        fixture.endpoint.logs().createLogGroup(GROUP);
        fixture.endpoint.logs().createLogStream(GROUP, STREAM);
        fixture.endpoint.faults().failNext(2, 503, "ServiceUnavailableException", AwsOperation.LOGS_PUT_LOG_EVENTS);
        fixture.endpoint.faults().failNext(1, 500, "InternalFailure", AwsOperation.LOGS_PUT_LOG_EVENTS);
        shipOne(fixture.destination().build(), "hello");

        assertThat(fixture.storedMessages(GROUP, STREAM)).containsExactly("hello");
        assertThat(fixture.fallback.entries()).isEmpty();
    }

    @Test
    void accessDeniedIsPermanentWithOneClearMessage() {
        fixture.endpoint.logs().createLogGroup(GROUP);
        fixture.endpoint.logs().createLogStream(GROUP, STREAM);
        fixture.endpoint.faults().failAlways(400, "AccessDeniedException", AwsOperation.LOGS_PUT_LOG_EVENTS);
        Shipper<TestEvent> shipper = fixture.start(fixture.destination().build(), fixture.config().maxInFlight(1)
                .build(), fixture.schema());
        for (int i = 0; i < 5; i++) {
            shipper.publish(fixture.at("e" + i, Duration.ZERO), true);
        }
        assertThat(shipper.flush(Duration.ofSeconds(30))).isTrue();

        assertThat(fixture.fallback.entries()).hasSize(5);
        assertThat(shipper.stats().getRetried()).isZero();
        List<String> lines = fixture.diagnostics.lines();
        assertThat(lines).singleElement().asString().contains("AccessDeniedException")
                .contains("logs:PutLogEvents");
        assertThat(fixture.endpoint.requests().count(AwsOperation.LOGS_PUT_LOG_EVENTS))
                .as("no retry storm: the destination cools down").isEqualTo(1);
    }
}

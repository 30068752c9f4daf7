package io.logbeam.core.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.logbeam.core.engine.Shipper;
import io.logbeam.core.event.JsonSchema;
import io.logbeam.core.event.LambdaContext;
import io.logbeam.core.testing.CapturingFallback;
import io.logbeam.core.testing.TestEvent;
import io.logbeam.testkit.AwsOperation;
import io.logbeam.testkit.LogEvent;
import io.logbeam.testkit.ManualClock;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The destination through a real shipper against the testkit endpoint, which enforces every PutLogEvents rule. */
@Timeout(60)
class CloudWatchLogsShippingTest {

    private static final String GROUP = "/acme/orders";
    private static final String STREAM = "orders-app";

    private CloudWatchFixture fixture = new CloudWatchFixture();

    @AfterEach
    void close() {
        fixture.close();
        LambdaContext.setRequestId(null);
    }

    @Test
    void outOfOrderEventsFromManyThreadsAreDeliveredSortedPerRequest() throws Exception {
        Shipper<TestEvent> shipper = fixture.start(fixture.destination().build(), fixture.blocking().build(),
                fixture.schema());
        int threads = 4;
        int perThread = 3_000;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> done = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            done.add(pool.submit(() -> {
                Random random = new Random(thread);
                go.await();
                for (int i = 0; i < perThread; i++) {
                    // Times up to an hour apart in any order: a batch in publish order would be refused.
                    shipper.publish(fixture.at(thread + "-" + i, Duration.ofMillis(-random.nextInt(3_600_000))), false);
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();

        assertThat(shipper.flush(Duration.ofSeconds(30))).isTrue();
        assertThat(fixture.endpoint.violations()).isEmpty();
        assertThat(fixture.fallback.entries()).isEmpty();
        List<String> stored = fixture.storedMessages(GROUP, STREAM);
        assertThat(stored).hasSize(threads * perThread).doesNotHaveDuplicates();
        assertThat(shipper.stats().getDelivered()).isEqualTo(threads * perThread);
    }

    @Test
    void thirtyHoursOfTimestampsAreSplitIntoRequestsOfLessThan24Hours() {
        Shipper<TestEvent> shipper = fixture.start(fixture.destination().build());
        int n = 3_000;
        long spreadMillis = Duration.ofHours(30).toMillis();
        for (int i = 0; i < n; i++) {
            shipper.publish(fixture.at("e" + i, Duration.ofMillis(-spreadMillis + spreadMillis * i / n)), false);
        }

        assertThat(shipper.flush(Duration.ofSeconds(30))).isTrue();
        assertThat(fixture.endpoint.violations()).isEmpty();
        assertThat(fixture.fallback.entries()).isEmpty();
        assertThat(fixture.storedMessages(GROUP, STREAM)).hasSize(n);
        assertThat(fixture.endpoint.requests().count(AwsOperation.LOGS_PUT_LOG_EVENTS)).isGreaterThanOrEqualTo(2);
    }

    @Test
    void tooOldAndTooNewEventsGoToTheFallbackWithTheReasonWithoutBeingSent() {
        CloudWatchLogsDestination destination = fixture.destination().build();
        Shipper<TestEvent> shipper = fixture.start(destination);
        shipper.publish(fixture.at("fine", Duration.ZERO), false);
        shipper.publish(fixture.at("old", Duration.ofDays(-15)), false);
        shipper.publish(fixture.at("new", Duration.ofHours(3)), false);
        shipper.publish(fixture.at("edge-old", Duration.ofDays(-14)), false);
        shipper.publish(fixture.at("edge-new", Duration.ofHours(2)), false);

        assertThat(shipper.flush(Duration.ofSeconds(30))).isTrue();
        assertThat(fixture.endpoint.violations()).as("nothing refused by the service").isEmpty();
        assertThat(fixture.storedMessages(GROUP, STREAM)).containsExactlyInAnyOrder("fine", "edge-old", "edge-new");
        assertThat(fixture.fallback.entries()).hasSize(2)
                .anySatisfy(e -> {
                    assertThat(e.event().jsonText()).contains("\"old\"");
                    assertThat(e.reason()).startsWith("TooOldLogEvent");
                })
                .anySatisfy(e -> {
                    assertThat(e.event().jsonText()).contains("\"new\"");
                    assertThat(e.reason()).startsWith("TooNewLogEvent");
                });
        assertThat(shipper.stats().getFallback()).isEqualTo(2);
        assertThat(shipper.stats().getDelivered()).isEqualTo(3);
        assertThat(destination.rejected().tooOld()).isEqualTo(1);
        assertThat(destination.rejected().tooNew()).isEqualTo(1);
    }

    @Test
    void eventsTheServiceRejectsForTheirTimeAreReportedPerEventAndNeverRetried() {
        // The service's clock runs a day ahead of the appender's: the pre-check can not see these coming.
        ManualClock serviceClock = new ManualClock(CloudWatchFixture.START.plus(Duration.ofDays(1)));
        fixture.close();
        fixture = new CloudWatchFixture(serviceClock);
        fixture.endpoint.logs().createLogGroup(GROUP);
        fixture.endpoint.logs().retention(GROUP, 7);
        CloudWatchLogsDestination destination = fixture.destination().build();
        Shipper<TestEvent> shipper = fixture.start(destination);
        shipper.publish(fixture.at("fine", Duration.ZERO), false);
        shipper.publish(fixture.at("too-old", Duration.ofDays(-13).minusHours(12)), false);
        shipper.publish(fixture.at("expired", Duration.ofDays(-7).minusHours(12)), false);
        shipper.publish(fixture.at("fine-too", Duration.ofHours(-1)), false);

        assertThat(shipper.flush(Duration.ofSeconds(30))).isTrue();
        assertThat(fixture.storedMessages(GROUP, STREAM)).containsExactlyInAnyOrder("fine", "fine-too");
        List<CapturingFallback.Entry> fellBack = fixture.fallback.entries();
        assertThat(fellBack).hasSize(2)
                .anySatisfy(e -> {
                    assertThat(e.event().jsonText()).contains("\"too-old\"");
                    assertThat(e.reason()).startsWith("TooOldLogEvent");
                })
                .anySatisfy(e -> {
                    assertThat(e.event().jsonText()).contains("\"expired\"");
                    assertThat(e.reason()).startsWith("ExpiredLogEvent").contains("retention");
                });
        assertThat(shipper.stats().getRetried()).isZero();
        assertThat(destination.rejected().tooOld()).isEqualTo(1);
        assertThat(destination.rejected().expired()).isEqualTo(1);
    }

    @Test
    void eventsTooNewForTheServicesClockAreRejectedPerEvent() {
        ManualClock serviceClock = new ManualClock(CloudWatchFixture.START.minus(Duration.ofHours(1)));
        fixture.close();
        fixture = new CloudWatchFixture(serviceClock);
        CloudWatchLogsDestination destination = fixture.destination().build();
        Shipper<TestEvent> shipper = fixture.start(destination);
        shipper.publish(fixture.at("fine", Duration.ZERO), false);
        shipper.publish(fixture.at("ahead", Duration.ofMinutes(90)), false);

        assertThat(shipper.flush(Duration.ofSeconds(30))).isTrue();
        assertThat(fixture.storedMessages(GROUP, STREAM)).containsExactly("fine");
        assertThat(fixture.fallback.entries()).singleElement().satisfies(e -> {
            assertThat(e.event().jsonText()).contains("\"ahead\"");
            assertThat(e.reason()).startsWith("TooNewLogEvent");
        });
        assertThat(destination.rejected().tooNew()).isEqualTo(1);
    }

    @Test
    void randomSizesWithMultiByteTextStayWithinEveryLimit() {
        Shipper<TestEvent> shipper = fixture.start(fixture.destination().build());
        Random random = new Random(7);
        String[] alphabet = {"a", "ß", "€", "語", "🎉", "\t", "\""};
        int n = 600;
        for (int i = 0; i < n; i++) {
            int length = random.nextInt(8) == 0 ? 20_000 + random.nextInt(80_000) : random.nextInt(500);
            StringBuilder text = new StringBuilder("#" + i + " ");
            for (int c = 0; c < length; c++) {
                text.append(alphabet[random.nextInt(alphabet.length)]);
            }
            shipper.publish(fixture.at(text.toString(), Duration.ofMillis(-random.nextInt(60_000))), false);
        }

        assertThat(shipper.flush(Duration.ofSeconds(30))).isTrue();
        assertThat(fixture.endpoint.violations()).isEmpty();
        assertThat(fixture.fallback.entries()).isEmpty();
        assertThat(fixture.storedMessages(GROUP, STREAM)).hasSize(n);
        assertThat(fixture.endpoint.requests().count(AwsOperation.LOGS_PUT_LOG_EVENTS)).isGreaterThan(3);
    }

    @Test
    void oversizeEventsAreTruncatedToTheConfiguredEventSize() {
        fixture.endpoint.logs().limits(io.logbeam.testkit.LogsLimits.DEFAULT.withMaxEventBytes(262_144));
        Shipper<TestEvent> shipper = fixture.start(fixture.destination()
                .maxEventBytes(CloudWatchLimits.LEGACY_MAX_EVENT_BYTES).build());
        shipper.publish(fixture.at("€".repeat(200_000), Duration.ZERO), false);

        assertThat(shipper.flush(Duration.ofSeconds(30))).isTrue();
        assertThat(fixture.endpoint.violations()).isEmpty();
        List<LogEvent> stored = fixture.endpoint.logs().events(GROUP, STREAM);
        assertThat(stored).singleElement().satisfies(e -> {
            assertThat(e.message().getBytes(java.nio.charset.StandardCharsets.UTF_8).length)
                    .isLessThanOrEqualTo(CloudWatchLimits.LEGACY_MAX_EVENT_BYTES);
            assertThat(CloudWatchFixture.parse(e.message()).get("truncated").asBoolean()).isTrue();
        });
    }

    @Test
    void threeWritersShareOneStreamThatNoneOfThemCreatedBeforehand() throws Exception {
        int writers = 3;
        int perWriter = 2_000;
        List<Shipper<TestEvent>> shippers = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            // Each with its own destination and so its own SDK client, like separate processes.
            shippers.add(fixture.start(fixture.destination().build(), fixture.blocking().maxInFlight(2).build(),
                    JsonSchema.builder().host("host-" + w).lambdaInfo(null).build()));
        }
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            Shipper<TestEvent> shipper = shippers.get(w);
            int writer = w;
            done.add(pool.submit(() -> {
                go.await();
                for (int i = 0; i < perWriter; i++) {
                    shipper.publish(fixture.at(writer + "-" + i, Duration.ZERO), false);
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : done) {
            f.get();
        }
        pool.shutdown();
        for (Shipper<TestEvent> shipper : shippers) {
            assertThat(shipper.flush(Duration.ofSeconds(30))).isTrue();
        }

        assertThat(fixture.fallback.entries()).isEmpty();
        assertThat(fixture.diagnostics.lines()).isEmpty();
        assertThat(fixture.endpoint.violations()).isEmpty();
        List<LogEvent> stored = fixture.endpoint.logs().events(GROUP, STREAM);
        Set<String> messages = new HashSet<>();
        Set<String> hosts = new HashSet<>();
        for (LogEvent event : stored) {
            JsonNode json = CloudWatchFixture.parse(event.message());
            assertThat(messages.add(json.get("message").asText())).as("exactly once").isTrue();
            hosts.add(json.get("host").asText());
        }
        assertThat(messages).hasSize(writers * perWriter);
        assertThat(hosts).containsExactlyInAnyOrder("host-0", "host-1", "host-2");
        assertThat(fixture.endpoint.logs().logStreamNames(GROUP)).containsExactly(STREAM);
    }

    @Test
    void inLambdaEachEventSaysWhichFunctionVersionAndRequestLoggedIt() {
        Shipper<TestEvent> shipper = fixture.start(fixture.destination().build(), fixture.config().build(),
                JsonSchema.builder().host("169.254.1.1").lambdaInfo(new JsonSchema.LambdaInfo("orders-api", "7"))
                        .build());
        LambdaContext.setRequestId("req-1");
        shipper.publish(fixture.at("from context", Duration.ZERO), false);
        LambdaContext.setRequestId(null);
        shipper.publish(fixture.at("from mdc", Duration.ZERO).mdc("AWSRequestId", "req-2"), false);

        assertThat(shipper.flush(Duration.ofSeconds(30))).isTrue();
        List<LogEvent> stored = fixture.endpoint.logs().events(GROUP, STREAM);
        assertThat(stored).hasSize(2);
        for (LogEvent event : stored) {
            JsonNode json = CloudWatchFixture.parse(event.message());
            assertThat(json.get("host").asText()).isEqualTo("169.254.1.1");
            JsonNode lambda = json.get("lambda");
            assertThat(lambda.get("function").asText()).isEqualTo("orders-api");
            assertThat(lambda.get("version").asText()).isEqualTo("7");
            assertThat(lambda.get("cold_start").isBoolean()).isTrue();
            String expected = json.get("message").asText().equals("from context") ? "req-1" : "req-2";
            assertThat(lambda.get("request_id").asText()).isEqualTo(expected);
        }
    }
}

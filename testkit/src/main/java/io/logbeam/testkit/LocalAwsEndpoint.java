package io.logbeam.testkit;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * An in-process fake of the Kinesis Data Streams, Kinesis Data Firehose and CloudWatch Logs JSON APIs, listening on
 * 127.0.0.1, for tests that drive real AWS SDK clients through {@code endpointOverride(endpoint.uri())}.
 *
 * <p>It enforces the services' documented limits strictly and rejects violations as the services do (and lists them
 * in {@link #violations()}), records everything it accepted ({@link #kinesis()}, {@link #firehose()},
 * {@link #logs()}, {@link #requests()}) and injects faults on demand ({@link #faults()}).
 *
 * <pre>{@code
 * try (LocalAwsEndpoint endpoint = LocalAwsEndpoint.start()) {
 *     endpoint.kinesis().createStream("logs", 2);
 *     KinesisClient client = KinesisClient.builder().endpointOverride(endpoint.uri())...build();
 *     ...
 *     assertThat(endpoint.kinesis().records("logs")).hasSize(100);
 *     assertThat(endpoint.violations()).isEmpty();
 * }
 * }</pre>
 *
 * <p>{@link #close()} ends every thread the endpoint started.
 */
public final class LocalAwsEndpoint implements AutoCloseable {

    private static final String THREAD_PREFIX = "logbeam-endpoint";

    private final FakeKinesis kinesis;
    private final FakeFirehose firehose;
    private final FakeCloudWatchLogs logs;
    private final Faults faults;
    private final RequestStats requests = new RequestStats();
    private final ViolationLog violations = new ViolationLog();
    private final RawHttpServer server;
    private final ScheduledExecutorService timer;
    private final Set<Thread> timerThreads = ConcurrentHashMap.newKeySet();
    private final Object downLock = new Object();
    private ScheduledFuture<?> pendingRestart;

    private LocalAwsEndpoint(Builder builder) {
        this.faults = new Faults(builder.seed, new DownControl());
        this.kinesis = new FakeKinesis(builder.clock, builder.region, faults);
        this.firehose = new FakeFirehose(builder.clock, builder.region, faults);
        this.logs = new FakeCloudWatchLogs(builder.clock, builder.region, violations);
        AwsRequestRouter router = new AwsRequestRouter(kinesis, firehose, logs, faults, requests, violations);
        this.server = new RawHttpServer(builder.port, router, THREAD_PREFIX);
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, THREAD_PREFIX + "-" + server.port() + "-timer");
            thread.setDaemon(true);
            timerThreads.add(thread);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        this.timer = executor;
    }

    /** Starts an endpoint on a free port with the system clock and seed 0. */
    public static LocalAwsEndpoint start() {
        return builder().start();
    }

    /** Options for {@link #start()}. */
    public static Builder builder() {
        return new Builder();
    }

    /** {@code http://127.0.0.1:<port>}, for {@code endpointOverride}. */
    public URI uri() {
        return Loopback.httpUri(port());
    }

    /** The port; stays the same across {@link #stop()} / {@link #restart()} and {@link Faults#down}. */
    public int port() {
        return server.port();
    }

    /** Kinesis Data Streams state, setup and read-back. */
    public FakeKinesis kinesis() {
        return kinesis;
    }

    /** Kinesis Data Firehose state, setup and read-back. */
    public FakeFirehose firehose() {
        return firehose;
    }

    /** CloudWatch Logs state, setup and read-back. */
    public FakeCloudWatchLogs logs() {
        return logs;
    }

    /** Fault injection rules and counters. */
    public Faults faults() {
        return faults;
    }

    /** Counters of all requests received. */
    public RequestStats requests() {
        return requests;
    }

    /**
     * One line per request that broke a documented service rule (limits, ordering, malformed or unknown requests,
     * log events rejected for their age). A well-behaved client leaves this empty.
     */
    public List<String> violations() {
        return violations.snapshot();
    }

    /** Forgets all streams, groups, records, counters, violations and fault rules; the endpoint keeps running. */
    public void reset() {
        faults.clear();
        faults.resetCounters();
        kinesis.reset();
        firehose.reset();
        logs.reset();
        requests.reset();
        violations.clear();
    }

    /** Closes the listening socket and every connection; recorded data is kept. */
    public void stop() {
        cancelPendingRestart();
        server.stop();
    }

    /** Listens again on the same port after {@link #stop()}. */
    public void restart() {
        cancelPendingRestart();
        server.start();
    }

    /** Whether the endpoint is listening. */
    public boolean isRunning() {
        return server.isRunning();
    }

    /** Stops listening and waits until every endpoint thread has ended. */
    @Override
    public void close() {
        cancelPendingRestart();
        server.stop();
        faults.clearRulesOnly(); // a hung request that missed the interrupt must not block the shutdown
        server.close();
        timer.shutdownNow();
        try {
            if (!timer.awaitTermination(5, TimeUnit.SECONDS)) {
                throw new IllegalStateException("endpoint timer did not stop");
            }
            for (Thread thread : timerThreads) {
                thread.join(5_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void cancelPendingRestart() {
        synchronized (downLock) {
            if (pendingRestart != null) {
                pendingRestart.cancel(false);
                pendingRestart = null;
            }
        }
    }

    /** Implements {@link Faults#down} and the recovery from it on {@link Faults#clear()}. */
    private final class DownControl implements Faults.EndpointControl {
        @Override
        public void takeDown(Duration duration) {
            synchronized (downLock) {
                server.stop();
                if (pendingRestart != null) {
                    pendingRestart.cancel(false);
                }
                pendingRestart = timer.schedule(this::comeBack, duration.toNanos(), TimeUnit.NANOSECONDS);
            }
        }

        @Override
        public void cancelDown() {
            synchronized (downLock) {
                if (pendingRestart != null) {
                    pendingRestart.cancel(false);
                    pendingRestart = null;
                    server.start();
                }
            }
        }

        private void comeBack() {
            synchronized (downLock) {
                pendingRestart = null;
                server.start();
            }
        }
    }

    /** Options of a {@link LocalAwsEndpoint}. */
    public static final class Builder {
        private int port;
        private Clock clock = Clock.systemUTC();
        private long seed;
        private String region = TestCredentials.REGION;

        private Builder() {
        }

        /** The port on 127.0.0.1; 0 (the default) picks a free one. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port out of range: " + port);
            }
            this.port = port;
            return this;
        }

        /** The clock for arrival and ingestion times and the CloudWatch Logs age checks (see {@link ManualClock}). */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Seed of the random source behind probabilistic faults. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** The region that appears in ARNs. */
        public Builder region(String region) {
            this.region = Objects.requireNonNull(region, "region");
            return this;
        }

        /** Builds the endpoint and starts listening. */
        public LocalAwsEndpoint start() {
            LocalAwsEndpoint endpoint = new LocalAwsEndpoint(this);
            try {
                endpoint.server.start();
            } catch (RuntimeException e) {
                endpoint.close();
                throw e;
            }
            return endpoint;
        }
    }
}

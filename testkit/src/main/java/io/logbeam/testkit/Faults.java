package io.logbeam.testkit;

import java.time.Duration;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Fault injection for {@link LocalAwsEndpoint}: every method adds one rule; rules combine and stay until
 * {@link #clear()}.
 *
 * <p>Unless operations are named, a rule applies to the data-plane writes only ({@link AwsOperation#DATA_PLANE_PUTS};
 * for {@link #failEntries} PutRecords and PutRecordBatch), so that tests can read back what was stored while faults
 * are active. Probabilities draw from one {@link Random} seeded by {@link LocalAwsEndpoint.Builder#seed} or
 * {@link #seed}.
 *
 * <p>Per request the rules act in this order: hang, latency, reset before processing, permanent failure, failNext,
 * random failure, throttling, processing (with entry failures), reset after processing.
 */
public final class Faults {

    /** Lets {@link #down} and {@link #clear} stop and restart the endpoint without a cycle in the API. */
    interface EndpointControl {
        void takeDown(Duration duration);

        void cancelDown();
    }

    private static final Set<AwsOperation> ENTRY_OPERATIONS =
            Set.copyOf(EnumSet.of(AwsOperation.KINESIS_PUT_RECORDS, AwsOperation.FIREHOSE_PUT_RECORD_BATCH));

    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final Map<FaultKind, LongAdder> counters = new EnumMap<>(FaultKind.class);
    private final ReentrantLock hangLock = new ReentrantLock();
    private final Condition hangReleased = hangLock.newCondition();
    private final AtomicInteger hungNow = new AtomicInteger();
    private final EndpointControl endpoint;
    private Random random;

    Faults(long seed, EndpointControl endpoint) {
        this.random = new Random(seed);
        this.endpoint = endpoint;
        for (FaultKind kind : FaultKind.values()) {
            counters.put(kind, new LongAdder());
        }
    }

    // ---------------------------------------------------------------- rules

    /** Re-seeds the random source, e.g. to replay a failing run. */
    public synchronized Faults seed(long seed) {
        random = new Random(seed);
        return this;
    }

    /**
     * Answers each matching request with probability {@code probability} with {@code status} and error code
     * {@code errorCode}, e.g. {@code (0.2, 500, "InternalFailure")} or {@code (0.1, 503,
     * "ServiceUnavailableException")}; the request is not processed.
     */
    public Faults failRandomly(double probability, int status, String errorCode, AwsOperation... operations) {
        checkProbability(probability);
        rules.add(new RandomFailure(scope(operations), probability, status, errorCode));
        return this;
    }

    /** Answers the next {@code count} matching requests with {@code status} / {@code errorCode}, unprocessed. */
    public Faults failNext(int count, int status, String errorCode, AwsOperation... operations) {
        if (count <= 0) {
            throw new IllegalArgumentException("count must be positive");
        }
        rules.add(new FailNext(scope(operations), new AtomicInteger(count), status, errorCode));
        return this;
    }

    /**
     * For {@code duration} from now, throttles each matching request with probability {@code probability} using the
     * service's own throttling error: Kinesis {@code ProvisionedThroughputExceededException} (400), Firehose
     * {@code ServiceUnavailableException} (500, the error Firehose uses when a stream's throughput is exceeded),
     * CloudWatch Logs {@code ThrottlingException} (400).
     */
    public Faults throttle(double probability, Duration duration, AwsOperation... operations) {
        checkProbability(probability);
        rules.add(new Throttle(scope(operations), probability, deadline(duration), 0, null));
        return this;
    }

    /** Like {@link #throttle(double, Duration, AwsOperation...)} with an explicit error, e.g. Firehose
     * {@code LimitExceededException}. */
    public Faults throttle(double probability, Duration duration, int status, String errorCode,
                           AwsOperation... operations) {
        checkProbability(probability);
        rules.add(new Throttle(scope(operations), probability, deadline(duration), status,
                Objects.requireNonNull(errorCode, "errorCode")));
        return this;
    }

    /**
     * Fails each entry of a PutRecords / PutRecordBatch call with probability {@code probability} and the given
     * entry {@code ErrorCode} ({@code ProvisionedThroughputExceededException}, {@code InternalFailure},
     * {@code ServiceUnavailableException}); failed entries are not stored, and FailedRecordCount / FailedPutCount
     * count them, as the real services do.
     */
    public Faults failEntries(double probability, String errorCode, AwsOperation... operations) {
        checkProbability(probability);
        Set<AwsOperation> scope = operations.length == 0 ? ENTRY_OPERATIONS : Set.copyOf(Arrays.asList(operations));
        rules.add(new EntryFailure(scope, probability, Objects.requireNonNull(errorCode, "errorCode")));
        return this;
    }

    /**
     * Answers every matching request with {@code status} / {@code errorCode} until cleared, like a permanent
     * {@code AccessDeniedException}, {@code ResourceNotFoundException} or {@code KMSDisabledException} (all 400).
     */
    public Faults failAlways(int status, String errorCode, AwsOperation... operations) {
        rules.add(new PermanentFailure(scope(operations), status, Objects.requireNonNull(errorCode, "errorCode")));
        return this;
    }

    /** Delays the answer to every matching request by {@code delay} (rules add up). */
    public Faults latency(Duration delay, AwsOperation... operations) {
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative");
        }
        rules.add(new Latency(scope(operations), delay));
        return this;
    }

    /**
     * Aborts the connection with a TCP reset on every {@code n}th matching request (the {@code n}th, {@code 2n}th,
     * ...), after reading it completely; {@code mode} decides whether it is processed first.
     */
    public Faults resetEveryNth(int n, ResetMode mode, AwsOperation... operations) {
        if (n <= 0) {
            throw new IllegalArgumentException("n must be positive");
        }
        rules.add(new ResetEveryNth(scope(operations), n, Objects.requireNonNull(mode, "mode"), new AtomicLong()));
        return this;
    }

    /**
     * Reads matching requests and holds them without an answer until {@link #clear()} (then they are processed and
     * answered late, unless the client gave up) or until the endpoint stops (then their connections are reset).
     */
    public Faults hang(AwsOperation... operations) {
        rules.add(new Hang(scope(operations)));
        return this;
    }

    /**
     * Takes the endpoint down now: closes the listening socket and every connection, and listens again on the same
     * port after {@code duration}. Recorded data is kept. {@link #clear()} brings it back at once.
     */
    public Faults down(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("duration must not be negative");
        }
        count(FaultKind.DOWN, 1);
        endpoint.takeDown(duration);
        return this;
    }

    /** Removes every rule, releases hung requests and ends a pending {@link #down}. Counters are kept. */
    public void clear() {
        clearRulesOnly();
        endpoint.cancelDown();
    }

    /** Removes every rule and releases hung requests, leaving a pending {@link #down} alone. */
    void clearRulesOnly() {
        rules.clear();
        releaseHungRequests();
    }

    // ---------------------------------------------------------------- counters

    /** How many faults of this kind were injected since the endpoint started or was {@linkplain
     * LocalAwsEndpoint#reset() reset}. */
    public long injected(FaultKind kind) {
        return counters.get(kind).sum();
    }

    /** All counters. */
    public Map<FaultKind, Long> injected() {
        Map<FaultKind, Long> snapshot = new EnumMap<>(FaultKind.class);
        counters.forEach((kind, counter) -> snapshot.put(kind, counter.sum()));
        return snapshot;
    }

    /** Requests currently held by {@link #hang}; lets a test wait until a client is stuck. */
    public int hungRequests() {
        return hungNow.get();
    }

    /** Whether any rule is active (a pending {@link #down} aside). */
    public boolean isActive() {
        return !rules.isEmpty();
    }

    // ---------------------------------------------------------------- used by the router and the services

    void resetCounters() {
        counters.values().forEach(LongAdder::reset);
    }

    /** Blocks while a hang rule matches; counts the request once. */
    void awaitHangRelease(AwsOperation operation) throws InterruptedException {
        if (!hangApplies(operation)) {
            return;
        }
        count(FaultKind.HANG, 1);
        hungNow.incrementAndGet();
        hangLock.lock();
        try {
            while (hangApplies(operation)) {
                hangReleased.await();
            }
        } finally {
            hangLock.unlock();
            hungNow.decrementAndGet();
        }
    }

    /** Sleeps for the sum of the matching latency rules. */
    void applyLatency(AwsOperation operation) throws InterruptedException {
        long nanos = 0;
        for (Rule rule : rules) {
            if (rule instanceof Latency latency && latency.matches(operation)) {
                nanos += latency.delay.toNanos();
            }
        }
        if (nanos > 0) {
            count(FaultKind.LATENCY, 1);
            TimeUnit.NANOSECONDS.sleep(nanos);
        }
    }

    /** The reset to apply to this request, counting the request towards every matching every-Nth rule. */
    ResetMode resetFor(AwsOperation operation) {
        ResetMode chosen = null;
        for (Rule rule : rules) {
            if (rule instanceof ResetEveryNth reset && reset.matches(operation)
                    && reset.seen.incrementAndGet() % reset.n == 0 && chosen != ResetMode.BEFORE_PROCESSING) {
                chosen = reset.mode;
            }
        }
        if (chosen != null) {
            count(FaultKind.CONNECTION_RESET, 1);
        }
        return chosen;
    }

    /** The error to answer instead of processing, or {@code null} to process the request. */
    ServiceError requestFailure(AwsOperation operation) {
        for (Rule rule : rules) {
            if (rule instanceof PermanentFailure permanent && permanent.matches(operation)) {
                count(FaultKind.PERMANENT_FAILURE, 1);
                return injectedError(permanent.status, permanent.code);
            }
        }
        for (Rule rule : rules) {
            if (rule instanceof FailNext failNext && failNext.matches(operation)
                    && failNext.remaining.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
                count(FaultKind.REQUEST_FAILURE, 1);
                return injectedError(failNext.status, failNext.code);
            }
        }
        for (Rule rule : rules) {
            if (rule instanceof RandomFailure failure && failure.matches(operation) && draw(failure.probability)) {
                count(FaultKind.REQUEST_FAILURE, 1);
                return injectedError(failure.status, failure.code);
            }
        }
        long now = System.nanoTime();
        for (Rule rule : rules) {
            if (rule instanceof Throttle throttle && throttle.matches(operation) && now - throttle.deadlineNanos < 0
                    && draw(throttle.probability)) {
                count(FaultKind.THROTTLE, 1);
                if (throttle.code != null) {
                    return injectedError(throttle.status, throttle.code);
                }
                return throttlingError(operation.service());
            }
        }
        return null;
    }

    /** The entry {@code ErrorCode} for one PutRecords / PutRecordBatch entry, or {@code null} to store it. */
    String entryFailure(AwsOperation operation) {
        for (Rule rule : rules) {
            if (rule instanceof EntryFailure failure && failure.matches(operation) && draw(failure.probability)) {
                count(FaultKind.ENTRY_FAILURE, 1);
                return failure.code;
            }
        }
        return null;
    }

    /** The message the real service puts next to an entry or request error code. */
    static String messageFor(String errorCode) {
        return switch (errorCode) {
            case "ProvisionedThroughputExceededException" ->
                    "Rate exceeded for stream under account " + TestCredentials.ACCOUNT_ID
                            + " (injected by the testkit)";
            case "InternalFailure", "InternalFailureException" -> "Internal service failure.";
            case "ServiceUnavailableException" -> "Slow down.";
            case "ThrottlingException" -> "Rate exceeded";
            case "AccessDeniedException" -> "User is not authorized to perform this action (injected by the testkit)";
            case "KMSDisabledException" -> "The KMS key used by this resource is disabled (injected by the testkit)";
            case "ResourceNotFoundException" -> "The resource does not exist (injected by the testkit)";
            default -> errorCode + " (injected by the testkit)";
        };
    }

    private static ServiceError throttlingError(AwsOperation.Service service) {
        return switch (service) {
            case KINESIS -> injectedError(400, "ProvisionedThroughputExceededException");
            case FIREHOSE -> injectedError(500, "ServiceUnavailableException");
            case LOGS -> injectedError(400, "ThrottlingException");
        };
    }

    private static ServiceError injectedError(int status, String code) {
        return new ServiceError(status, code, messageFor(code), false);
    }

    private boolean hangApplies(AwsOperation operation) {
        for (Rule rule : rules) {
            if (rule instanceof Hang hang && hang.matches(operation)) {
                return true;
            }
        }
        return false;
    }

    private void releaseHungRequests() {
        hangLock.lock();
        try {
            hangReleased.signalAll();
        } finally {
            hangLock.unlock();
        }
    }

    private synchronized boolean draw(double probability) {
        return probability > 0 && random.nextDouble() < probability;
    }

    private void count(FaultKind kind, long amount) {
        counters.get(kind).add(amount);
    }

    private static Set<AwsOperation> scope(AwsOperation... operations) {
        return operations.length == 0 ? AwsOperation.DATA_PLANE_PUTS : Set.copyOf(Arrays.asList(operations));
    }

    private static long deadline(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("duration must not be negative");
        }
        return System.nanoTime() + duration.toNanos();
    }

    private static void checkProbability(double probability) {
        if (!(probability >= 0 && probability <= 1)) {
            throw new IllegalArgumentException("probability must be within 0..1: " + probability);
        }
    }

    // ---------------------------------------------------------------- rule types

    private abstract static class Rule {
        private final Set<AwsOperation> operations;

        Rule(Set<AwsOperation> operations) {
            this.operations = operations;
        }

        boolean matches(AwsOperation operation) {
            return operation != null && operations.contains(operation);
        }
    }

    private static final class RandomFailure extends Rule {
        final double probability;
        final int status;
        final String code;

        RandomFailure(Set<AwsOperation> operations, double probability, int status, String code) {
            super(operations);
            this.probability = probability;
            this.status = status;
            this.code = Objects.requireNonNull(code, "errorCode");
        }
    }

    private static final class FailNext extends Rule {
        final AtomicInteger remaining;
        final int status;
        final String code;

        FailNext(Set<AwsOperation> operations, AtomicInteger remaining, int status, String code) {
            super(operations);
            this.remaining = remaining;
            this.status = status;
            this.code = Objects.requireNonNull(code, "errorCode");
        }
    }

    private static final class Throttle extends Rule {
        final double probability;
        final long deadlineNanos;
        final int status;
        final String code;

        Throttle(Set<AwsOperation> operations, double probability, long deadlineNanos, int status, String code) {
            super(operations);
            this.probability = probability;
            this.deadlineNanos = deadlineNanos;
            this.status = status;
            this.code = code;
        }
    }

    private static final class EntryFailure extends Rule {
        final double probability;
        final String code;

        EntryFailure(Set<AwsOperation> operations, double probability, String code) {
            super(operations);
            this.probability = probability;
            this.code = code;
        }
    }

    private static final class PermanentFailure extends Rule {
        final int status;
        final String code;

        PermanentFailure(Set<AwsOperation> operations, int status, String code) {
            super(operations);
            this.status = status;
            this.code = code;
        }
    }

    private static final class Latency extends Rule {
        final Duration delay;

        Latency(Set<AwsOperation> operations, Duration delay) {
            super(operations);
            this.delay = delay;
        }
    }

    private static final class ResetEveryNth extends Rule {
        final int n;
        final ResetMode mode;
        final AtomicLong seen;

        ResetEveryNth(Set<AwsOperation> operations, int n, ResetMode mode, AtomicLong seen) {
            super(operations);
            this.n = n;
            this.mode = mode;
            this.seen = seen;
        }
    }

    private static final class Hang extends Rule {
        Hang(Set<AwsOperation> operations) {
            super(operations);
        }
    }
}

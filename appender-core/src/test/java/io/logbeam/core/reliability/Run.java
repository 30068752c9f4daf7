package io.logbeam.core.reliability;

import io.logbeam.core.config.AppenderProperties;
import io.logbeam.core.engine.Shipper;
import io.logbeam.core.engine.ShipperStats;
import io.logbeam.core.testing.CapturingDiagnostics;
import io.logbeam.core.testing.CapturingFallback;
import io.logbeam.core.testing.TestAdapter;
import io.logbeam.core.testing.TestEvent;
import io.logbeam.testkit.LocalAwsEndpoint;
import io.logbeam.testkit.TestThreads;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * One scenario run on one destination: a testkit endpoint, an appender started from the destination's
 * real settings class (capturing fallback and diagnostics), a ledger of what the test published, and the
 * reconciliation of statistics, endpoint records and fallback into an {@link Outcome}.
 *
 * <p>Every event carries a key in its logger name ({@code rel.e<seq>}): the one field the serializer keeps
 * whatever it has to cut, so each stored or fallen-back event can be traced to its publish call.
 */
public final class Run implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger NAMES = new AtomicInteger();
    private static final String KEY_PREFIX = "rel.e";

    final Target target;
    final String name;
    final LocalAwsEndpoint endpoint;
    final CapturingFallback fallback;
    final CapturingDiagnostics diagnostics = new CapturingDiagnostics();
    final AppenderProperties settings;
    private Shipper<TestEvent> shipper;
    private final long startNanos = System.nanoTime();
    private final AtomicLong sequence = new AtomicLong();
    private final Set<String> accepted = ConcurrentHashMap.newKeySet();
    private final LongAdder attempted = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private final LongAdder thrown = new LongAdder();
    private final List<byte[]> removedByTest = new ArrayList<>();
    private Predicate<String> expectedViolation = v -> false;

    private Run(Target target, LocalAwsEndpoint endpoint, AppenderProperties settings, String name) {
        this.target = target;
        this.endpoint = endpoint;
        this.settings = settings;
        this.name = name;
        this.fallback = RoutingFallback.of(name);
    }

    /** Starts describing a run on {@code target}. */
    public static Builder on(Target target) {
        return new Builder(target);
    }

    /** The running appender's shipper. */
    public Shipper<TestEvent> shipper() {
        return shipper;
    }

    public ShipperStats stats() {
        return shipper.stats();
    }

    public LocalAwsEndpoint endpoint() {
        return endpoint;
    }

    /** A new event with the next key. */
    public TestEvent event() {
        long seq = sequence.incrementAndGet();
        return TestEvent.of("event " + seq + " of " + name).logger(KEY_PREFIX + seq);
    }

    /** A new event with the next key and {@code message}. */
    public TestEvent event(String message) {
        long seq = sequence.incrementAndGet();
        TestEvent e = TestEvent.of(message);
        e.logger = KEY_PREFIX + seq;
        return e;
    }

    /** Publishes a new event. */
    public boolean publish() {
        return publish(event(), false);
    }

    /** Publishes {@code event} as an application thread would, recording the result in the ledger. */
    public boolean publish(TestEvent event, boolean urgent) {
        attempted.increment();
        boolean ok;
        try {
            ok = shipper.publish(event, urgent);
        } catch (Throwable t) {
            thrown.increment();
            diagnostics.report(name, "publish threw into the caller: " + t);
            return false;
        }
        if (ok) {
            accepted.add(event.logger);
        } else {
            refused.increment();
        }
        return ok;
    }

    /** Publishes {@code count} new events evenly over {@code over} from the calling thread. */
    public void publishPaced(int count, Duration over) {
        publishPaced(count, over, () -> { });
    }

    /** As {@link #publishPaced(int, Duration)}, calling {@code between} after each event. */
    public void publishPaced(int count, Duration over, Runnable between) {
        long start = System.nanoTime();
        long step = count == 0 ? 0 : over.toNanos() / count;
        for (int i = 0; i < count; i++) {
            long due = start + step * i;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait); // pacing the load, not waiting for a result
            }
            publish();
            between.run();
        }
    }

    /** Flushes; true when everything published before is delivered or fell back. */
    public boolean flush(Duration timeout) {
        return shipper.flush(timeout);
    }

    /** Stops the appender; returns the time stop took. */
    public Duration stop(Duration timeout) {
        long before = System.nanoTime();
        shipper.stop(timeout);
        return Duration.ofNanos(System.nanoTime() - before);
    }

    /** Live Logbeam threads of this appender. */
    public int threads() {
        return TestThreads.ofAppender(name);
    }

    /**
     * Removes the destination's resource while keeping, for the accounting, what it held: CloudWatch Logs
     * deletes a group's events with it. Atomic with respect to the endpoint's writes (same monitor).
     */
    public void deleteLogGroup() {
        synchronized (endpoint.logs()) {
            removedByTest.addAll(target.storedEvents(endpoint));
            endpoint.logs().deleteLogGroup(Target.LOG_GROUP);
        }
    }

    /** As {@link #deleteLogGroup()} for the stream only. */
    public void deleteLogStream() {
        synchronized (endpoint.logs()) {
            removedByTest.addAll(target.storedEvents(endpoint));
            endpoint.logs().deleteLogStream(Target.LOG_GROUP, Target.LOG_STREAM);
        }
    }

    /** Endpoint violations the scenario provokes on purpose (e.g. events the service refuses for their time). */
    public Run expectViolations(Predicate<String> which) {
        this.expectedViolation = which;
        return this;
    }

    /** The stored events by key, parsed (the first copy of each). */
    public Map<String, Parsed> storedByKey() {
        Map<String, Parsed> out = new HashMap<>();
        for (byte[] bytes : target.storedEvents(endpoint)) {
            Parsed p = parse(bytes, target.maxEventBytes());
            if (p.key != null) {
                out.putIfAbsent(p.key, p);
            }
        }
        return out;
    }

    /** Reconciles statistics, ledger, endpoint and fallback; call once the appender has stopped. */
    public Outcome outcome(String scenario, String parameters) {
        Outcome o = new Outcome(scenario, target, parameters);
        o.elapsed = Duration.ofNanos(System.nanoTime() - startNanos);
        ShipperStats stats = shipper.stats();
        o.attempted = attempted.sum();
        o.refused = refused.sum();
        o.thrownIntoCaller = thrown.sum();
        o.published = stats.getPublished();
        o.delivered = stats.getDelivered();
        o.fallback = stats.getFallback();
        o.dropped = stats.getDropped();
        o.late = stats.getLate();
        o.possibleDuplicates = stats.getPossibleDuplicates();
        o.retried = stats.getRetried();
        o.truncatedStat = stats.getTruncated();
        o.shipperRequests = stats.getRequests();
        o.endpointRequests = endpoint.requests().count(target.putOperation());
        endpoint.violations().stream().filter(expectedViolation.negate()).forEach(o.violations::add);
        o.oversize.addAll(target.oversizeRecords(endpoint));
        o.diagnostics.addAll(diagnostics.lines());
        // A refused event was dropped, or (published once the stop began) written to the fallback on the spot.
        o.expect(o.dropped + o.late == o.refused, "dropped " + o.dropped + " + late " + o.late
                + " != publish calls refused " + o.refused);

        List<byte[]> storedBytes = new ArrayList<>(removedByTest);
        storedBytes.addAll(target.storedEvents(endpoint));
        List<byte[]> fell = new ArrayList<>();
        for (CapturingFallback.Entry entry : fallback.entries()) {
            fell.add(entry.event().json());
            o.fallbackReasons.add(entry.reason());
        }
        return reconcile(o, accepted, storedBytes, fell);
    }

    /**
     * Matches what the endpoint stored and what reached the fallback against the events accepted by
     * {@code publish}, fills {@code o} and checks the invariant. {@code o}'s statistics must be set.
     */
    static Outcome reconcile(Outcome o, Set<String> accepted, List<byte[]> storedBytes, List<byte[]> fallbackJson) {
        Map<String, String> storedKeyById = new HashMap<>();
        o.stored = storedBytes.size();
        for (byte[] bytes : storedBytes) {
            Parsed p = parse(bytes, o.target.maxEventBytes());
            if (p.problem != null) {
                o.malformed.add(p.problem);
                continue;
            }
            if (p.truncated) {
                o.truncatedStored++;
            }
            storedKeyById.putIfAbsent(p.logId, p.key);
            if (p.key == null || !accepted.contains(p.key)) {
                o.unknown.add(p.key + " " + p.logId);
            }
        }
        o.storedUnique = storedKeyById.size();

        Set<String> fallbackIds = new HashSet<>();
        Set<String> fallbackKeys = new HashSet<>();
        o.fallbackEntries = fallbackJson.size();
        for (byte[] json : fallbackJson) {
            Parsed p = parse(json, Integer.MAX_VALUE);
            String id = p.logId == null ? "unparseable:" + new String(json, StandardCharsets.UTF_8) : p.logId;
            if (!fallbackIds.add(id)) {
                o.fallbackDuplicates++;
            }
            if (p.key != null) {
                fallbackKeys.add(p.key);
            }
            if (storedKeyById.containsKey(id)) {
                o.storedAlsoInFallback++;
            }
        }
        Set<String> storedKeys = new HashSet<>(storedKeyById.values());
        for (String key : accepted) {
            if (!storedKeys.contains(key) && !fallbackKeys.contains(key)) {
                o.missing.add(key);
            }
        }
        return o.checkInvariant();
    }

    /** One stored or fallen-back event, read as a consumer would. */
    static final class Parsed {
        String logId;
        String key;
        boolean truncated;
        String problem;
        JsonNode json;
    }

    /** Strict UTF-8, then JSON, schema order, size. */
    static Parsed parse(byte[] bytes, int maxBytes) {
        Parsed p = new Parsed();
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
        } catch (CharacterCodingException e) {
            p.problem = "invalid UTF-8: " + e;
            return p;
        }
        JsonNode node;
        try {
            node = JSON.readTree(bytes);
        } catch (Exception e) {
            p.problem = "invalid JSON (" + e.getMessage() + "): " + new String(bytes, 0, Math.min(bytes.length, 200),
                    StandardCharsets.UTF_8);
            return p;
        }
        if (node == null || !node.isObject()) {
            p.problem = "not a JSON object";
            return p;
        }
        Iterator<String> names = node.fieldNames();
        List<String> first = new ArrayList<>();
        for (int i = 0; i < 3 && names.hasNext(); i++) {
            first.add(names.next());
        }
        if (!first.equals(List.of("log_type", "log_id", "time"))) {
            p.problem = "schema order broken, first fields " + first;
        }
        if (bytes.length > maxBytes) {
            p.problem = "event of " + bytes.length + " bytes exceeds " + maxBytes;
        }
        p.json = node;
        p.logId = node.path("log_id").asText(null);
        p.key = node.path("logger").asText(null);
        p.truncated = node.path("truncated").asBoolean(false);
        return p;
    }

    /** Stops the appender if still running, closes the endpoint, forgets the fallback. */
    @Override
    public void close() {
        try {
            if (shipper != null && shipper.isRunning()) {
                shipper.stop(Duration.ofSeconds(5));
            }
        } finally {
            endpoint.close();
            RoutingFallback.forget(name);
        }
    }

    /** Options of a run. */
    public static final class Builder {
        private final Target target;
        private long seed = 42;
        private boolean resources = true;
        private String label = "run";
        private final List<Consumer<AppenderProperties>> tuning = new ArrayList<>();
        private final List<Consumer<LocalAwsEndpoint>> setup = new ArrayList<>();

        private Builder(Target target) {
            this.target = target;
        }

        /** Part of the appender name, for thread names and diagnostics. */
        public Builder label(String value) {
            this.label = value;
            return this;
        }

        /** Seed of the endpoint's fault dice. */
        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        /** Do not create the stream / delivery stream beforehand. */
        public Builder withoutResources() {
            this.resources = false;
            return this;
        }

        /** Adjusts the appender's settings. */
        public Builder tune(Consumer<AppenderProperties> change) {
            tuning.add(change);
            return this;
        }

        /** Prepares the endpoint (limits, faults) before the appender starts. */
        public Builder endpoint(Consumer<LocalAwsEndpoint> change) {
            setup.add(change);
            return this;
        }

        /** Starts the endpoint and the appender. */
        public Run start() {
            LocalAwsEndpoint endpoint = LocalAwsEndpoint.builder().seed(seed).start();
            try {
                if (resources) {
                    target.createResources(endpoint);
                }
                setup.forEach(s -> s.accept(endpoint));
                AppenderProperties settings = target.settings(endpoint);
                tuning.forEach(t -> t.accept(settings));
                String name = "rel-" + label + "-" + NAMES.incrementAndGet();
                Run run = new Run(target, endpoint, settings, name);
                run.shipper = settings.start(name, new TestAdapter(), run.diagnostics);
                return run;
            } catch (RuntimeException | Error e) {
                endpoint.close();
                throw e;
            }
        }
    }
}

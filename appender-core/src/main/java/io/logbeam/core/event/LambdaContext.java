package io.logbeam.core.event;

import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The AWS Lambda invocations this process is handling, as told by {@code LogbeamLambda} (or by a handler
 * that calls {@link #invocationStarted} / {@link #invocationEnded} itself), and whether an invocation is
 * this execution environment's first (its cold start).
 *
 * <p>An event's request id and cold-start flag are taken on the application thread when it is
 * published, so an event keeps the invocation that logged it even when it is encoded after the next
 * invocation began. The request id of an event is, in this order:
 * <ol>
 *   <li>the invocation started on the logging thread (the handler's own thread);</li>
 *   <li>the MDC / thread context key {@value #MDC_KEY} of the event (set by {@code aws-lambda-java-log4j2}
 *       and by handlers that put it there themselves);</li>
 *   <li>the one invocation in progress, for events of other threads (an executor the handler uses). While
 *       several invocations run at once (Lambda Managed Instances run up to 32 per vCPU in one JVM, each
 *       on its own thread), an event of another thread can not be attributed and carries none.</li>
 * </ol>
 *
 * <p>Cold start: the events of the first invocation this process handles, and the events logged before
 * any invocation began (static initialisers, the handler's constructor: the init phase), carry
 * {@code "cold_start":true}; events of later invocations, and events logged between invocations, carry
 * false.
 *
 * <p>Each invocation also carries what Lambda says about it ({@link Invocation}): the ARN it was invoked with, its
 * X-Ray trace id, and one random draw that decides, for every appender with a {@code samplingRate}, whether its
 * {@code DEBUG} events are shipped during this invocation ({@link #debugSampled}).
 */
public final class LambdaContext {

    /** The MDC key the Lambda Log4j2 integration uses for the request id. */
    public static final String MDC_KEY = "AWSRequestId";

    /** Where the Java runtime puts each invocation's trace header (its environment can not change per invocation). */
    static final String TRACE_HEADER_PROPERTY = "com.amazonaws.xray.traceHeader";
    /** The trace header of the runtime's environment. */
    static final String TRACE_HEADER_VARIABLE = "_X_AMZN_TRACE_ID";

    private static final ThreadLocal<Invocation> ON_THIS_THREAD = new ThreadLocal<>();
    /** The last invocation known only by an MDC request id on this thread: one allocation per invocation, not per event. */
    private static final ThreadLocal<Invocation> LAST_FROM_MDC = new ThreadLocal<>();
    private static final Object LOCK = new Object();
    /** By request id; read without the lock (the logging thread looks an MDC id up here). */
    private static final Map<String, Invocation> ACTIVE = new ConcurrentHashMap<>();
    /** The only invocation in progress, or null when none or several are. */
    private static volatile Invocation sole;
    /** The first request id this process saw; null during the init phase. */
    private static volatile String first;

    private LambdaContext() {
    }

    /**
     * One invocation: its request id, and what Lambda says about it. Immutable; taken on the logging thread with each
     * event, so an event keeps the facts of the invocation that logged it.
     */
    public static final class Invocation {
        private final String requestId;
        private final String functionArn;
        private final String xrayTraceId;
        private final double sampleDraw;

        /**
         * @param requestId   the request id, never null
         * @param functionArn the ARN the function was invoked with (with a version or alias qualifier), or null
         * @param xrayTraceId the X-Ray trace id ({@code 1-5759e988-bd862e3fe1be46a994272793}), or null
         * @param sampleDraw  a number in [0, 1): the invocation is sampled by every {@code samplingRate} above it
         */
        public Invocation(String requestId, String functionArn, String xrayTraceId, double sampleDraw) {
            this.requestId = Objects.requireNonNull(requestId, "requestId");
            this.functionArn = functionArn;
            this.xrayTraceId = xrayTraceId;
            this.sampleDraw = sampleDraw;
        }

        /** An invocation known only by its request id (from an event's MDC): no ARN, trace or sampling. */
        static Invocation of(String requestId) {
            return new Invocation(requestId, null, null, 1);
        }

        /** The request id. */
        public String requestId() {
            return requestId;
        }

        /** The invoked function's ARN, or null. */
        public String functionArn() {
            return functionArn;
        }

        /** The X-Ray trace id, or null. */
        public String xrayTraceId() {
            return xrayTraceId;
        }

        /** Whether a {@code samplingRate} of {@code rate} ships this invocation's {@code DEBUG} events. */
        public boolean sampledAt(double rate) {
            return sampleDraw < rate;
        }
    }

    /**
     * Marks the start of invocation {@code requestId} on the calling thread: events logged from now on
     * carry it. A thread that starts a new invocation without ending the previous one ends it first.
     */
    public static void invocationStarted(String requestId) {
        invocationStarted(requestId, null);
    }

    /**
     * As {@link #invocationStarted(String)}, with the ARN the function was invoked with ({@code Context
     * .getInvokedFunctionArn()}); the X-Ray trace id is read from the runtime now, and the sampling draw made.
     */
    public static void invocationStarted(String requestId, String functionArn) {
        if (requestId == null) {
            invocationEnded();
            return;
        }
        invocationStarted(new Invocation(requestId, functionArn,
                traceId(System.getProperty(TRACE_HEADER_PROPERTY), System.getenv(TRACE_HEADER_VARIABLE)),
                ThreadLocalRandom.current().nextDouble()));
    }

    /** Marks the start of {@code invocation} on the calling thread (tests give their own draw). */
    public static void invocationStarted(Invocation invocation) {
        synchronized (LOCK) {
            Invocation previous = ON_THIS_THREAD.get();
            if (previous != null) {
                ACTIVE.remove(previous.requestId());
            }
            ON_THIS_THREAD.set(invocation);
            ACTIVE.put(invocation.requestId(), invocation);
            if (first == null) {
                first = invocation.requestId();
            }
            sole = ACTIVE.size() == 1 ? invocation : null;
        }
    }

    /** Marks the end of the calling thread's invocation, if it started one. */
    public static void invocationEnded() {
        synchronized (LOCK) {
            Invocation own = ON_THIS_THREAD.get();
            ON_THIS_THREAD.remove();
            if (own != null) {
                ACTIVE.remove(own.requestId());
            }
            sole = ACTIVE.size() == 1 ? ACTIVE.values().iterator().next() : null;
        }
    }

    /**
     * The X-Ray trace id of a trace header ({@code Root=1-...;Parent=...;Sampled=1}): its {@code Root}, as Lambda
     * Powertools writes it. The Java runtime sets the system property per invocation; the environment variable is
     * the fallback. Null when neither has one.
     */
    static String traceId(String property, String variable) {
        String header = property != null && !property.isBlank() ? property : variable;
        if (header == null || header.isBlank()) {
            return null;
        }
        for (String part : header.split(";")) {
            String p = part.trim();
            if (p.startsWith("Root=")) {
                return p.substring(5);
            }
        }
        return null;
    }

    /** This thread's invocation, else the only invocation in progress, else null. */
    public static Invocation invocation() {
        Invocation own = ON_THIS_THREAD.get();
        return own != null ? own : sole;
    }

    /** The invocation started on the calling thread, or null. */
    public static Invocation threadInvocation() {
        return ON_THIS_THREAD.get();
    }

    /** The only invocation in progress, or null when there is none or there are several. */
    public static Invocation soleInvocation() {
        return sole;
    }

    /** The invocation in progress with {@code requestId}, or one known only by that id; null for null. */
    public static Invocation invocationOf(String requestId) {
        if (requestId == null) {
            return null;
        }
        Invocation active = ACTIVE.get(requestId);
        if (active != null) {
            return active;
        }
        Invocation last = LAST_FROM_MDC.get();
        if (last == null || !last.requestId().equals(requestId)) {
            last = Invocation.of(requestId);
            LAST_FROM_MDC.set(last);
        }
        return last;
    }

    /**
     * Whether an event logged now on this thread falls into a sampled invocation at {@code rate}: the thread's own
     * invocation, else the only one in progress. One thread-local read and a comparison: frameworks' filters call it
     * for each {@code DEBUG} call.
     */
    public static boolean debugSampled(double rate) {
        Invocation current = invocation();
        return current != null && current.sampleDraw < rate;
    }

    /**
     * Sets the calling thread's invocation: {@link #invocationStarted} for an id, {@link #invocationEnded}
     * for null. Kept for handlers that call it directly.
     */
    public static void setRequestId(String id) {
        invocationStarted(id);
    }

    /**
     * The request id for an event logged now on this thread without one in its MDC: this thread's
     * invocation, else the only invocation in progress, else null.
     */
    public static String requestId() {
        Invocation current = invocation();
        return current == null ? null : current.requestId();
    }

    /** The request id of the invocation started on the calling thread, or null. */
    public static String threadRequestId() {
        Invocation own = ON_THIS_THREAD.get();
        return own == null ? null : own.requestId();
    }

    /** The request id of the only invocation in progress in this process, or null when there is none or several. */
    public static String soleRequestId() {
        Invocation only = sole;
        return only == null ? null : only.requestId();
    }

    /**
     * Whether an event of invocation {@code requestId} (null: logged outside any invocation) belongs to
     * the cold start: the first invocation this process handles, or the init phase before it. An id seen
     * first here (from an event's MDC) becomes the first invocation when none began yet.
     */
    public static boolean isColdStart(String requestId) {
        String firstSeen = first;
        if (requestId == null) {
            return firstSeen == null;
        }
        if (firstSeen == null) {
            synchronized (LOCK) {
                if (first == null) {
                    first = requestId;
                }
                firstSeen = first;
            }
        }
        return firstSeen.equals(requestId);
    }

    /**
     * Forgets every invocation: the next one counts as a cold start again. For tests, and for a SnapStart
     * {@code afterRestore} hook when invocations ran before the snapshot (priming).
     */
    public static void reset() {
        synchronized (LOCK) {
            ACTIVE.clear();
            ON_THIS_THREAD.remove();
            sole = null;
            first = null;
        }
    }
}

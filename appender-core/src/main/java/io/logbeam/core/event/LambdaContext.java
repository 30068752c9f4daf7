package io.logbeam.core.event;

import java.util.LinkedHashSet;
import java.util.Set;

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
 */
public final class LambdaContext {

    /** The MDC key the Lambda Log4j2 integration uses for the request id. */
    public static final String MDC_KEY = "AWSRequestId";

    private static final ThreadLocal<String> ON_THIS_THREAD = new ThreadLocal<>();
    private static final Object LOCK = new Object();
    private static final Set<String> ACTIVE = new LinkedHashSet<>();
    /** The only invocation in progress, or null when none or several are. */
    private static volatile String sole;
    /** The first request id this process saw; null during the init phase. */
    private static volatile String first;

    private LambdaContext() {
    }

    /**
     * Marks the start of invocation {@code requestId} on the calling thread: events logged from now on
     * carry it. A thread that starts a new invocation without ending the previous one ends it first.
     */
    public static void invocationStarted(String requestId) {
        if (requestId == null) {
            invocationEnded();
            return;
        }
        synchronized (LOCK) {
            String previous = ON_THIS_THREAD.get();
            if (previous != null) {
                ACTIVE.remove(previous);
            }
            ON_THIS_THREAD.set(requestId);
            ACTIVE.add(requestId);
            if (first == null) {
                first = requestId;
            }
            sole = ACTIVE.size() == 1 ? requestId : null;
        }
    }

    /** Marks the end of the calling thread's invocation, if it started one. */
    public static void invocationEnded() {
        synchronized (LOCK) {
            String id = ON_THIS_THREAD.get();
            ON_THIS_THREAD.remove();
            if (id != null) {
                ACTIVE.remove(id);
            }
            sole = ACTIVE.size() == 1 ? ACTIVE.iterator().next() : null;
        }
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
        String own = ON_THIS_THREAD.get();
        return own != null ? own : sole;
    }

    /** The invocation started on the calling thread, or null. */
    public static String threadRequestId() {
        return ON_THIS_THREAD.get();
    }

    /** The only invocation in progress in this process, or null when there is none or there are several. */
    public static String soleRequestId() {
        return sole;
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

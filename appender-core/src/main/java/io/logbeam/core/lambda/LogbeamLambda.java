package io.logbeam.core.lambda;

import io.logbeam.core.Logbeam;
import io.logbeam.core.event.LambdaContext;
import io.logbeam.core.util.Diagnostics;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;

import java.time.Duration;

/**
 * Makes "flush at the end of every invocation" one line in an AWS Lambda handler.
 *
 * <p>Lambda freezes the process between invocations and may discard it while frozen, so events still
 * buffered when a handler returns may never be sent. The wrappers here tag every event logged during an
 * invocation with its request id and, in {@code finally}, call {@link Logbeam#flush(Duration)}: it costs
 * one request (one round trip) per appender that holds events, nothing but a hand-over to each
 * appender's thread when there is nothing to send, and waits at most {@code flushTimeout}, never beyond
 * the invocation's remaining time.
 *
 * <pre>{@code
 * public class OrdersHandler implements RequestHandler<Order, String> {
 *     private final RequestHandler<Order, String> handler = LogbeamLambda.wrap(this::handle);
 *
 *     public String handleRequest(Order order, Context context) {
 *         return handler.handleRequest(order, context);
 *     }
 *
 *     private String handle(Order order, Context context) { ... }
 * }
 * }</pre>
 * Or extend {@link LogbeamRequestHandler}.
 */
public final class LogbeamLambda {

    /** Default longest flush at the end of an invocation. */
    public static final Duration DEFAULT_FLUSH_TIMEOUT = Duration.ofSeconds(5);

    /** Kept free at the end of an invocation so the handler still returns before the function times out. */
    static final long SAFETY_MARGIN_MILLIS = 200;

    private static final Diagnostics DIAGNOSTICS = Diagnostics.stderr();

    private LogbeamLambda() {
    }

    /** Wraps {@code handler}: request id on every event, flush (at most 5 s) when it returns or throws. */
    public static <I, O> RequestHandler<I, O> wrap(RequestHandler<I, O> handler) {
        return wrap(handler, DEFAULT_FLUSH_TIMEOUT);
    }

    /** As {@link #wrap(RequestHandler)} with a given longest flush. */
    public static <I, O> RequestHandler<I, O> wrap(RequestHandler<I, O> handler, Duration flushTimeout) {
        return (input, context) -> {
            beginInvocation(context);
            try {
                return handler.handleRequest(input, context);
            } finally {
                endInvocation(context, flushTimeout);
            }
        };
    }

    /** Wraps a stream handler the same way. */
    public static RequestStreamHandler wrap(RequestStreamHandler handler) {
        return wrap(handler, DEFAULT_FLUSH_TIMEOUT);
    }

    /** Wraps a stream handler with a given longest flush. */
    public static RequestStreamHandler wrap(RequestStreamHandler handler, Duration flushTimeout) {
        return (input, output, context) -> {
            beginInvocation(context);
            try {
                handler.handleRequest(input, output, context);
            } finally {
                endInvocation(context, flushTimeout);
            }
        };
    }

    /**
     * Marks the start of an invocation on the calling thread: events logged from now on carry its request
     * id, the ARN it was invoked with and its X-Ray trace id (see {@link LambdaContext} for events of other threads),
     * and the invocation's sampling draw ({@code samplingRate}) is made.
     */
    public static void beginInvocation(Context context) {
        if (context == null) {
            LambdaContext.invocationEnded();
            return;
        }
        LambdaContext.invocationStarted(context.getAwsRequestId(), context.getInvokedFunctionArn());
    }

    /**
     * Flushes every Logbeam appender within {@code flushTimeout} and the invocation's remaining time, then
     * ends the calling thread's invocation. A flush that does not finish in time is said on standard error
     * (the function's own log): what is still buffered is lost if the process is frozen and discarded.
     *
     * @return whether everything logged so far was delivered (or given to the fallback) in time
     */
    public static boolean endInvocation(Context context, Duration flushTimeout) {
        Duration timeout = boundedBy(context, flushTimeout);
        long start = System.nanoTime();
        try {
            boolean flushed = Logbeam.flush(timeout);
            if (!flushed) {
                DIAGNOSTICS.report("lambda", "the flush at the end of invocation " + LambdaContext.threadRequestId()
                        + " did not finish within " + timeout.toMillis() + " ms (took "
                        + Duration.ofNanos(System.nanoTime() - start).toMillis() + " ms); events still buffered are"
                        + " lost if Lambda freezes and discards this process. Raise the flush timeout or the"
                        + " function timeout, or check the destination (its errors are reported above).");
            }
            return flushed;
        } finally {
            LambdaContext.invocationEnded();
        }
    }

    static Duration boundedBy(Context context, Duration flushTimeout) {
        if (context == null) {
            return flushTimeout;
        }
        long remaining = context.getRemainingTimeInMillis() - SAFETY_MARGIN_MILLIS;
        return Duration.ofMillis(Math.max(0, Math.min(flushTimeout.toMillis(), remaining)));
    }
}

package io.logbeam.core.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;

import java.time.Duration;

/**
 * A Lambda handler base that flushes Logbeam at the end of every invocation: implement {@link #handle}.
 *
 * @param <I> the input type
 * @param <O> the output type
 */
public abstract class LogbeamRequestHandler<I, O> implements RequestHandler<I, O> {

    @Override
    public final O handleRequest(I input, Context context) {
        LogbeamLambda.beginInvocation(context);
        try {
            return handle(input, context);
        } finally {
            LogbeamLambda.endInvocation(context, flushTimeout());
        }
    }

    /** The function's work. */
    protected abstract O handle(I input, Context context);

    /** Longest flush at the end of an invocation; override to change (default 5 s). */
    protected Duration flushTimeout() {
        return LogbeamLambda.DEFAULT_FLUSH_TIMEOUT;
    }
}

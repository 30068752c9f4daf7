package io.logbeam.consumer.lambda;

import io.logbeam.consumer.BatchOutcome;

import com.amazonaws.services.lambda.runtime.Context;

/** One summary line per invocation, in the function's own log. */
final class Logs {

    private Logs() {
    }

    static void summary(Context context, String handler, BatchOutcome outcome) {
        String line = "[logbeam] " + handler + ": " + outcome.summary();
        if (context != null && context.getLogger() != null) {
            context.getLogger().log(line + "\n");
        } else {
            System.out.println(line);
        }
    }
}

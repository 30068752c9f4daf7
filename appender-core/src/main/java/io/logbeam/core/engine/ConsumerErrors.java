package io.logbeam.core.engine;

import io.logbeam.core.util.ProblemReporter;

import com.lmax.disruptor.ExceptionHandler;

/** An unexpected error on the consumer thread must not kill it: it is counted, said once per kind, and the thread goes on. */
final class ConsumerErrors<E> implements ExceptionHandler<Slot<E>> {

    private final ShipperStats stats;
    private final ProblemReporter problems;

    ConsumerErrors(ShipperStats stats, ProblemReporter problems) {
        this.stats = stats;
        this.problems = problems;
    }

    @Override
    public void handleEventException(Throwable ex, long sequence, Slot<E> slot) {
        stats.error("consumer error: " + ex);
        problems.once("consumer:" + ex.getClass().getName(), "unexpected error on the consumer thread: " + ex);
    }

    @Override
    public void handleOnStartException(Throwable ex) {
        problems.say("consumer start failed: " + ex);
    }

    @Override
    public void handleOnShutdownException(Throwable ex) {
        problems.say("consumer shutdown failed: " + ex);
    }
}

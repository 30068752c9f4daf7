package io.logbeam.core.engine;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A flush in progress: completes when every event published before it has been delivered or given to
 * the fallback.
 */
final class FlushRequest {

    private final CountDownLatch done = new CountDownLatch(1);

    /** A request that is complete already (nothing to wait for). */
    static FlushRequest completed() {
        FlushRequest r = new FlushRequest();
        r.complete();
        return r;
    }

    void complete() {
        done.countDown();
    }

    boolean isComplete() {
        return done.getCount() == 0;
    }

    /** Waits until complete or until {@code deadlineNanos} ({@link System#nanoTime()} based). */
    boolean await(long deadlineNanos) {
        try {
            long wait = deadlineNanos - System.nanoTime();
            return wait > 0 ? done.await(wait, TimeUnit.NANOSECONDS) : isComplete();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return isComplete();
        }
    }
}

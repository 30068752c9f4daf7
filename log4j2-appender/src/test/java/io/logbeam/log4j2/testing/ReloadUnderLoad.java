package io.logbeam.log4j2.testing;

import static org.awaitility.Awaitility.await;

import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.core.LoggerContext;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * Logs continuously from 4 threads while the configuration file is rewritten and reloaded 5 times, then
 * stops the writers. Each writer logs {@code t<thread>-<n>} with n counting up, at most {@value #MAX_PER_THREAD}
 * times, so the caller can check that every logged message was delivered exactly once.
 */
public final class ReloadUnderLoad {

    public static final int THREADS = 4;
    public static final int RELOADS = 5;
    public static final int MAX_PER_THREAD = 25_000;

    private ReloadUnderLoad() {
    }

    /**
     * @param configForReload the configuration text for reload 1..5
     * @param eventsBetweenReloads how many events the writers log (together) before each reload
     * @return the messages logged
     */
    public static Set<String> run(LoggerContext context, IntFunction<String> configForReload, int eventsBetweenReloads)
            throws InterruptedException {
        Logger logger = context.getLogger("com.acme.Orders");
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicLong logged = new AtomicLong();
        int[] counts = new int[THREADS];
        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int id = t;
            Thread writer = new Thread(() -> {
                int i = 0;
                while (running.get() && i < MAX_PER_THREAD) {
                    logger.info("t{}-{}", id, i);
                    i++;
                    logged.incrementAndGet();
                }
                counts[id] = i;
            }, "writer-" + t);
            writer.start();
            writers.add(writer);
        }
        try {
            for (int reload = 1; reload <= RELOADS; reload++) {
                long target = logged.get() + eventsBetweenReloads;
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> logged.get() >= target || writers.stream().noneMatch(Thread::isAlive));
                Contexts.reload(context, configForReload.apply(reload));
            }
        } finally {
            running.set(false);
            for (Thread writer : writers) {
                writer.join(TimeUnit.SECONDS.toMillis(60));
            }
        }
        Set<String> expected = new HashSet<>();
        for (int t = 0; t < THREADS; t++) {
            for (int i = 0; i < counts[t]; i++) {
                expected.add("t" + t + "-" + i);
            }
        }
        return expected;
    }
}

package io.logbeam.benchmarks.caller;

import io.logbeam.core.engine.ShipperStats;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The caller cost of one {@code log.info} at a rate the pipeline sustains: {@code threads} threads each log, then
 * pause {@code pauseMicros} (so a Logbeam ring never fills and every call takes the accepted path), and time each
 * call alone with {@code System.nanoTime()}. Reports percentiles of the per-call time, the calling threads' own
 * allocation per call, and for Logbeam how many calls were accepted. Every {@link CallerSetup} runs in a fresh JVM,
 * one after the other, with the same settings.
 *
 * <p>This complements {@link CallerCostBenchmark} (JMH, threads logging back to back): there, a Logbeam ring is
 * full nearly all the time and most calls take the drop path.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.logbeam.benchmarks.caller.CallerLatency [threads=4]
 *     [pauseMicros=20] [seconds=10] [setups=ALL]
 * </pre>
 */
public final class CallerLatency {

    private static final String RESULT = "RESULT ";

    private CallerLatency() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--child")) {
            child(CallerSetup.valueOf(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                    Integer.parseInt(args[4]));
            return;
        }
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        int pauseMicros = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int seconds = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        List<CallerSetup> setups = args.length > 3 && !args[3].equals("ALL")
                ? Arrays.stream(args[3].split(",")).map(CallerSetup::valueOf).toList()
                : List.of(CallerSetup.values());
        System.out.printf(Locale.ROOT, "Caller latency: %d threads, each pausing %d us between calls, %d s measured "
                + "after %d s of warm-up; each setup in a fresh JVM (-Xms1g -Xmx1g)%n", threads, pauseMicros, seconds,
                seconds / 2);
        System.out.printf(Locale.ROOT, "%-22s %10s %8s %8s %8s %8s %9s %9s %11s %9s%n", "setup", "calls/s", "p50 ns",
                "p90 ns", "p99 ns", "p99.9 ns", "max us", "B/call", "accepted", "dropped");
        for (CallerSetup setup : setups) {
            System.out.println(runChild(setup, threads, pauseMicros, seconds));
        }
        System.out.println("Times include one System.nanoTime() call (timer overhead, line 'timer' below).");
        System.out.println(RESULT.trim() + " timer: " + timerOverhead());
    }

    private static String runChild(CallerSetup setup, int threads, int pauseMicros, int seconds) throws Exception {
        String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        List<String> command = new ArrayList<>(List.of(java, "-Xms1g", "-Xmx1g", "-cp",
                System.getProperty("java.class.path"), CallerLatency.class.getName(), "--child", setup.name(),
                Integer.toString(threads), Integer.toString(pauseMicros), Integer.toString(seconds)));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String result = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith(RESULT)) {
                    result = line.substring(RESULT.length());
                } else {
                    System.err.println("  [" + setup + "] " + line);
                }
            }
        }
        int exit = process.waitFor();
        if (exit != 0 || result == null) {
            throw new IllegalStateException(setup + " failed with exit code " + exit);
        }
        return result;
    }

    private static void child(CallerSetup setup, int threads, int pauseMicros, int seconds) throws Exception {
        try (CallerSetup.Running running = setup.start()) {
            running.warmUp(CallerCostBenchmark.WARM_UP_EVENTS);
            // Warm-up at the measured pace, then the measurement.
            run(running, threads, pauseMicros, Math.max(1, seconds / 2));
            ShipperStats stats = running.logbeamStats();
            long publishedBefore = stats == null ? 0 : stats.getPublished();
            long droppedBefore = stats == null ? 0 : stats.getDropped();
            Measured m = run(running, threads, pauseMicros, seconds);
            long published = stats == null ? m.calls : stats.getPublished() - publishedBefore;
            long dropped = stats == null ? 0 : stats.getDropped() - droppedBefore;
            if (!running.flush()) {
                throw new IllegalStateException("not delivered");
            }
            long[] all = m.samples;
            Arrays.sort(all);
            System.out.printf(Locale.ROOT, RESULT + "%-22s %,10.0f %8d %8d %8d %8d %9.1f %9.1f %11s %9s%n", setup,
                    m.calls / m.seconds, pct(all, 0.50), pct(all, 0.90), pct(all, 0.99), pct(all, 0.999),
                    all[all.length - 1] / 1000.0, (double) m.callerBytes / m.calls,
                    stats == null ? "-" : String.format(Locale.ROOT, "%,d", published - dropped),
                    stats == null ? "-" : String.format(Locale.ROOT, "%,d", dropped));
        }
    }

    private record Measured(long[] samples, long calls, long callerBytes, double seconds) {
    }

    private static Measured run(CallerSetup.Running running, int threads, int pauseMicros, int seconds)
            throws InterruptedException {
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long[][] samples = new long[threads][];
        int[] counts = new int[threads];
        long[] bytes = new long[threads];
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch go = new CountDownLatch(1);
        long pauseNanos = TimeUnit.MICROSECONDS.toNanos(pauseMicros);
        long durationNanos = TimeUnit.SECONDS.toNanos(seconds);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int index = t;
            Thread worker = new Thread(() -> {
                running.initThread();
                // Room for 200,000 calls per second (a paused thread makes far fewer): never resized while measuring.
                long[] mine = new long[seconds * 200_000];
                ready.countDown();
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                long allocatedBefore = mx.getCurrentThreadAllocatedBytes();
                long end = System.nanoTime() + durationNanos;
                int n = 0;
                long now;
                do {
                    long start = System.nanoTime();
                    running.log();
                    now = System.nanoTime();
                    mine[n++] = now - start;
                    LockSupport.parkNanos(pauseNanos);
                } while (now < end && n < mine.length);
                bytes[index] = mx.getCurrentThreadAllocatedBytes() - allocatedBefore;
                samples[index] = mine;
                counts[index] = n;
            }, "app-" + t);
            workers.add(worker);
            worker.start();
        }
        ready.await();
        long began = System.nanoTime();
        go.countDown();
        for (Thread worker : workers) {
            worker.join();
        }
        double elapsed = (System.nanoTime() - began) / 1e9;
        long calls = 0;
        long allocated = 0;
        for (int t = 0; t < threads; t++) {
            calls += counts[t];
            allocated += bytes[t];
        }
        long[] all = new long[(int) calls];
        int at = 0;
        for (int t = 0; t < threads; t++) {
            System.arraycopy(samples[t], 0, all, at, counts[t]);
            at += counts[t];
        }
        return new Measured(all, calls, allocated, elapsed);
    }

    private static long pct(long[] sorted, double p) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p * sorted.length) - 1)];
    }

    /** Median cost of an empty timed section. */
    private static String timerOverhead() {
        long[] t = new long[1_000_000];
        for (int i = 0; i < t.length; i++) {
            long start = System.nanoTime();
            t[i] = System.nanoTime() - start;
        }
        Arrays.sort(t);
        return String.format(Locale.ROOT, "p50 %d ns, p99 %d ns", pct(t, 0.5), pct(t, 0.99));
    }
}

package io.logbeam.benchmarks.caller;

import io.logbeam.core.engine.ShipperStats;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.lang.management.ManagementFactory;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * What one {@code log.info} costs the application thread, with a Logbeam appender and with the baselines of
 * {@link CallerSetup}, measured back to back as fast as the threads can log (saturation).
 *
 * <p>Under saturation a Logbeam appender fills its ring (the consumer encodes and sends far fewer events per
 * second than several threads can log) and then drops, as configured ({@code overflowPolicy=drop}); each
 * iteration prints how many calls were accepted and dropped, and the {@code accepted}/{@code dropped} counters
 * report them. {@code CallerLatency} measures the accepted path at a sustainable rate instead.
 *
 * <p>JMH's {@code -prof gc} counts the allocation of every thread of the JVM (the consumer, the sender, the
 * in-process endpoint); the {@code callerBytes}/{@code calls} counters are the calling threads' own
 * allocation ({@code ThreadMXBean.getCurrentThreadAllocatedBytes}), so their ratio is bytes per call on the
 * application thread.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar CallerCostBenchmark -t 4 -prof gc
 * </pre>
 */
@BenchmarkMode({Mode.Throughput, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Benchmark)
public class CallerCostBenchmark {

    @Param({"LOGBACK_NOOP", "LOGBACK_SNAPSHOT_NOOP", "LOGBACK_ASYNC_NOOP", "LOGBACK_LOGBEAM", "LOGBACK_LOGBEAM_NO_BUDGET",
        "LOG4J2_NOOP", "LOG4J2_SNAPSHOT_NOOP", "LOG4J2_ASYNC_LOGGERS", "LOG4J2_LOGBEAM", "LOG4J2_LOGBEAM_NO_BUDGET"})
    public String setup;

    /** Events run through the whole path before JMH's own warm-up (see {@link CallerSetup.Running#warmUp}). */
    static final int WARM_UP_EVENTS = 100_000;

    private CallerSetup.Running running;
    private long publishedBefore;
    private long droppedBefore;

    @Setup(Level.Trial)
    public void start() {
        running = CallerSetup.valueOf(setup).start();
        running.warmUp(WARM_UP_EVENTS);
    }

    @TearDown(Level.Trial)
    public void stop() {
        running.close();
    }

    @Setup(Level.Iteration)
    public void beforeIteration() {
        ShipperStats stats = running.logbeamStats();
        if (stats != null) {
            publishedBefore = stats.getPublished();
            droppedBefore = stats.getDropped();
        }
    }

    @TearDown(Level.Iteration)
    public void afterIteration() {
        ShipperStats stats = running.logbeamStats();
        if (stats != null) {
            long published = stats.getPublished() - publishedBefore;
            long dropped = stats.getDropped() - droppedBefore;
            System.out.printf(Locale.ROOT, "  [logbeam: %,d calls, %,d accepted, %,d dropped (%.1f%%)]%n", published,
                    published - dropped, dropped, published == 0 ? 0.0 : 100.0 * dropped / published);
        }
    }

    /** The calling thread's own allocation and call count, per iteration. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class CallerThread {
        private static final com.sun.management.ThreadMXBean THREADS =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

        /** Bytes the calling thread allocated in the iteration. */
        public long callerBytes;
        /** Calls the thread made in the iteration. */
        public long calls;
        private long bytesAtStart;
        private boolean initialised;

        @Setup(Level.Iteration)
        public void begin(CallerCostBenchmark bench) {
            if (!initialised) {
                bench.running.initThread();
                initialised = true;
            }
            calls = 0;
            callerBytes = 0;
            bytesAtStart = THREADS.getCurrentThreadAllocatedBytes();
        }

        @TearDown(Level.Iteration)
        public void end() {
            callerBytes = THREADS.getCurrentThreadAllocatedBytes() - bytesAtStart;
        }
    }

    @Benchmark
    public void logInfo(CallerThread thread) {
        running.log();
        thread.calls++;
    }
}

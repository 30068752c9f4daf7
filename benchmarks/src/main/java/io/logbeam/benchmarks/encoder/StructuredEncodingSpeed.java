package io.logbeam.benchmarks.encoder;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * Logbeam's encoding of the {@link EncoderBenchmark} events against the naive way (a {@code Map} written by Jackson's
 * {@code ObjectMapper}), alternated in short rounds in one JVM so that the load of a shared machine falls on both
 * sides alike: in each round each side runs for about 100 ms of this thread's CPU time (time the thread waits for a
 * core does not count), the side that goes first alternates, and the ratio of that round is taken. Prints, per event,
 * both sides' median CPU ns per event, the median and the range of the per-round ratios, and the bytes each side
 * allocates per event (the thread's allocation counter over 50,000 events).
 *
 * <p>Logbeam is measured twice: the encoding alone (what its consumer thread does, the same work as the naive side's)
 * and, for the structured events, the encoding plus what the logging thread does first (rendering the values at the
 * call, which the naive side skips: it reads the values when it encodes, whatever they have become by then). For the
 * other events the two are the same (their values are immutable: nothing to render).
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar io.logbeam.benchmarks.encoder.StructuredEncodingSpeed [rounds]
 * </pre>
 */
public final class StructuredEncodingSpeed {

    private static final List<String> EVENTS = List.of("plain", "exception", "structured", "structuredWithoutJackson",
            "masked");
    private static final long ROUND_NANOS = 100_000_000L;
    private static volatile int sink;

    private StructuredEncodingSpeed() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        System.out.println("| event | encoder CPU ns | + capture CPU ns | naive CPU ns | naive / encoder, median (range)"
                + " | naive / (encoder + capture) | B/event encoder + capture | B/event naive |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (String event : EVENTS) {
            EncoderBenchmark state = new EncoderBenchmark();
            state.event = event;
            state.setUp();
            boolean structured = event.startsWith("structured");
            List<IntSupplier> sides = List.of(() -> state.logbeam().length,
                    structured ? () -> state.capture().length + state.logbeam().length : () -> state.logbeam().length,
                    () -> state.naive().length);
            double[][] nanos = new double[3][rounds];
            for (IntSupplier side : sides) {
                measure(side, 2_000_000_000L);
            }
            for (int r = 0; r < rounds; r++) {
                for (int k = 0; k < 3; k++) {
                    int side = (r + k) % 3; // each side goes first, second and last in turn
                    nanos[side][r] = measure(sides.get(side), ROUND_NANOS);
                }
            }
            double[] encoderRatios = new double[rounds];
            double[] wholeRatios = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                encoderRatios[r] = nanos[2][r] / nanos[0][r];
                wholeRatios[r] = nanos[2][r] / nanos[1][r];
            }
            Arrays.sort(encoderRatios);
            Arrays.sort(wholeRatios);
            System.out.printf("| %s | %.0f | %.0f | %.0f | %.1fx (%.1f–%.1f) | %.1fx (%.1f–%.1f) | %d | %d |%n", event,
                    median(nanos[0]), median(nanos[1]), median(nanos[2]), median(encoderRatios), encoderRatios[0],
                    encoderRatios[rounds - 1], median(wholeRatios), wholeRatios[0], wholeRatios[rounds - 1],
                    allocated(sides.get(1)), allocated(sides.get(2)));
        }
    }

    /** CPU nanoseconds of this thread per call, over calls for about {@code nanos} of it. */
    private static double measure(IntSupplier side, long nanos) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long start = threads.getCurrentThreadCpuTime();
        long calls = 0;
        int sum = 0;
        long now;
        do {
            for (int i = 0; i < 100; i++) {
                sum += side.getAsInt();
            }
            calls += 100;
            now = threads.getCurrentThreadCpuTime();
        } while (now - start < nanos);
        sink = sum;
        return (double) (now - start) / calls;
    }

    /** Bytes allocated per call by this thread. */
    private static long allocated(IntSupplier side) {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        int calls = 50_000;
        int sum = 0;
        long before = threads.getThreadAllocatedBytes(id);
        for (int i = 0; i < calls; i++) {
            sum += side.getAsInt();
        }
        long after = threads.getThreadAllocatedBytes(id);
        sink = sum;
        return (after - before) / calls;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}

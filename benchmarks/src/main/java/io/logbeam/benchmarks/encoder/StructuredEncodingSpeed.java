package io.logbeam.benchmarks.encoder;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntSupplier;

/**
 * Logbeam's encoding of the {@link EncoderBenchmark} events against the naive way (a {@code Map} written by Jackson's
 * {@code ObjectMapper}), alternated in short rounds in one JVM so that the load of a shared machine falls on both
 * sides alike: in each round each side runs about 100 ms, the side that goes first alternates, and the ratio of that
 * round is taken. Prints, per event, both sides' median ns per event, the median and the range of the per-round
 * ratios, and the bytes each side allocates per event (the thread's allocation counter over 50,000 events).
 *
 * <p>Logbeam's side is its whole cost: for the structured events the values rendered on the logging thread
 * ({@code capture}) plus the encoding; for the others the encoding alone (their values are immutable: nothing to
 * render).
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
        System.out.println("| event | Logbeam ns | naive ns | ratio median (range) | Logbeam B/event | naive B/event |");
        System.out.println("|---|---|---|---|---|---|");
        for (String event : EVENTS) {
            EncoderBenchmark state = new EncoderBenchmark();
            state.event = event;
            state.setUp();
            boolean structured = event.startsWith("structured");
            IntSupplier logbeam = structured
                    ? () -> state.capture().length + state.logbeam().length
                    : () -> state.logbeam().length;
            IntSupplier naive = () -> state.naive().length;
            measure(logbeam, 2_000_000_000L);
            measure(naive, 2_000_000_000L);
            double[] ours = new double[rounds];
            double[] theirs = new double[rounds];
            double[] ratios = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                if (r % 2 == 0) {
                    ours[r] = measure(logbeam, ROUND_NANOS);
                    theirs[r] = measure(naive, ROUND_NANOS);
                } else {
                    theirs[r] = measure(naive, ROUND_NANOS);
                    ours[r] = measure(logbeam, ROUND_NANOS);
                }
                ratios[r] = theirs[r] / ours[r];
            }
            Arrays.sort(ratios);
            System.out.printf("| %s | %.0f | %.0f | %.1fx (%.1f–%.1f) | %d | %d |%n", event, median(ours),
                    median(theirs), median(ratios), ratios[0], ratios[rounds - 1], allocated(logbeam),
                    allocated(naive));
        }
    }

    /** Nanoseconds per call, over calls for about {@code nanos}. */
    private static double measure(IntSupplier side, long nanos) {
        long start = System.nanoTime();
        long calls = 0;
        int sum = 0;
        long now;
        do {
            for (int i = 0; i < 100; i++) {
                sum += side.getAsInt();
            }
            calls += 100;
            now = System.nanoTime();
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

package io.logbeam.benchmarks.memory;

import io.logbeam.log4j2.Log4j2EventCarrier;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.ref.Reference;
import java.util.Locale;

/**
 * The heap one Log4j2 ring slot's carrier holds from the start (before any event has passed through it): the
 * heap after full collections around creating {@code count} new {@link Log4j2EventCarrier}s, divided by the
 * count. The array that holds them, one reference per carrier as the shipper's array has one per ring slot, is
 * included.
 *
 * <pre>
 * mvn -B -q -pl benchmarks -am package -DskipTests
 * java -XX:+UseSerialGC -cp benchmarks/target/benchmarks.jar io.logbeam.benchmarks.memory.CarrierSize [count]
 * </pre>
 * The serial collector's full collection compacts the heap to what is reachable, so the difference is the
 * carriers' own size. Default count: 200,000.
 */
public final class CarrierSize {

    private CarrierSize() {
    }

    public static void main(String[] args) {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        for (int i = 0; i < 3; i++) { // load and initialise the classes involved before the first measurement
            Reference.reachabilityFence(new Log4j2EventCarrier());
        }
        long before = usedAfterFullGc();
        Log4j2EventCarrier[] carriers = new Log4j2EventCarrier[count];
        for (int i = 0; i < count; i++) {
            carriers[i] = new Log4j2EventCarrier();
        }
        long after = usedAfterFullGc();
        Reference.reachabilityFence(carriers);

        // Measured together: apart, the small array difference drowned in what the first collection still freed.
        double perSlot = (double) (after - before) / count;
        System.out.printf(Locale.ROOT, "%,d carriers and their array: %.0f B per ring slot (%s, Java %s)%n", count,
                perSlot, ManagementFactory.getGarbageCollectorMXBeans().get(0).getName(),
                System.getProperty("java.version"));
        System.out.printf(Locale.ROOT, "bufferSize 8192: %.2f MB%n", perSlot * 8192 / 1e6);
    }

    private static long usedAfterFullGc() {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}

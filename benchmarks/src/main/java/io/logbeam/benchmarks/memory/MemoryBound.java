package io.logbeam.benchmarks.memory;

import io.logbeam.core.engine.ShipperConfig;
import io.logbeam.core.engine.ShipperStats;
import io.logbeam.logback.KinesisAppender;
import io.logbeam.testkit.AwsOperation;
import io.logbeam.testkit.LocalAwsEndpoint;
import io.logbeam.testkit.TestCredentials;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Locale;

/**
 * Heap held by a Logbeam appender whose destination has stalled: the Kinesis endpoint accepts connections but
 * never answers PutRecords, so both in-flight requests hang (until {@code requestTimeout}, then are retried and
 * hang again), the consumer waits for a permit with the next full request, and the ring fills and drops. The
 * ring is bounded by {@code bufferSize} events and by the {@code bufferMaxBytes} budget (each value of the third
 * argument is a run; {@code 0}: no byte budget). The heap is measured after full GCs, against the same JVM just before the events were logged (client open,
 * endpoint running), once the ring is full and again after logging much more (it must not grow).
 *
 * <p>Each event is logged with a parameter, so each carries its own formatted message (as real events do):
 * {@code log.info("{} {}", i, text)}.
 *
 * <pre>
 * java -Xmx2g -cp benchmarks/target/benchmarks.jar io.logbeam.benchmarks.memory.MemoryBound \
 *     [bufferSizes=8192,32768] [messageChars=100,2000,20000] [bufferMaxBytes=67108864]
 * </pre>
 */
public final class MemoryBound {

    private static final String STREAM = "bench";

    private MemoryBound() {
    }

    public static void main(String[] args) throws Exception {
        String[] bufferSizes = (args.length > 0 ? args[0] : "8192,32768").split(",");
        String[] messageChars = (args.length > 1 ? args[1] : "100,2000,20000").split(",");
        String[] budgets = (args.length > 2 ? args[2] : String.valueOf(ShipperConfig.defaultBufferMaxBytes())).split(",");
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(Level.WARN);
        System.out.printf(Locale.ROOT, "Stalled Kinesis endpoint (PutRecords hangs), Logback KinesisAppender with "
                + "defaults (maxInFlight 2, 500 records / 5 MiB per request, overflowPolicy drop); heap after full GC%n");
        System.out.printf(Locale.ROOT, "%10s %12s %9s %10s %11s %11s %8s %13s %13s %13s %14s%n", "bufferSize",
                "budget MB", "msg chars", "event B", "logged", "dropped", "in ring", "ring est. MB", "heap held MB",
                "after 10x MB", "B/held event");
        for (String budget : budgets) {
            for (String size : bufferSizes) {
                for (String chars : messageChars) {
                    run(context, Integer.parseInt(size.trim()), Integer.parseInt(chars.trim()),
                            Long.parseLong(budget.trim()));
                }
            }
        }
    }

    private static void run(LoggerContext context, int bufferSize, int messageChars, long bufferMaxBytes)
            throws Exception {
        try (LocalAwsEndpoint endpoint = LocalAwsEndpoint.start()) {
            endpoint.kinesis().createStream(STREAM, 4);
            KinesisAppender appender = new KinesisAppender();
            appender.setContext(context);
            appender.setName("memory");
            appender.setStreamName(STREAM);
            appender.setRegion(TestCredentials.REGION);
            appender.setEndpoint(endpoint.uri().toString());
            appender.setAccessKeyId(TestCredentials.ACCESS_KEY_ID);
            appender.setSecretAccessKey(TestCredentials.SECRET_ACCESS_KEY);
            appender.setBufferSize(String.valueOf(bufferSize));
            appender.setBufferMaxBytes(String.valueOf(bufferMaxBytes));
            appender.setFallback("none");
            appender.setShutdownTimeout("2 seconds");
            appender.setJmx("false");
            appender.start();
            Logger logger = context.getLogger("com.acme.Orders");
            logger.detachAndStopAllAppenders();
            logger.setAdditive(false);
            logger.setLevel(Level.INFO);
            logger.addAppender(appender);
            String text = "x".repeat(messageChars - 8);
            // One delivered event opens and warms the client; then the endpoint stalls.
            logger.info("{} {}", 0, text);
            if (!appender.flush(Duration.ofSeconds(30))) {
                throw new IllegalStateException("first event not delivered");
            }
            long eventBytes = endpoint.kinesis().records(STREAM).get(0).data().length;
            endpoint.faults().hang(AwsOperation.KINESIS_PUT_RECORDS);
            long baseline = liveHeap();

            ShipperStats stats = appender.stats();
            long logged = 0;
            // Until the ring is full and dropping, then as much again.
            while (stats.getDropped() == 0) {
                logger.info("{} {}", 100_000_000 + logged++, text);
            }
            for (int i = 0; i < bufferSize; i++) {
                logger.info("{} {}", 100_000_000 + logged++, text);
            }
            long full = liveHeap() - baseline;
            long inRing = bufferSize - stats.getRingRemainingCapacity();
            long estimated = stats.getRingBytes();
            for (long i = 0, more = 10L * logged; i < more; i++) {
                logger.info("{} {}", 100_000_000 + logged++, text);
            }
            long after = liveHeap() - baseline;
            long held = logged - stats.getDropped();
            System.out.printf(Locale.ROOT, "%,10d %12s %,9d %,10d %,11d %,11d %,8d %13.1f %13.1f %13.1f %,14.0f%n",
                    bufferSize, bufferMaxBytes == 0 ? "none" : String.format(Locale.ROOT, "%.1f", bufferMaxBytes / 1e6),
                    messageChars, eventBytes, logged, stats.getDropped(), inRing, estimated / 1e6, full / 1e6,
                    after / 1e6, (double) full / held);
            endpoint.faults().clear();
            appender.stop();
            logger.detachAndStopAllAppenders();
        }
    }

    /** Heap in use after full collections. */
    private static long liveHeap() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
            used = Math.min(used, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return used;
    }
}

package io.logbeam.benchmarks.throughput;

import io.logbeam.core.event.EventSerializer;
import io.logbeam.core.event.JsonSchema;
import io.logbeam.logback.LogbackEventAdapter;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.Deflater;

/**
 * What gzip costs on the events of {@link EndToEndThroughput} (same varied messages, same JSON), measured with
 * {@code java.util.zip.Deflater} alone, the way the Kinesis destination uses it (raw deflate, one deflater reused,
 * reset per record):
 * <ol>
 *   <li>per level, 1 MiB of events (NDJSON of {@code eventBytes}-byte events) compressed as one block, as an
 *       aggregated record is: MB/s of input and the compression ratio;</li>
 *   <li>per level, each 200-byte event compressed on its own, as with {@code compression=gzip} and no aggregation:
 *       µs per record.</li>
 * </ol>
 * Each figure is the median of 5 rounds of about a second, after a warm-up.
 *
 * <pre>
 * mvn -B -q -pl benchmarks -am package -DskipTests
 * java -cp benchmarks/target/benchmarks.jar io.logbeam.benchmarks.throughput.DeflaterSpeed [eventBytes] [levels]
 * </pre>
 * Defaults: 2000-byte events, levels {@code 1,6,9}.
 */
public final class DeflaterSpeed {

    private static final int BLOCK = 1 << 20;
    private static final int ROUNDS = 5;

    private DeflaterSpeed() {
    }

    public static void main(String[] args) {
        int eventBytes = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int[] levels = Arrays.stream((args.length > 1 ? args[1] : "1,6,9").split(",")).mapToInt(Integer::parseInt)
                .toArray();
        byte[] block = ndjson(eventBytes, BLOCK);
        byte[][] small = split(ndjson(200, 4096 * 201), 201); // 200 B of JSON plus its newline each

        System.out.printf(Locale.ROOT, "Deflater on the end-to-end harness's events; %d cores, Java %s%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        System.out.printf(Locale.ROOT, "%-6s %26s %10s %30s%n", "level",
                "1 MiB of " + eventBytes + " B events: MB/s", "ratio", "one 200 B event per record: µs");
        byte[] out = new byte[BLOCK * 2];
        for (int level : levels) {
            Deflater deflater = new Deflater(level, true);
            int compressed = deflate(deflater, block, out);
            for (int i = 0; i < 20; i++) { // warm-up
                deflate(deflater, block, out);
                for (byte[] record : small) {
                    deflate(deflater, record, out);
                }
            }
            double[] mbPerSecond = new double[ROUNDS];
            double[] microsPerRecord = new double[ROUNDS];
            for (int round = 0; round < ROUNDS; round++) {
                int n = 0;
                long start = System.nanoTime();
                long end = start + 1_000_000_000L;
                long now;
                do {
                    deflate(deflater, block, out);
                    n++;
                } while ((now = System.nanoTime()) < end);
                mbPerSecond[round] = (double) block.length * n / ((now - start) / 1e9) / 1e6;

                n = 0;
                start = System.nanoTime();
                end = start + 1_000_000_000L;
                do {
                    for (byte[] record : small) {
                        deflate(deflater, record, out);
                    }
                    n += small.length;
                } while ((now = System.nanoTime()) < end);
                microsPerRecord[round] = (now - start) / 1e3 / n;
            }
            deflater.end();
            System.out.printf(Locale.ROOT, "%-6d %26.1f %10.2f %30.2f   (ranges %.1f-%.1f MB/s, %.2f-%.2f µs)%n", level,
                    median(mbPerSecond), (double) block.length / compressed, median(microsPerRecord),
                    min(mbPerSecond), max(mbPerSecond), min(microsPerRecord), max(microsPerRecord));
        }
    }

    /** Compressed size of {@code data}, deflated from a reset deflater into {@code out}. */
    private static int deflate(Deflater deflater, byte[] data, byte[] out) {
        deflater.reset();
        deflater.setInput(data);
        deflater.finish();
        int size = 0;
        while (!deflater.finished()) {
            size += deflater.deflate(out, size, out.length - size);
        }
        return size;
    }

    /** At least {@code bytes} of NDJSON: the harness's Logback events of {@code eventBytes} JSON bytes each. */
    private static byte[] ndjson(int eventBytes, int bytes) {
        String[] messages = EndToEndThroughput.Messages.forEventSize(eventBytes, 4096);
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger logger = context.getLogger("com.acme.Orders");
        EventSerializer<ILoggingEvent> serializer = new EventSerializer<>(
                JsonSchema.builder().includeHost(false).lambdaInfo(null).build(), new LogbackEventAdapter(), 1 << 20,
                Integer.MAX_VALUE);
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes + eventBytes);
        for (int i = 0; out.size() < bytes; i++) {
            LoggingEvent e = new LoggingEvent(Logger.class.getName(), logger, Level.INFO,
                    messages[i & (messages.length - 1)], null, null);
            e.setThreadName("app-thread"); // as EndToEndThroughput, whose calibration the sizes follow
            byte[] json = serializer.serialize(e, "app", null, null).json();
            out.write(json, 0, json.length);
            out.write('\n');
        }
        return Arrays.copyOf(out.toByteArray(), bytes);
    }

    private static byte[][] split(byte[] data, int size) {
        byte[][] parts = new byte[data.length / size][];
        for (int i = 0; i < parts.length; i++) {
            parts[i] = Arrays.copyOfRange(data, i * size, (i + 1) * size);
        }
        return parts;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double min(double[] values) {
        return Arrays.stream(values).min().orElseThrow();
    }

    private static double max(double[] values) {
        return Arrays.stream(values).max().orElseThrow();
    }
}

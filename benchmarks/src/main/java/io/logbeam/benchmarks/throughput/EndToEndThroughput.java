package io.logbeam.benchmarks.throughput;

import io.logbeam.benchmarks.support.LocalAws;
import io.logbeam.benchmarks.support.TypicalEvents;
import io.logbeam.core.aws.AwsSettings;
import io.logbeam.core.cloudwatch.CloudWatchLogsDestination;
import io.logbeam.core.destination.BatchEntry;
import io.logbeam.core.destination.BatchSink;
import io.logbeam.core.destination.Batcher;
import io.logbeam.core.destination.Destination;
import io.logbeam.core.destination.PartitionKeyStrategy;
import io.logbeam.core.destination.SendOutcome;
import io.logbeam.core.engine.OverflowPolicy;
import io.logbeam.core.engine.RecursionGuard;
import io.logbeam.core.engine.Shipper;
import io.logbeam.core.engine.ShipperConfig;
import io.logbeam.core.engine.ShipperStats;
import io.logbeam.core.event.EncodedEvent;
import io.logbeam.core.event.EventSerializer;
import io.logbeam.core.event.JsonSchema;
import io.logbeam.core.event.LogTypes;
import io.logbeam.core.fallback.SilentFallback;
import io.logbeam.core.firehose.FirehoseDestination;
import io.logbeam.core.firehose.FirehoseLimits;
import io.logbeam.core.kinesis.KinesisDestination;
import io.logbeam.logback.LogbackEventAdapter;
import io.logbeam.testkit.LocalAwsEndpoint;
import io.logbeam.testkit.ShardRates;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import org.slf4j.LoggerFactory;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * End-to-end throughput: one application thread logs N Logback events as fast as it can into a shipper
 * ({@code overflowPolicy=block}, so none is dropped, default {@code bufferSize} 8,192 and {@code maxInFlight} 2)
 * whose destination sends to the testkit's in-process endpoint; the clock stops when {@code flush} returns, i.e.
 * when every event is delivered. For each destination and packing mode, at 200-byte and 2 KB events (JSON size),
 * it reports events/s and MB/s of event JSON, then the CPU time per event of each group of threads: the
 * application thread (Logback + publish), the consumer (encode + batch), the sender threads (AWS SDK: marshalling,
 * signing, HTTP), the endpoint (the testkit parsing and storing requests) and the rest of the JVM (GC, JIT).
 * The same runs with a no-op send (the real batcher, {@code send} returning success at once) show what the
 * pipeline itself can do without the endpoint. Finally the consumer's own split: encode and batch, measured in
 * isolation on the same events.
 *
 * <p>Events go through {@code LogbeamAppenderBase}'s exact application-thread path (recursion guard,
 * {@code prepareForDeferredProcessing}, {@code Shipper.publish}) and the Logback adapter's encoder; they carry
 * level, logger, thread and message (no host), with varied message text so gzip sees realistic data.
 *
 * <pre>
 * mvn -B -q -pl benchmarks -am package -DskipTests
 * java -Xms3g -Xmx3g -cp benchmarks/target/benchmarks.jar io.logbeam.benchmarks.throughput.EndToEndThroughput \
 *     [events200=300000] [events2k=60000] [modes=all]
 * </pre>
 */
public final class EndToEndThroughput {

    private static final String STREAM = "bench";
    private static final String GROUP = "/bench/app";
    private static final String LOG_STREAM = "app";
    private static final String LOGGER = "com.acme.Orders";
    private static final String APP_THREAD = "app-thread";
    private static final JsonSchema SCHEMA = JsonSchema.builder().includeHost(false).lambdaInfo(null).build();

    /** One destination in one packing mode. */
    private record Mode(String name, Function<AwsSettings, Destination> destination) {
    }

    private static final List<Mode> MODES = List.of(
            new Mode("kinesis plain", aws -> KinesisDestination.builder().aws(aws).streamName(STREAM).build()),
            new Mode("kinesis gzip", aws -> KinesisDestination.builder().aws(aws).streamName(STREAM)
                    .compression("gzip").build()),
            new Mode("kinesis aggregated", aws -> KinesisDestination.builder().aws(aws).streamName(STREAM)
                    .aggregation(true).build()),
            new Mode("kinesis agg+gzip", aws -> KinesisDestination.builder().aws(aws).streamName(STREAM)
                    .aggregation(true).compression("gzip").build()),
            new Mode("firehose plain", aws -> new FirehoseDestination(STREAM, false, FirehoseLimits.MAX_RECORD_BYTES,
                    aws)),
            new Mode("firehose packed", aws -> new FirehoseDestination(STREAM, true, FirehoseLimits.MAX_RECORD_BYTES,
                    aws)),
            new Mode("cloudwatch", aws -> CloudWatchLogsDestination.builder(aws).logGroup(GROUP).logStream(LOG_STREAM)
                    .build()));

    private EndToEndThroughput() {
    }

    public static void main(String[] args) throws Exception {
        int events200 = args.length > 0 ? Integer.parseInt(args[0]) : 300_000;
        int events2k = args.length > 1 ? Integer.parseInt(args[1]) : 60_000;
        String only = args.length > 2 ? args[2] : "all";
        // -De2e.httpClients=urlconnection,apache,crt: each mode's endpoint run once per client, the order rotated from
        // one mode to the next, so that the clients are compared side by side in one run.
        List<String> clients = List.of(System.getProperty("e2e.httpClients", "urlconnection").split(","));
        Thread.currentThread().setName(APP_THREAD);
        LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();
        logback.reset(); // the SDK and the testkit log through SLF4J: keep their DEBUG lines out
        logback.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(Level.WARN);

        System.out.printf(Locale.ROOT, "End to end: 1 application thread, Logback -> Logbeam shipper (block, bufferSize "
                + "8192, maxInFlight 2) -> %s; %d cores, %s%n", "testkit endpoint or no-op send",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.version"));
        String header = String.format(Locale.ROOT, "%-19s %-8s %6s %9s %10s %7s %8s | %7s %8s %7s %8s %7s %7s",
                "mode", "send", "event", "events", "events/s", "MB/s", "requests", "app", "consumer", "sender",
                "endpoint", "other", "total");
        for (int size : new int[] {200, 2048}) {
            int events = size == 200 ? events200 : events2k;
            System.out.printf(Locale.ROOT, "%n%d-byte events; CPU ns per event by thread group on the right%n", size);
            System.out.println(header);
            int rotation = 0;
            for (Mode mode : MODES) {
                if (!selected(only, mode)) {
                    continue;
                }
                for (int c = 0; c < clients.size(); c++) {
                    String client = clients.get((c + rotation) % clients.size());
                    run(mode, client, size, Math.max(10_000, events / 3), false); // warm-up (JIT), not printed
                    System.out.println(run(mode, client, size, events, true));
                }
                rotation++;
                run(mode, null, size, Math.max(10_000, events / 3), false);
                System.out.println(run(mode, null, size, events, true));
            }
        }
        System.out.println();
        System.out.println("Consumer work measured alone on the same events (one thread, no ring, no sending):");
        System.out.printf(Locale.ROOT, "%-19s %6s %11s %10s%n", "mode", "event", "encode ns", "batch ns");
        for (int size : new int[] {200, 2048}) {
            for (Mode mode : MODES) {
                if (selected(only, mode)) {
                    System.out.println(consumerSplit(mode, size, size == 200 ? events200 : events2k));
                }
            }
        }
    }

    // ------------------------------------------------------------------------------------------- end to end

    /** {@code all}, or a comma list of mode name prefixes. */
    private static boolean selected(String only, Mode mode) {
        if (only.equals("all")) {
            return true;
        }
        for (String prefix : only.split(",")) {
            if (mode.name().startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    /** @param httpClient the HTTP client to send with, or null for a no-op send */
    private static String run(Mode mode, String httpClient, int size, int events, boolean report) throws Exception {
        boolean toEndpoint = httpClient != null;
        try (LocalAwsEndpoint endpoint = LocalAwsEndpoint.start()) {
            endpoint.kinesis().createStream(STREAM, 4);
            endpoint.kinesis().shardRates(STREAM, ShardRates.UNLIMITED); // Logbeam's throughput, not the stream's
            endpoint.firehose().createDeliveryStream(STREAM);
            endpoint.logs().createLogGroup(GROUP);
            endpoint.logs().createLogStream(GROUP, LOG_STREAM);
            AwsSettings aws = LocalAws.settings(endpoint).requestTimeout(Duration.ofSeconds(60))
                    .httpClient(toEndpoint ? httpClient : "urlconnection").build();
            Destination real = mode.destination().apply(aws);
            Destination destination = toEndpoint ? real : new NoopSend(real);
            ShipperConfig config = ShipperConfig.builder().name("e2e").overflowPolicy(OverflowPolicy.BLOCK)
                    .blockTimeout(Duration.ofMinutes(1)).jmx(false).build();
            Shipper<ILoggingEvent> shipper = Shipper.builder(new LogbackEventAdapter(), destination).config(config)
                    .logTypes(LogTypes.defaults()).schema(SCHEMA).fallback(new SilentFallback())
                    .diagnostics((name, text) -> System.out.println("  diagnostics: " + text)).start();
            LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
            Logger logger = context.getLogger(LOGGER);
            logger.detachAndStopAllAppenders();
            logger.setAdditive(false);
            logger.setLevel(Level.INFO);
            PublishingAppender appender = new PublishingAppender(shipper);
            appender.setContext(context);
            appender.start();
            logger.addAppender(appender);
            String[] messages = Messages.forEventSize(size, 4096);
            // The first event opens the client; not part of the measurement.
            logger.info(messages[0]);
            if (!shipper.flush(Duration.ofSeconds(60))) {
                throw new IllegalStateException("first event not delivered");
            }
            long deliveredBefore = shipper.stats().getDelivered();
            long requestsBefore = shipper.stats().getRequests();
            CpuSnapshot cpuBefore = CpuSnapshot.take();
            long start = System.nanoTime();
            for (int i = 0; i < events; i++) {
                logger.info(messages[i & (messages.length - 1)]);
            }
            if (!shipper.flush(Duration.ofMinutes(5))) {
                throw new IllegalStateException(mode.name() + ": flush timed out");
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            CpuSnapshot cpu = CpuSnapshot.take().minus(cpuBefore);
            ShipperStats stats = shipper.stats();
            long delivered = stats.getDelivered() - deliveredBefore;
            long requests = stats.getRequests() - requestsBefore;
            shipper.stop(Duration.ofSeconds(30));
            logger.detachAndStopAllAppenders();
            if (delivered != events || stats.getDropped() != 0 || stats.getFallback() != 0
                    || !endpoint.violations().isEmpty()) {
                throw new IllegalStateException(mode.name() + ": delivered " + delivered + " of " + events + ", dropped "
                        + stats.getDropped() + ", fallback " + stats.getFallback() + ", violations "
                        + endpoint.violations());
            }
            if (!report) {
                return null;
            }
            return String.format(Locale.ROOT, "%-19s %-8s %6d %,9d %,10.0f %7.1f %,8d | %s", mode.name(),
                    toEndpoint ? httpClient : "no-op", size, events, events / seconds,
                    (double) events * size / seconds / 1e6, requests, cpu.perEvent(events));
        }
    }

    /** What {@code LogbeamAppenderBase.append} does on the application thread, publishing into a given shipper. */
    private static final class PublishingAppender extends UnsynchronizedAppenderBase<ILoggingEvent> {
        private final Shipper<ILoggingEvent> shipper;

        PublishingAppender(Shipper<ILoggingEvent> shipper) {
            this.shipper = shipper;
        }

        @Override
        protected void append(ILoggingEvent event) {
            if (RecursionGuard.suppress(event.getLoggerName())) {
                return;
            }
            event.prepareForDeferredProcessing();
            shipper.publish(event, false);
        }
    }

    /** The real destination's limits and batcher, but requests succeed at once without being sent. */
    private static final class NoopSend implements Destination {
        private final Destination real;

        NoopSend(Destination real) {
            this.real = real;
        }

        @Override
        public String describe() {
            return "no-op send (" + real.describe() + ")";
        }

        @Override
        public int maxEventBytes() {
            return real.maxEventBytes();
        }

        @Override
        public PartitionKeyStrategy partitionKeys() {
            return real.partitionKeys();
        }

        @Override
        public Batcher newBatcher() {
            return real.newBatcher();
        }

        @Override
        public void open() {
        }

        @Override
        public SendOutcome send(List<BatchEntry> entries) {
            return SendOutcome.delivered();
        }

        @Override
        public void close() {
        }
    }

    /** CPU time of the JVM's threads by group: application, consumer, sender, endpoint, the rest (GC, JIT). */
    private record CpuSnapshot(Map<String, Long> byGroup, long process) {

        private static final String[] GROUPS = {"app", "consumer", "sender", "endpoint", "other"};

        static CpuSnapshot take() {
            java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
            Map<String, Long> groups = new HashMap<>();
            for (java.lang.management.ThreadInfo info : mx.getThreadInfo(mx.getAllThreadIds())) {
                if (info == null) {
                    continue;
                }
                long cpu = mx.getThreadCpuTime(info.getThreadId());
                if (cpu > 0) {
                    groups.merge(group(info.getThreadName()), cpu, Long::sum);
                }
            }
            long process = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime();
            return new CpuSnapshot(groups, process);
        }

        private static String group(String thread) {
            if (thread.equals(APP_THREAD)) {
                return "app";
            }
            if (thread.endsWith("-consumer")) {
                return "consumer";
            }
            if (thread.contains("-sender")) {
                return "sender";
            }
            if (thread.startsWith("logbeam-endpoint")) {
                return "endpoint";
            }
            return "other-java";
        }

        CpuSnapshot minus(CpuSnapshot before) {
            Map<String, Long> diff = new HashMap<>();
            byGroup.forEach((k, v) -> diff.put(k, v - before.byGroup.getOrDefault(k, 0L)));
            return new CpuSnapshot(diff, process - before.process);
        }

        /** Threads that ended between the snapshots are missed; the pools used here keep theirs. */
        String perEvent(long events) {
            long known = 0;
            StringBuilder out = new StringBuilder();
            for (String group : GROUPS) {
                long nanos;
                if (group.equals("other")) {
                    long javaThreads = byGroup.values().stream().mapToLong(Long::longValue).sum();
                    // Process CPU is sampled more coarsely than thread CPU: a few negative ns are noise.
                    nanos = Math.max(0, process - javaThreads + byGroup.getOrDefault("other-java", 0L));
                } else {
                    nanos = byGroup.getOrDefault(group, 0L);
                }
                known += nanos;
                out.append(String.format(Locale.ROOT, "%8.0f", (double) nanos / events));
            }
            out.append(String.format(Locale.ROOT, "%8.0f", (double) Math.max(known, process) / events));
            return out.toString();
        }
    }

    // ------------------------------------------------------------------------------------------- consumer split

    private static String consumerSplit(Mode mode, int size, int events) {
        Destination destination = mode.destination().apply(LocalAws.offline());
        String[] messages = Messages.forEventSize(size, 4096);
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        Logger logger = context.getLogger(LOGGER);
        List<ILoggingEvent> prepared = new ArrayList<>(messages.length);
        for (String message : messages) {
            LoggingEvent e = new LoggingEvent(Logger.class.getName(), logger, Level.INFO, message, null, null);
            e.setThreadName(APP_THREAD);
            e.prepareForDeferredProcessing();
            prepared.add(e);
        }
        double[] result = null;
        for (int round = 0; round < 3; round++) { // the first rounds warm the JIT up
            result = encodeAndBatch(destination, prepared, events);
        }
        return String.format(Locale.ROOT, "%-19s %6d %11.0f %10.0f", mode.name(), size, result[0], result[1]);
    }

    private static double[] encodeAndBatch(Destination destination, List<ILoggingEvent> events, int count) {
        EventSerializer<ILoggingEvent> serializer = new EventSerializer<>(SCHEMA, new LogbackEventAdapter(),
                destination.maxEventBytes(), Integer.MAX_VALUE);
        PartitionKeyStrategy keys = destination.partitionKeys();
        EncodedEvent[] encoded = new EncodedEvent[count];
        long start = System.nanoTime();
        for (int i = 0; i < count; i++) {
            String key = keys.keyFor("app", TypicalEvents.NO_LOOKUP);
            encoded[i] = serializer.serialize(events.get(i & (events.size() - 1)), "app", key, null);
        }
        long encodeNanos = System.nanoTime() - start;
        Batcher batcher = destination.newBatcher();
        BatchSink sink = new BatchSink() {
            @Override
            public void emit(List<BatchEntry> entries) {
            }

            @Override
            public void reject(EncodedEvent event, String reason) {
                throw new IllegalStateException(reason);
            }
        };
        start = System.nanoTime();
        for (EncodedEvent e : encoded) {
            batcher.add(e, sink);
        }
        batcher.drain(sink);
        long batchNanos = System.nanoTime() - start;
        return new double[] {(double) encodeNanos / count, (double) batchNanos / count};
    }

    /** Varied ASCII messages that make the event JSON exactly a given size. */
    static final class Messages {
        private static final String[] WORDS = {"order", "shipped", "to", "customer", "payment", "ok", "GET",
            "/api/orders/", "status=200", "in", "ms", "stock", "SKU-", "reserved", "for", "user", "cart", "total",
            "EUR", "retry", "cache", "hit", "miss", "session"};

        private Messages() {
        }

        /** {@code count} (a power of two) messages; each Logback event of the harness then has {@code size} JSON bytes. */
        static String[] forEventSize(int size, int count) {
            int length = size - jsonSizeWithMessage("");
            if (length < 1) {
                throw new IllegalArgumentException("events can not be smaller than " + (size - length + 1) + " bytes");
            }
            SplittableRandom random = new SplittableRandom(2026);
            String[] messages = new String[count];
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < count; i++) {
                text.setLength(0);
                while (text.length() < length) {
                    text.append(WORDS[random.nextInt(WORDS.length)]).append(' ').append(random.nextInt(1_000_000))
                            .append(' ');
                }
                text.setLength(length);
                messages[i] = text.toString();
            }
            int actual = jsonSizeWithMessage(messages[0]);
            if (actual != size) {
                throw new IllegalStateException("calibrated event is " + actual + " bytes, not " + size);
            }
            return messages;
        }

        private static int jsonSizeWithMessage(String message) {
            LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
            LoggingEvent e = new LoggingEvent(Logger.class.getName(), context.getLogger(LOGGER), Level.INFO, message,
                    null, null);
            e.setThreadName(APP_THREAD);
            EventSerializer<ILoggingEvent> serializer = new EventSerializer<>(SCHEMA, new LogbackEventAdapter(),
                    1024 * 1024, Integer.MAX_VALUE);
            return serializer.serialize(e, "app", null, null).size();
        }
    }
}

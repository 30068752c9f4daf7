package io.logbeam.benchmarks.encoder;

import io.logbeam.core.event.EventSerializer;
import io.logbeam.core.event.JsonSchema;
import io.logbeam.core.event.LoggedValues;
import io.logbeam.core.event.Masking;
import io.logbeam.logback.LogbackEventAdapter;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxy;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.slf4j.event.KeyValuePair;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The JSON encoding of one Logback event (level, logger, thread, message, two MDC entries, one key-value; then
 * variants) by Logbeam's {@link EventSerializer} with the Logback adapter's encoder, against the naive way: build a
 * {@code Map} of the same fields (UUID, ISO time, {@code printStackTrace} text, the logged values themselves) and let
 * Jackson's {@code ObjectMapper} write it. Both produce the event's JSON bytes. Single-threaded, so {@code -prof gc}'s
 * bytes per operation are the encoding's own.
 *
 * <p>{@code event}: {@code plain}; {@code exception} (with an exception and its cause, thrown 20 frames deep);
 * {@code structured} (two more key-values: a {@code Map} of 5 entries and a POJO of 6 fields, written through
 * Jackson); {@code structuredWithoutJackson} (the same, with the POJO written as its {@code toString()}, as when
 * jackson-databind is not on the class path); {@code masked} (the plain event with {@code maskKeys} and a
 * {@code maskPattern} that matches nothing in it: the cost of looking). {@code capture} measures what the logging
 * thread does for the structured values (rendering them when they are logged, see {@code LoggedValues}); Logbeam's
 * whole cost for a structured event is {@code capture} + {@code logbeam}.
 *
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar EncoderBenchmark -prof gc
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Thread)
public class EncoderBenchmark {

    private static final String HOST = "ip-10-0-12-34.eu-west-1.compute.internal";

    @Param({"plain", "exception", "structured", "structuredWithoutJackson", "masked"})
    public String event;

    /** A customer as applications log them: six properties with getters. */
    public static final class Customer {
        private final String id = "c-42";
        private final String name = "Ann Smith";
        private final String email = "ann@example.com";
        private final int visits = 17;
        private final boolean vip = true;
        private final double balance = 125.5;

        public String getId() {
            return id;
        }

        public String getName() {
            return name;
        }

        public String getEmail() {
            return email;
        }

        public int getVisits() {
            return visits;
        }

        public boolean isVip() {
            return vip;
        }

        public double getBalance() {
            return balance;
        }
    }

    private ILoggingEvent loggingEvent;
    private EventSerializer<ILoggingEvent> logbeam;
    private LoggedValues values;
    private Map<String, Object> order;
    private Customer customer;
    private ObjectMapper mapper;

    @Setup
    public void setUp() {
        LoggerContext context = new LoggerContext();
        Logger logger = context.getLogger("com.acme.orders.OrderService");
        Throwable thrown = event.equals("exception") ? failureAtDepth(20) : null;
        LoggingEvent e = new LoggingEvent(Logger.class.getName(), logger, Level.INFO, "Order {} shipped in {} ms",
                thrown, new Object[] {"o-1234567", 42});
        Map<String, String> mdc = new LinkedHashMap<>();
        mdc.put("request_id", "req-7f3a9c");
        mdc.put("user", "alice");
        e.setMDCPropertyMap(mdc);
        e.addKeyValuePair(new KeyValuePair("order_id", "o-1234567"));
        e.setThreadName("http-nio-8080-exec-7");
        e.prepareForDeferredProcessing();
        JsonSchema.Builder schema = JsonSchema.builder().host(HOST).lambdaInfo(null);
        if (event.equals("structuredWithoutJackson")) {
            schema.objectConverter(null);
        } else if (event.equals("masked")) {
            schema.masking(Masking.of(List.of("password", "authorization"), Pattern.compile("\\b\\d{13,16}\\b")));
        }
        JsonSchema built = schema.build();
        values = built.loggedValues();
        order = new LinkedHashMap<>();
        order.put("id", "o-1234567");
        order.put("items", 3);
        order.put("total", 59.97);
        order.put("gift", false);
        order.put("currency", "EUR");
        customer = new Customer();
        if (event.startsWith("structured")) {
            // As the appender publishes it: the values captured (rendered) on the logging thread.
            e.addKeyValuePair(new KeyValuePair("order", values.capture(order)));
            e.addKeyValuePair(new KeyValuePair("customer", values.capture(customer)));
        }
        loggingEvent = e;
        logbeam = new EventSerializer<>(built, new LogbackEventAdapter(), 1024 * 1024, Integer.MAX_VALUE);
        mapper = new ObjectMapper();
        System.out.println("\nlogbeam: " + logbeam().length + " bytes: " + new String(logbeam()));
        System.out.println("jackson: " + naive().length + " bytes: " + new String(naive()));
    }

    /** An exception with a cause, thrown {@code depth} frames below the caller. */
    private static Throwable failureAtDepth(int depth) {
        if (depth > 0) {
            return failureAtDepth(depth - 1);
        }
        return new IllegalStateException("payment failed for order o-1234567",
                new IOException("Connection reset by peer"));
    }

    /** The encoding, on the appender's consumer thread. */
    @Benchmark
    public byte[] logbeam() {
        return logbeam.serialize(loggingEvent, "app", null, null).json();
    }

    /** What the logging thread does for the structured event's values: renders them as they are now. */
    @Benchmark
    public Object[] capture() {
        return new Object[] {values.capture(order), values.capture(customer)};
    }

    /** What an appender written the obvious way does: a Map per event, written by an ObjectMapper. */
    @Benchmark
    public byte[] naive() {
        ILoggingEvent e = loggingEvent;
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("log_type", "app");
        json.put("log_id", UUID.randomUUID().toString());
        json.put("time", Instant.ofEpochMilli(e.getTimeStamp()).toString());
        json.put("level", e.getLevel().toString());
        json.put("logger", e.getLoggerName());
        json.put("thread", e.getThreadName());
        json.put("message", e.getFormattedMessage());
        json.put("mdc", new LinkedHashMap<>(e.getMDCPropertyMap()));
        Map<String, Object> kv = new LinkedHashMap<>();
        kv.put("order_id", "o-1234567");
        if (event.startsWith("structured")) {
            kv.put("order", order); // the objects themselves: Jackson walks them
            kv.put("customer", customer);
        }
        json.put("kv", kv);
        if (e.getThrowableProxy() instanceof ThrowableProxy proxy) {
            Throwable t = proxy.getThrowable();
            Map<String, Object> ex = new LinkedHashMap<>();
            ex.put("class", t.getClass().getName());
            ex.put("message", t.getMessage());
            StringWriter stack = new StringWriter();
            t.printStackTrace(new PrintWriter(stack));
            ex.put("stack", stack.toString());
            json.put("exception", ex);
        }
        json.put("host", HOST);
        try {
            return mapper.writeValueAsBytes(json);
        } catch (IOException err) {
            throw new UncheckedIOException(err);
        }
    }
}

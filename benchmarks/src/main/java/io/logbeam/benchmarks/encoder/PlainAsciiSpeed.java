package io.logbeam.benchmarks.encoder;

import io.logbeam.benchmarks.support.TypicalEvents.Event;
import io.logbeam.benchmarks.support.TypicalEvents;
import io.logbeam.core.event.EventSerializer;
import io.logbeam.core.event.JsonSchema;

import java.util.Arrays;
import java.util.Locale;

/**
 * Nanoseconds per character that encoding an event spends on a message of plain ASCII (letters, digits, spaces and
 * punctuation that JSON does not escape): the time to serialize an event with a {@code chars}-character message,
 * less the time for the same event with an empty message, divided by {@code chars}. That is the cost of the JSON
 * writer's plain-ASCII copy loop (and of reading the message's characters).
 *
 * <pre>
 * mvn -B -q -pl benchmarks -am package -DskipTests
 * java -cp benchmarks/target/benchmarks.jar io.logbeam.benchmarks.encoder.PlainAsciiSpeed [chars]
 * </pre>
 * Default 2,048 characters. Prints the median of 9 rounds (each 200,000 events of either kind, alternated) and
 * their range.
 */
public final class PlainAsciiSpeed {

    private static final int ROUNDS = 9;
    private static final int EVENTS = 200_000;
    private static final String[] WORDS = {"order", "42", "paid", "by", "customer", "1234;", "GET", "/api/orders/77",
        "status=200", "in", "12", "ms,", "cart", "total", "99.50", "EUR"};

    private static long sink;

    private PlainAsciiSpeed() {
    }

    public static void main(String[] args) {
        int chars = args.length > 0 ? Integer.parseInt(args[0]) : 2048;
        StringBuilder text = new StringBuilder(chars + 16);
        for (int i = 0; text.length() < chars; i++) {
            text.append(WORDS[i % WORDS.length]).append(' ');
        }
        text.setLength(chars);
        EventSerializer<Event> serializer = new EventSerializer<>(
                JsonSchema.builder().host("web-1").lambdaInfo(null).build(), new TypicalEvents.Encoder(),
                Integer.MAX_VALUE, Integer.MAX_VALUE);
        long now = System.currentTimeMillis();
        Event full = Event.info(now, text.toString());
        Event empty = Event.info(now, "");

        for (int i = 0; i < 5; i++) { // warm-up: let the JIT compile the writer for both shapes
            time(serializer, full);
            time(serializer, empty);
        }
        double[] perChar = new double[ROUNDS];
        for (int round = 0; round < ROUNDS; round++) {
            double withMessage = time(serializer, full);
            double without = time(serializer, empty);
            perChar[round] = (withMessage - without) / chars;
        }
        Arrays.sort(perChar);
        System.out.printf(Locale.ROOT, "plain ASCII message of %,d chars: %.2f ns per char (median of %d rounds, range"
                + " %.2f-%.2f); Java %s%n", chars, perChar[ROUNDS / 2], ROUNDS, perChar[0], perChar[ROUNDS - 1],
                System.getProperty("java.version"));
        if (sink == 42) {
            System.out.println(); // keeps the results observable, so the serializations can not be left out
        }
    }

    /** Mean nanoseconds to serialize {@code event}. */
    private static double time(EventSerializer<Event> serializer, Event event) {
        long start = System.nanoTime();
        long bytes = 0;
        for (int i = 0; i < EVENTS; i++) {
            bytes += serializer.serialize(event, "app", null, null).size();
        }
        double nanos = (double) (System.nanoTime() - start) / EVENTS;
        sink += bytes;
        return nanos;
    }
}

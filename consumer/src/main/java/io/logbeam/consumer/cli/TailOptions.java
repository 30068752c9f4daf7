package io.logbeam.consumer.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * The options of {@code logbeam tail}.
 *
 * @param stream     Kinesis stream to read, or null
 * @param logGroup   CloudWatch Logs group to read, or null
 * @param logStream  one stream of that group, or null for all
 * @param since      where to start, or null (Kinesis: the newest records; CloudWatch Logs: now)
 * @param logTypes   only these log types; empty shows every event
 * @param pretty     indented JSON instead of one line per event
 * @param follow     keep waiting for new events; false stops once everything up to now was read
 * @param maxEvents  stop after this many events (0: no limit)
 * @param endpoint   endpoint override, or null
 * @param region     region, or null for the SDK's default chain
 */
public record TailOptions(String stream, String logGroup, String logStream, Instant since, List<String> logTypes,
        boolean pretty, boolean follow, long maxEvents, String endpoint, String region) {

    /** The usage text. */
    public static final String USAGE = String.join("\n",
            "usage: logbeam tail (--stream NAME | --log-group NAME [--log-stream NAME]) [options]",
            "  --since 10m|2h|1d|2026-11-22T14:00:00Z  start there (default: new events only)",
            "  --log-type app,audit                    only these log types",
            "  --pretty                                indented JSON (default: one event per line)",
            "  --no-follow                             stop once everything up to now is printed",
            "  --max-events N                          stop after N events",
            "  --endpoint URL                          endpoint override (LocalStack, moto, kinesis-local)",
            "  --region NAME                           region (default: the AWS SDK's chain)");

    /**
     * Reads {@code args} (after {@code tail}).
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    public static TailOptions parse(List<String> args, Supplier<Instant> now) {
        String stream = null;
        String group = null;
        String logStream = null;
        Instant since = null;
        List<String> types = new ArrayList<>();
        boolean pretty = false;
        boolean follow = true;
        long max = 0;
        String endpoint = null;
        String region = null;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--stream" -> stream = value(args, ++i, arg);
                case "--log-group" -> group = value(args, ++i, arg);
                case "--log-stream" -> logStream = value(args, ++i, arg);
                case "--since" -> since = since(value(args, ++i, arg), now.get());
                case "--log-type" -> Arrays.stream(value(args, ++i, arg).split(",")).map(String::trim)
                        .filter(s -> !s.isEmpty()).forEach(types::add);
                case "--pretty" -> pretty = true;
                case "--no-follow" -> follow = false;
                case "--max-events" -> max = Long.parseLong(value(args, ++i, arg));
                case "--endpoint" -> endpoint = value(args, ++i, arg);
                case "--region" -> region = value(args, ++i, arg);
                default -> throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        if ((stream == null) == (group == null)) {
            throw new IllegalArgumentException("give either --stream or --log-group");
        }
        if (logStream != null && group == null) {
            throw new IllegalArgumentException("--log-stream needs --log-group");
        }
        return new TailOptions(stream, group, logStream, since, List.copyOf(types), pretty, follow, max, endpoint,
                region);
    }

    /** {@code 10m}, {@code 2h}, {@code 1d}, {@code 30s} before {@code now}, or an ISO-8601 instant. */
    static Instant since(String text, Instant now) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.matches("\\d+[smhd]")) {
            long n = Long.parseLong(t.substring(0, t.length() - 1));
            Duration unit = switch (t.charAt(t.length() - 1)) {
                case 's' -> Duration.ofSeconds(1);
                case 'm' -> Duration.ofMinutes(1);
                case 'h' -> Duration.ofHours(1);
                default -> Duration.ofDays(1);
            };
            return now.minus(unit.multipliedBy(n));
        }
        try {
            return Instant.parse(text.trim());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--since " + text + ": use 10m, 2h, 1d or 2026-11-22T14:00:00Z");
        }
    }

    private static String value(List<String> args, int i, String option) {
        if (i >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(i);
    }
}

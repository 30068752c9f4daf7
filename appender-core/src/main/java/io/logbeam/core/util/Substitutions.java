package io.logbeam.core.util;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;

/**
 * Resolves placeholders in configuration values once, at start: {@code {hostname}}, {@code {pid}},
 * {@code {uuid}}, {@code {date}} (UTC {@code yyyy-MM-dd}), {@code {startupTimestamp}} (the JVM's start, UTC
 * {@code yyyyMMdd'T'HHmmss'Z'}), {@code {env:NAME[:default]}}, {@code {sysprop:NAME[:default]}} and
 * {@code {lambda.function}} (from {@code AWS_LAMBDA_FUNCTION_NAME}).
 *
 * <p>The {@link #REMOTE} placeholders ({@code {aws:accountId}}, {@code {ec2:instanceId}}, {@code {ec2:region}}) need a
 * call to AWS. They are resolved only by a {@link #withRemote} copy, which the configuration uses off the logging
 * path (when a shipper thread opens the destination); elsewhere they are a configuration error naming the property.
 *
 * <p>An unknown placeholder, or an environment variable / system property that is unset and has no
 * default, is a configuration error naming the property: silently shipping to a stream called
 * {@code "{env:STAGE}"} would be worse.
 */
public final class Substitutions {

    /** The placeholders looked up over the network. */
    public static final Set<String> REMOTE = Set.of("aws:accountId", "ec2:instanceId", "ec2:region");

    /** The properties where {@link #REMOTE} placeholders are allowed: the destinations' names. */
    public static final String REMOTE_ALLOWED_IN = "streamName, deliveryStreamName, logGroup, logStream";

    /** Looks up a {@link #REMOTE} fact; may take a network round trip, so never on the logging path. */
    public interface RemoteFacts {
        /**
         * The value of {@code name}, one of {@link #REMOTE}.
         *
         * @throws Exception saying why it could not be had
         */
        String lookup(String name) throws Exception;
    }

    /** Valid values of the right shape, to check the rest of a name at start, before the real ones are known. */
    private static final RemoteFacts STAND_INS = name -> name.equals("aws:accountId") ? "000000000000"
            : name.equals("ec2:region") ? "us-east-1" : "i-00000000000000000";

    private final Map<String, String> environment;
    private final UnaryOperator<String> systemProperties;
    private final Clock clock;
    private final LongSupplier startupMillis; // asked only when {startupTimestamp} is used: JMX is slow to load
    private final RemoteFacts remote; // null: REMOTE placeholders are an error

    /** Substitutions over the real environment, system properties and clock. */
    public Substitutions() {
        this(System.getenv(), System::getProperty, Clock.systemUTC());
    }

    /** Substitutions over given sources, for tests; {@code {startupTimestamp}} is the JVM's real start. */
    public Substitutions(Map<String, String> environment, UnaryOperator<String> systemProperties, Clock clock) {
        this(environment, systemProperties, clock, () -> ManagementFactory.getRuntimeMXBean().getStartTime(), null);
    }

    /** Substitutions over given sources and JVM start time, for tests. */
    public Substitutions(Map<String, String> environment, UnaryOperator<String> systemProperties, Clock clock,
            long startupMillis) {
        this(environment, systemProperties, clock, () -> startupMillis, null);
    }

    private Substitutions(Map<String, String> environment, UnaryOperator<String> systemProperties, Clock clock,
            LongSupplier startupMillis, RemoteFacts remote) {
        this.environment = environment;
        this.systemProperties = systemProperties;
        this.clock = clock;
        this.startupMillis = startupMillis;
        this.remote = remote;
    }

    /** A copy that resolves the {@link #REMOTE} placeholders with {@code facts} (blocking: off the logging path). */
    public Substitutions withRemote(RemoteFacts facts) {
        return new Substitutions(environment, systemProperties, clock, startupMillis, facts);
    }

    /** A copy that puts valid stand-ins for the {@link #REMOTE} placeholders, to check a name's other rules at start. */
    public Substitutions withStandIns() {
        return withRemote(STAND_INS);
    }

    /** Whether {@code value} holds a {@link #REMOTE} placeholder. */
    public static boolean hasRemote(String value) {
        if (value == null) {
            return false;
        }
        for (String name : REMOTE) {
            if (value.contains("{" + name + "}")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Returns {@code value} with every placeholder replaced.
     *
     * @throws ConfigException naming {@code property} for an unknown or unresolvable placeholder
     */
    public String resolve(String property, String value) {
        if (value == null || value.indexOf('{') < 0) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length() + 16);
        int i = 0;
        while (i < value.length()) {
            int open = value.indexOf('{', i);
            if (open < 0) {
                out.append(value, i, value.length());
                break;
            }
            int close = value.indexOf('}', open);
            if (close < 0) {
                throw new ConfigException(property, "unclosed '{' in '" + value + "'");
            }
            out.append(value, i, open);
            out.append(placeholder(property, value.substring(open + 1, close)));
            i = close + 1;
        }
        return out.toString();
    }

    private String placeholder(String property, String name) {
        switch (name) {
            case "hostname":
                return HostInfo.hostname();
            case "pid":
                return Long.toString(HostInfo.pid());
            case "uuid":
                return UUID.randomUUID().toString();
            case "date":
                return LocalDate.now(clock.withZone(ZoneOffset.UTC)).toString();
            case "startupTimestamp":
                // Built here, not in a static field: a formatter costs class loading at every start otherwise.
                return DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC)
                        .format(Instant.ofEpochMilli(startupMillis.getAsLong()));
            case "lambda.function":
                return lookup(property, "lambda.function", environment.get("AWS_LAMBDA_FUNCTION_NAME"), null,
                        "AWS_LAMBDA_FUNCTION_NAME is not set (not running in AWS Lambda?)");
            default:
                break;
        }
        if (REMOTE.contains(name)) {
            return remote(property, name);
        }
        if (name.startsWith("env:") || name.startsWith("sysprop:")) {
            boolean env = name.startsWith("env:");
            String rest = name.substring(env ? 4 : 8);
            int colon = rest.indexOf(':');
            String key = colon < 0 ? rest : rest.substring(0, colon);
            String fallback = colon < 0 ? null : rest.substring(colon + 1);
            if (key.isEmpty()) {
                throw new ConfigException(property, "'{" + name + "}' names no variable");
            }
            String found = env ? environment.get(key) : systemProperties.apply(key);
            return lookup(property, name, found, fallback,
                    (env ? "environment variable " : "system property ") + key + " is not set and '{" + name
                            + "}' has no default (write {" + name + ":default})");
        }
        throw new ConfigException(property, "unknown placeholder '{" + name + "}'; known: {hostname}, {pid}, {uuid}, "
                + "{date}, {startupTimestamp}, {env:NAME[:default]}, {sysprop:NAME[:default]}, {lambda.function}, "
                + "{aws:accountId}, {ec2:instanceId}, {ec2:region}");
    }

    private String remote(String property, String name) {
        if (remote == null) {
            throw new ConfigException(property, "'{" + name + "}' is looked up over the network when the destination "
                    + "opens, so it is allowed only in the destination's names (" + REMOTE_ALLOWED_IN + ")");
        }
        String value;
        try {
            value = remote.lookup(name);
        } catch (Exception e) {
            throw new ConfigException(property, "'{" + name + "}' could not be resolved: " + e.getMessage());
        }
        if (value == null || value.isEmpty()) {
            throw new ConfigException(property, "'{" + name + "}' could not be resolved: no value");
        }
        return value;
    }

    private static String lookup(String property, String name, String found, String fallback, String missing) {
        if (found != null && !found.isEmpty()) {
            return found;
        }
        if (fallback != null) {
            return fallback;
        }
        throw new ConfigException(property, missing);
    }
}

package io.logbeam.core.util;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * Resolves placeholders in configuration values once, at start: {@code {hostname}}, {@code {pid}},
 * {@code {uuid}}, {@code {date}} (UTC {@code yyyy-MM-dd}), {@code {env:NAME[:default]}},
 * {@code {sysprop:NAME[:default]}} and {@code {lambda.function}} (from {@code AWS_LAMBDA_FUNCTION_NAME}).
 *
 * <p>An unknown placeholder, or an environment variable / system property that is unset and has no
 * default, is a configuration error naming the property: silently shipping to a stream called
 * {@code "{env:STAGE}"} would be worse.
 */
public final class Substitutions {

    private final Map<String, String> environment;
    private final UnaryOperator<String> systemProperties;
    private final Clock clock;

    /** Substitutions over the real environment, system properties and clock. */
    public Substitutions() {
        this(System.getenv(), System::getProperty, Clock.systemUTC());
    }

    /** Substitutions over given sources, for tests. */
    public Substitutions(Map<String, String> environment, UnaryOperator<String> systemProperties, Clock clock) {
        this.environment = environment;
        this.systemProperties = systemProperties;
        this.clock = clock;
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
            case "lambda.function":
                return lookup(property, "lambda.function", environment.get("AWS_LAMBDA_FUNCTION_NAME"), null,
                        "AWS_LAMBDA_FUNCTION_NAME is not set (not running in AWS Lambda?)");
            default:
                break;
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
                + "{date}, {env:NAME[:default]}, {sysprop:NAME[:default]}, {lambda.function}");
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

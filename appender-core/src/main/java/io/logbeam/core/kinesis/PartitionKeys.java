package io.logbeam.core.kinesis;

import io.logbeam.core.destination.EventLookup;
import io.logbeam.core.destination.PartitionKeyStrategy;
import io.logbeam.core.event.FieldWriter;
import io.logbeam.core.json.Utf8Text;
import io.logbeam.core.util.ConfigException;
import io.logbeam.core.util.Substitutions;

import java.util.Locale;

/**
 * The {@code partitionKey} property: how an event's Kinesis partition key is chosen.
 * <ul>
 * <li>{@code random} (default): a cheap pseudo-random key per record (per aggregate with aggregation),
 * spreading the load evenly over every shard; no ordering between records.</li>
 * <li>a fixed text, placeholders such as {@code {hostname}} resolved at start: every record of this
 * appender goes to one shard, in order; that shard caps the appender at 1 MiB/s and 1,000 records/s.</li>
 * <li>{@code {log_type}}: one key per log type; each type is ordered on its shard, a dominant type makes
 * its shard hot.</li>
 * <li>{@code {mdc:KEY}} / {@code {kv:KEY}}: the event's MDC value or key-value pair (e.g. a tenant or
 * request id), random when the event has none; ordered per value, hot shards when a few values dominate.</li>
 * </ul>
 * Keys longer than 256 characters are cut to 256 (the service's limit).
 */
final class PartitionKeys {

    /**
     * The parsed property: the strategy the core calls per event, and room to reserve for its keys.
     *
     * @param random   keys are drawn by the batcher
     * @param perEvent each event brings its own key ({@code {log_type}}, {@code {mdc:KEY}}, {@code {kv:KEY}}), so
     *                 aggregates can be made per shard
     */
    record Spec(String text, PartitionKeyStrategy strategy, int maxKeyBytes, boolean random, boolean perEvent) {
    }

    private static final String PROPERTY = "partitionKey";
    private static final String FORMS = "use 'random', '{log_type}', '{mdc:KEY}', '{kv:KEY}' or a fixed key "
            + "(placeholders such as {hostname} or {env:NAME} are resolved at start)";

    private PartitionKeys() {
    }

    /**
     * Parses the property.
     *
     * @throws ConfigException naming {@code partitionKey} for a malformed value
     */
    static Spec parse(String value, Substitutions substitutions) {
        String text = value == null ? "" : value.trim();
        if (text.isEmpty() || text.toLowerCase(Locale.ROOT).equals("random")) {
            return new Spec("random", PartitionKeyStrategy.NONE, RandomPartitionKeys.MAX_KEY_CHARS, true, false);
        }
        if (text.equals("{log_type}")) {
            return new Spec(text, (logType, event) -> usable(logType), KinesisLimits.MAX_PARTITION_KEY_BYTES, false,
                    true);
        }
        String mdc = lookupKey(text, "{mdc:");
        if (mdc != null) {
            return new Spec(text, (logType, event) -> usable(event.mdc(mdc)), KinesisLimits.MAX_PARTITION_KEY_BYTES,
                    false, true);
        }
        String kv = lookupKey(text, "{kv:");
        if (kv != null) {
            return new Spec(text, (logType, event) -> usable(keyValueText(event, kv)),
                    KinesisLimits.MAX_PARTITION_KEY_BYTES, false, true);
        }
        if (text.contains("{log_type}") || text.contains("{mdc:") || text.contains("{kv:")) {
            throw new ConfigException(PROPERTY, "'" + value + "' mixes a per-event key with other text; " + FORMS);
        }
        String fixed = substitutions.resolve(PROPERTY, text);
        if (fixed.isEmpty()) {
            throw new ConfigException(PROPERTY, "'" + value + "' resolves to an empty key; " + FORMS);
        }
        if (fixed.length() > KinesisLimits.MAX_PARTITION_KEY_CHARS) {
            throw new ConfigException(PROPERTY, "'" + fixed + "' is longer than "
                    + KinesisLimits.MAX_PARTITION_KEY_CHARS + " characters");
        }
        String key = fixed;
        int bytes = (int) Utf8Text.utf8Length(key);
        return new Spec(text, (logType, event) -> key, bytes, false, false);
    }

    /** The KEY of {@code {prefixKEY}}, null when {@code text} is not of that form. */
    private static String lookupKey(String text, String prefix) {
        if (!text.startsWith(prefix)) {
            return null;
        }
        if (!text.endsWith("}") || text.indexOf('}') != text.length() - 1) {
            throw new ConfigException(PROPERTY, "'" + text + "' is malformed; " + FORMS);
        }
        String key = text.substring(prefix.length(), text.length() - 1).trim();
        if (key.isEmpty()) {
            throw new ConfigException(PROPERTY, "'" + text + "' names no " + (prefix.equals("{mdc:") ? "MDC" : "key-value")
                    + " key; " + FORMS);
        }
        return key;
    }

    private static String keyValueText(EventLookup event, String key) {
        Object value = event.keyValue(key);
        // An application object's toString() may throw: that must not cost the event (it would not be encoded).
        return value == null ? null : FieldWriter.safeToString(value);
    }

    /**
     * {@code key} as a valid partition key: null (random) when absent or empty, cut to 256 characters
     * without splitting a surrogate pair, lone surrogates replaced by U+FFFD (the SDK can not encode them:
     * one such key would fail the whole request, every time it is retried).
     */
    static String usable(String key) {
        if (key == null || key.isEmpty()) {
            return null;
        }
        String cut = key;
        if (key.length() > KinesisLimits.MAX_PARTITION_KEY_CHARS) {
            int end = KinesisLimits.MAX_PARTITION_KEY_CHARS;
            if (Character.isHighSurrogate(key.charAt(end - 1))) {
                end--;
            }
            cut = key.substring(0, end);
        }
        return Utf8Text.fit(cut, Integer.MAX_VALUE);
    }
}

package io.logbeam.core.event;

import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What is replaced by {@value #MASK} before an event leaves the process: the values of the named keys (in the MDC, in
 * key-values and in maps and objects nested in them; names compared without case) and every match of a pattern in
 * the message, MDC values and text values of key-values. Immutable, shared by the threads that log and the one that
 * encodes.
 */
public final class Masking {

    /** What a masked value or match becomes. */
    public static final String MASK = "****";

    /** Masks nothing. */
    public static final Masking NONE = new Masking(Set.of(), null);

    private final Set<String> keys; // lower case
    private final Pattern pattern; // null: none

    private Masking(Set<String> keys, Pattern pattern) {
        this.keys = keys;
        this.pattern = pattern;
    }

    /**
     * @param keys    names whose values are masked, any case
     * @param pattern matches masked in text, or null
     */
    public static Masking of(Collection<String> keys, Pattern pattern) {
        Set<String> lower = keys.stream().map(k -> k.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        return lower.isEmpty() && pattern == null ? NONE : new Masking(lower, pattern);
    }

    /** Whether the value under {@code key} is masked as a whole. */
    public boolean masksKey(String key) {
        return !keys.isEmpty() && key != null && keys.contains(key.toLowerCase(Locale.ROOT));
    }

    /** {@code text} with every match of the pattern masked; {@code text} itself when nothing matches. */
    public String apply(String text) {
        if (pattern == null || text == null) {
            return text;
        }
        return pattern.matcher(text).replaceAll(MASK);
    }

    /** Whether anything is masked at all. */
    public boolean isOff() {
        return this == NONE;
    }
}

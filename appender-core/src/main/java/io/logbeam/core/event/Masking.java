package io.logbeam.core.event;

import java.util.Collection;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
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

    /**
     * A matcher of the pattern for one thread to reuse with {@link #apply(String, Matcher)}, or null when there is no
     * pattern.
     */
    public Matcher newMatcher() {
        return pattern == null ? null : pattern.matcher("");
    }

    /** {@code text} with every match of the pattern masked; {@code text} itself when nothing matches. */
    public String apply(String text) {
        return apply(text, newMatcher());
    }

    /**
     * As {@link #apply(String)}, with a matcher from {@link #newMatcher()} that this thread reuses: nothing is
     * allocated when nothing matches.
     */
    public String apply(String text, Matcher matcher) {
        if (matcher == null || text == null) {
            return text;
        }
        return matcher.reset(text).replaceAll(MASK);
    }

    /** Whether anything is masked at all. */
    public boolean isOff() {
        return this == NONE;
    }
}

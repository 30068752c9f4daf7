package io.logbeam.core.event;

import java.util.Collection;
import java.util.Set;

/** Which keys of the MDC, or of the key-values, an event carries: all, only some, or all but some. */
public final class KeyFilter {

    /** Every key. */
    public static final KeyFilter ALL = new KeyFilter(Set.of(), false);

    private final Set<String> keys;
    private final boolean include;

    private KeyFilter(Set<String> keys, boolean include) {
        this.keys = keys;
        this.include = include;
    }

    /** Only {@code keys} (exact names). */
    public static KeyFilter only(Collection<String> keys) {
        return new KeyFilter(Set.copyOf(keys), true);
    }

    /** Every key but {@code keys}; {@link #ALL} when there is none. */
    public static KeyFilter allBut(Collection<String> keys) {
        return keys.isEmpty() ? ALL : new KeyFilter(Set.copyOf(keys), false);
    }

    /** Whether the entry under {@code key} is written. */
    public boolean accepts(String key) {
        return this == ALL || keys.contains(key) == include;
    }
}

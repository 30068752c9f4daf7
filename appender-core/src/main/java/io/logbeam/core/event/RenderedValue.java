package io.logbeam.core.event;

import java.nio.charset.StandardCharsets;

/**
 * A structured value (a map, a collection, an array, an object) as compact JSON, rendered on the logging thread when
 * it was logged (see {@link LoggedValues}): what arrives is what the application logged, even when it changes the
 * value afterwards. Immutable. Written as it is, or cut at an element boundary when a cap requires.
 */
public final class RenderedValue {

    private final byte[] json;
    private final boolean truncated;

    RenderedValue(byte[] json, boolean truncated) {
        this.json = json;
        this.truncated = truncated;
    }

    /** The JSON, UTF-8; do not change it. */
    byte[] json() {
        return json;
    }

    /** Whether something was left out when it was rendered (size, depth, a cycle). */
    public boolean truncated() {
        return truncated;
    }

    /** The JSON bytes this value takes. */
    public int size() {
        return json.length;
    }

    /** The JSON text (e.g. in Log4j2's {@code k="v"} rendering of a map message). */
    @Override
    public String toString() {
        return new String(json, StandardCharsets.UTF_8);
    }
}

package io.logbeam.core.json;

import java.util.Arrays;

/**
 * A field name encoded once as {@code "name":} in UTF-8, so every event copies its bytes instead of escaping
 * the name again.
 */
public final class JsonName {

    private final String value;
    private final byte[] encoded;

    public JsonName(String value) {
        this.value = value;
        JsonOutput out = new JsonOutput(value.length() + 8);
        out.name(value);
        this.encoded = out.copy();
    }

    /** The name as configured. */
    public String value() {
        return value;
    }

    /** {@code "name":} as UTF-8 bytes, escaped; callers must not modify it. */
    public byte[] encoded() {
        return encoded;
    }

    @Override
    public String toString() {
        return value + " " + Arrays.toString(encoded);
    }
}

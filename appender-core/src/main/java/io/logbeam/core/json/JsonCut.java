package io.logbeam.core.json;

import java.util.Arrays;

/**
 * Writes an array or object that {@link JsonOutput} rendered earlier (compact: no whitespace) within a number of bytes,
 * still valid JSON: the longest prefix that ends after a whole element (an array element, an object member) or just
 * after an opening bracket, with the arrays and objects still open there closed. So a cut value keeps its type and its
 * first elements; whatever did not fit is left out as a whole.
 */
public final class JsonCut {

    private JsonCut() {
    }

    /**
     * Writes {@code json[0..length)} into {@code out} as one value: whole when it takes at most {@code max} bytes,
     * else cut as the class says (a value that is no array or object, or a {@code max} below 2, becomes {@code null}).
     *
     * @return whether anything was left out
     */
    public static boolean write(byte[] json, int length, int max, JsonOutput out) {
        if (length <= max) {
            out.rawValue(json, 0, length);
            return false;
        }
        if (length == 0 || (json[0] != '{' && json[0] != '[') || max < 2) {
            out.nullValue();
            return true;
        }
        byte[] open = new byte[16];
        int depth = 0;
        byte[] best = open.clone();
        int bestEnd = -1;
        int bestDepth = 0;
        boolean inString = false;
        for (int i = 0; i < length && i + depth <= max; i++) {
            byte c = json[i];
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
                continue;
            }
            int end = -1;
            if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                if (depth == open.length) {
                    open = Arrays.copyOf(open, depth * 2);
                }
                open[depth++] = c;
                end = i + 1; // an empty container so far
            } else if (c == ',' || c == '}' || c == ']') {
                end = i; // what precedes ends with a whole element (or is an empty container)
            }
            if (end >= 0 && end + depth <= max) {
                if (best.length < depth) {
                    best = new byte[open.length];
                }
                System.arraycopy(open, 0, best, 0, depth);
                bestEnd = end;
                bestDepth = depth;
            }
            if (c == '}' || c == ']') {
                depth--;
            }
        }
        byte[] cut = Arrays.copyOf(json, bestEnd + bestDepth);
        for (int d = bestDepth - 1, p = bestEnd; d >= 0; d--, p++) {
            cut[p] = best[d] == '{' ? (byte) '}' : (byte) ']';
        }
        out.rawValue(cut, 0, cut.length);
        return true;
    }
}

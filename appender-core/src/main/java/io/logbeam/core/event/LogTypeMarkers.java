package io.logbeam.core.event;

/**
 * Finds the {@code log_type} a marker gives (see {@link LogTypes}): the first marker whose name starts with
 * {@code logTypeMarkerPrefix}, looking at the given markers first and then, level by level, at the markers they
 * lead to (Logback: references; Log4j2: parents). Adapters describe their marker type with a {@link Tree}; the
 * walk is here once. Depth-bounded, so a cyclic marker graph (possible with other Marker implementations) ends.
 */
public final class LogTypeMarkers {

    /** How an adapter's markers are named and linked. */
    public interface Tree<M> {
        /** The marker's name, or null. */
        String name(M marker);

        /** Whether {@link #children} has anything: lets the walk skip the common leaf without allocating. */
        boolean hasChildren(M marker);

        /** The markers this one leads to (references or parents); entries may be null. */
        Iterable<M> children(M marker);
    }

    private LogTypeMarkers() {
    }

    /** The type given by {@code marker} or, within {@code maxDepth} levels, the markers it leads to; else null. */
    public static <M> String fromMarker(M marker, Tree<M> tree, String prefix, int maxDepth) {
        if (marker == null) {
            return null;
        }
        String value = fromName(tree.name(marker), prefix);
        return value != null || !tree.hasChildren(marker) ? value : walk(tree.children(marker), tree, prefix, 1,
                maxDepth);
    }

    /** The type given by the first of {@code markers}, or of what they lead to within {@code maxDepth}; else null. */
    public static <M> String fromMarkers(Iterable<M> markers, Tree<M> tree, String prefix, int maxDepth) {
        return walk(markers, tree, prefix, 0, maxDepth);
    }

    /**
     * What follows {@code prefix} in a marker's {@code name}; null when the name does not start with it or is only
     * it.
     */
    public static String fromName(String name, String prefix) {
        if (name == null || name.length() <= prefix.length() || !name.startsWith(prefix)) {
            return null;
        }
        return name.substring(prefix.length());
    }

    private static <M> String walk(Iterable<M> markers, Tree<M> tree, String prefix, int depth, int maxDepth) {
        if (depth > maxDepth || markers == null) {
            return null;
        }
        for (M marker : markers) {
            String value = marker == null ? null : fromName(tree.name(marker), prefix);
            if (value != null) {
                return value;
            }
        }
        for (M marker : markers) {
            if (marker != null && tree.hasChildren(marker)) {
                String value = walk(tree.children(marker), tree, prefix, depth + 1, maxDepth);
                if (value != null) {
                    return value;
                }
            }
        }
        return null;
    }
}

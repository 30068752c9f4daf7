package io.logbeam.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The marker walk both adapters use, on a toy marker type. */
class LogTypeMarkersTest {

    private static final class M {
        final String name;
        final List<M> children = new ArrayList<>();

        M(String name, M... children) {
            this.name = name;
            this.children.addAll(Arrays.asList(children));
        }
    }

    private static final LogTypeMarkers.Tree<M> TREE = new LogTypeMarkers.Tree<>() {
        @Override
        public String name(M marker) {
            return marker.name;
        }

        @Override
        public boolean hasChildren(M marker) {
            return !marker.children.isEmpty();
        }

        @Override
        public Iterable<M> children(M marker) {
            return marker.children;
        }
    };

    @Test
    void theMarkersThemselvesCountBeforeWhatTheyLeadTo() {
        M deep = new M("first", new M("log_type:child"));
        List<M> markers = Arrays.asList(null, deep, new M("log_type:own"));

        assertThat(LogTypeMarkers.fromMarkers(markers, TREE, "log_type:", 8)).isEqualTo("own");
        assertThat(LogTypeMarkers.fromMarker(deep, TREE, "log_type:", 8)).isEqualTo("child");
        assertThat(LogTypeMarkers.fromMarker(new M("log_type:"), TREE, "log_type:", 8)).as("only the prefix").isNull();
        assertThat(LogTypeMarkers.fromMarker(null, TREE, "log_type:", 8)).isNull();
    }

    @Test
    void aCycleEndsAtTheDepthBound() {
        M a = new M("a");
        M b = new M("b", a);
        a.children.add(b);
        M atLimit = new M("top", new M("l1", new M("log_type:at-two")));

        assertThat(LogTypeMarkers.fromMarker(a, TREE, "log_type:", 16)).isNull();
        assertThat(LogTypeMarkers.fromMarker(atLimit, TREE, "log_type:", 2)).isEqualTo("at-two");
        assertThat(LogTypeMarkers.fromMarker(atLimit, TREE, "log_type:", 1)).isNull();
    }
}

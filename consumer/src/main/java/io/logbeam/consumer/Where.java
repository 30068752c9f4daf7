package io.logbeam.consumer;

/**
 * A position inside a record, e.g. {@code record > gzip > aggregate record 3 > line 1}, kept as a chain and
 * rendered only when a failure needs it (most positions never do).
 */
final class Where {

    static final Where RECORD = new Where(null, "record", -1);

    private final Where parent;
    private final String label;
    private final int index;

    private Where(Where parent, String label, int index) {
        this.parent = parent;
        this.label = label;
        this.index = index;
    }

    Where child(String childLabel) {
        return new Where(this, childLabel, -1);
    }

    Where child(String childLabel, int childIndex) {
        return new Where(this, childLabel, childIndex);
    }

    String render() {
        String own;
        if (index < 0) {
            own = label;
        } else if (label.endsWith("[")) {
            own = label + index + "]";
        } else {
            own = label + " " + index;
        }
        return parent == null ? own : parent.render() + " > " + own;
    }

    @Override
    public String toString() {
        return render();
    }
}

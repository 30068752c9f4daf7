package io.logbeam.testkit;

import java.util.ArrayList;
import java.util.List;

/** Human-readable notes of every request that broke a service rule; see {@link LocalAwsEndpoint#violations()}. */
final class ViolationLog {

    private final List<String> entries = new ArrayList<>();

    synchronized void add(String violation) {
        entries.add(violation);
    }

    synchronized List<String> snapshot() {
        return List.copyOf(entries);
    }

    synchronized void clear() {
        entries.clear();
    }
}

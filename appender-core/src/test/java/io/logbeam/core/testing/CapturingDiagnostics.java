package io.logbeam.core.testing;

import io.logbeam.core.util.Diagnostics;

import java.util.ArrayList;
import java.util.List;

/** Records diagnostics lines instead of printing them. */
public final class CapturingDiagnostics implements Diagnostics {

    private final List<String> lines = new ArrayList<>();

    @Override
    public synchronized void report(String name, String message) {
        lines.add(name + ": " + message);
    }

    public synchronized List<String> lines() {
        return new ArrayList<>(lines);
    }
}

package io.logbeam.core.reliability;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What one scenario run on one destination ended with: the shipper's statistics, what the test published,
 * what the endpoint stored (matched by {@code log_id} and by the event key the test gave each event), what
 * reached the fallback, and every broken rule.
 *
 * <p>The accounting invariant checked for every run:
 * <ul>
 * <li>{@code published == delivered + fallback + dropped}, from the statistics; {@code published} equals the
 * publish calls the test made and {@code dropped} the calls that returned false;</li>
 * <li>every accepted event is stored or in the fallback (nothing lost silently), nothing else is stored, and
 * no event reaches the fallback twice;</li>
 * <li>the events stored and not in the fallback are exactly {@code delivered};</li>
 * <li>duplicates (stored more than once, or stored and also given to the fallback) happen only after
 * ambiguous failures: at most {@code possibleDuplicates};</li>
 * <li>every stored event is valid UTF-8 JSON within the destination's limits, and the endpoint saw no
 * violation of a service rule.</li>
 * </ul>
 */
public final class Outcome {

    final String scenario;
    final Target target;
    final String parameters;
    long attempted;
    long refused;
    long thrownIntoCaller;
    long published;
    long delivered;
    long fallback;
    long dropped;
    long late;
    long possibleDuplicates;
    long retried;
    long truncatedStat;
    long shipperRequests;
    long endpointRequests;
    int stored;
    int storedUnique;
    int storedAlsoInFallback;
    int fallbackEntries;
    int fallbackDuplicates;
    int truncatedStored;
    final List<String> missing = new ArrayList<>();
    final List<String> unknown = new ArrayList<>();
    final List<String> malformed = new ArrayList<>();
    final List<String> violations = new ArrayList<>();
    final List<String> oversize = new ArrayList<>();
    final List<String> diagnostics = new ArrayList<>();
    final List<String> notes = new ArrayList<>();
    final java.util.Set<String> fallbackReasons = new java.util.LinkedHashSet<>();
    Duration elapsed = Duration.ZERO;
    private final List<String> failures = new ArrayList<>();

    Outcome(String scenario, Target target, String parameters) {
        this.scenario = scenario;
        this.target = target;
        this.parameters = parameters;
    }

    /** Checks the accounting invariant; {@link #assertOk()} reports what broke. */
    Outcome checkInvariant() {
        expect(published == delivered + fallback + dropped, "published " + published + " != delivered " + delivered
                + " + fallback " + fallback + " + dropped " + dropped);
        expect(published == attempted, "published " + published + " != publish calls " + attempted);
        expect(thrownIntoCaller == 0, thrownIntoCaller + " publish calls threw into the caller");
        // Late events logged after the stop closed the fallback go to standard error instead (LateEvents).
        expect(fallbackEntries <= fallback && fallbackEntries >= fallback - late, "the fallback received "
                + fallbackEntries + " events, statistics say " + fallback + " (" + late + " of them late)");
        expect(fallbackDuplicates == 0, fallbackDuplicates + " events reached the fallback twice");
        expect(missing.isEmpty(), missing.size() + " accepted events neither stored nor in the fallback (lost "
                + "silently), e.g. " + sample(missing));
        expect(unknown.isEmpty(), unknown.size() + " stored events the test never published, e.g. " + sample(unknown));
        expect(malformed.isEmpty(), malformed.size() + " stored events are not valid UTF-8 JSON of the schema, e.g. "
                + sample(malformed));
        expect(oversize.isEmpty(), "records beyond the service limits: " + sample(oversize));
        expect(violations.isEmpty(), "the endpoint saw violations: " + sample(violations));
        expect(storedUnique - storedAlsoInFallback == delivered, "stored and not in the fallback: "
                + (storedUnique - storedAlsoInFallback) + ", delivered: " + delivered);
        expect(duplicates() <= possibleDuplicates, "duplicates " + duplicates() + " (stored twice: "
                + (stored - storedUnique) + ", stored and in the fallback: " + storedAlsoInFallback
                + ") exceed possibleDuplicates " + possibleDuplicates);
        return this;
    }

    /** Adds a scenario-specific expectation. */
    Outcome expect(boolean condition, String failure) {
        if (!condition) {
            failures.add(failure);
        }
        return this;
    }

    /** Extra information for the results table. */
    Outcome note(String text) {
        notes.add(text);
        return this;
    }

    /** Events stored twice, plus events stored although they went to the fallback. */
    public long duplicates() {
        return (stored - storedUnique) + storedAlsoInFallback;
    }

    /** Throws an AssertionError naming every broken expectation, with the figures and diagnostics. */
    public Outcome assertOk() {
        if (!failures.isEmpty()) {
            throw new AssertionError(scenario + " on " + target + " failed:\n  - " + String.join("\n  - ", failures)
                    + "\n" + summary() + "\nfallback reasons:\n  " + String.join("\n  ",
                    sample(new ArrayList<>(fallbackReasons), 10)) + "\ndiagnostics:\n  "
                    + String.join("\n  ", sample(diagnostics, 20)));
        }
        return this;
    }

    /** Whether every expectation held. */
    public boolean ok() {
        return failures.isEmpty();
    }

    /** The broken expectations. */
    public List<String> failures() {
        return List.copyOf(failures);
    }

    public long published() {
        return published;
    }

    public long delivered() {
        return delivered;
    }

    public long fallback() {
        return fallback;
    }

    public long dropped() {
        return dropped;
    }

    public long possibleDuplicates() {
        return possibleDuplicates;
    }

    public List<String> diagnostics() {
        return List.copyOf(diagnostics);
    }

    /** One line with every figure. */
    public String summary() {
        return String.format(Locale.ROOT, "%s / %s [%s]: published=%d delivered=%d fallback=%d dropped=%d "
                        + "stored=%d unique=%d storedAndFallback=%d possibleDuplicates=%d retried=%d truncated=%d "
                        + "requests=%d (endpoint %d) %.1f s%s", scenario, target, parameters, published, delivered,
                fallback, dropped, stored, storedUnique, storedAlsoInFallback, possibleDuplicates, retried,
                truncatedStat, shipperRequests, endpointRequests, elapsed.toMillis() / 1000.0,
                notes.isEmpty() ? "" : " " + String.join("; ", notes));
    }

    /** A row of the results table in docs/reliability.md. */
    public String tableRow() {
        return String.format(Locale.ROOT, "| %s | %s | %s | %d | %d | %d | %d | %d / %d | %s | %.1f | %s |", scenario,
                target, parameters, published, delivered, fallback, dropped, duplicates(), possibleDuplicates,
                shipperRequests + " / " + endpointRequests, elapsed.toMillis() / 1000.0,
                (ok() ? "ok" : "FAILED: " + String.join("; ", failures)) + (notes.isEmpty() ? ""
                        : "; " + String.join("; ", notes)));
    }

    private static String sample(List<String> items) {
        return String.join(" | ", sample(items, 3));
    }

    private static List<String> sample(List<String> items, int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < Math.min(n, items.size()); i++) {
            String s = items.get(i);
            out.add(s.length() > 300 ? s.substring(0, 300) + "..." : s);
        }
        return out;
    }

    @Override
    public String toString() {
        return summary();
    }
}

package io.logbeam.benchmarks.soak;

import io.logbeam.core.reliability.CloudWatchScenarios;
import io.logbeam.core.reliability.HostileInputScenario;
import io.logbeam.core.reliability.LoadScenarios;
import io.logbeam.core.reliability.Outcome;
import io.logbeam.core.reliability.Profile;
import io.logbeam.core.reliability.ResultLog;
import io.logbeam.core.reliability.Scenarios;
import io.logbeam.core.reliability.Target;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The reliability suite at the full durations ({@link Profile#SOAK}): 50% throttling for 10 s, a 30 s
 * outage, 60 s of misconfiguration, 60,000 events per fault scenario, 5,000 random hostile events, 16 x 50,000
 * events per destination. The scenarios are the ones the test suite runs (appender-core's
 * {@code io.logbeam.core.reliability}, from its test jar) with the same checks; this runs them longer.
 *
 * <p>Run (about an hour for everything on two cores):
 * <pre>
 * mvn -B -q -pl benchmarks -am package -DskipTests
 * java -cp benchmarks/target/benchmarks.jar io.logbeam.benchmarks.soak.ReliabilitySoak [scenario ...]
 * </pre>
 * Scenario names: {@code 5xx throttling entries resets timeouts latency outage outage-defaults smallring
 * spool hang missing denied hostile load stoprace stopblocked cwl-deleted cwl-shared}; none runs them all. Each result
 * is printed and appended as a table row to {@code target/reliability/results-soak.md} (or the directory
 * {@code -Dlogbeam.reliability.results=DIR}). Exits with 1 if any scenario broke an expectation.
 */
public final class ReliabilitySoak {

    private ReliabilitySoak() {
    }

    public static void main(String[] args) {
        Profile p = Profile.SOAK;
        Map<String, Function<Target, Outcome>> perTarget = new LinkedHashMap<>();
        perTarget.put("5xx", t -> Scenarios.serverErrors(t, p));
        perTarget.put("throttling", t -> Scenarios.throttling(t, p));
        perTarget.put("entries", t -> Scenarios.partialFailures(t, p));
        perTarget.put("resets", t -> Scenarios.connectionResets(t, p));
        perTarget.put("timeouts", t -> Scenarios.timeouts(t, p));
        perTarget.put("latency", t -> Scenarios.latency(t, p));
        perTarget.put("outage", t -> Scenarios.outageLargeRing(t, p));
        perTarget.put("outage-defaults", t -> Scenarios.outageDefaultRetries(t, p));
        perTarget.put("smallring", t -> Scenarios.outageSmallRing(t, p));
        perTarget.put("spool", t -> Scenarios.outageWithSpool(t, p));
        perTarget.put("hang", t -> Scenarios.stopWhileHung(t, p));
        perTarget.put("missing", t -> Scenarios.missingResource(t, p));
        perTarget.put("denied", t -> Scenarios.accessDenied(t, p));
        perTarget.put("hostile", t -> HostileInputScenario.run(t, p));
        perTarget.put("load", t -> LoadScenarios.manyThreadsWithFlushes(t, p));
        Map<String, BiFunction<Target, Integer, Outcome>> rounds = new LinkedHashMap<>();
        rounds.put("stoprace", (t, r) -> LoadScenarios.stopWhileThreadsLog(t, p, r));
        rounds.put("stopblocked", (t, r) -> LoadScenarios.stopWhileThreadsWaitForRoom(t, p, r));
        Map<String, java.util.function.Supplier<Outcome>> cloudWatch = new LinkedHashMap<>();
        cloudWatch.put("cwl-deleted", () -> CloudWatchScenarios.resourcesDeleted(p));
        cloudWatch.put("cwl-shared", () -> CloudWatchScenarios.sharedStream(p));

        List<String> wanted = args.length == 0 ? null : Arrays.asList(args);
        List<Outcome> outcomes = new ArrayList<>();
        for (Map.Entry<String, Function<Target, Outcome>> s : perTarget.entrySet()) {
            if (wanted == null || wanted.contains(s.getKey())) {
                for (Target t : Target.values()) {
                    outcomes.add(guarded(s.getKey(), t, () -> s.getValue().apply(t)));
                }
            }
        }
        for (Map.Entry<String, BiFunction<Target, Integer, Outcome>> s : rounds.entrySet()) {
            if (wanted == null || wanted.contains(s.getKey())) {
                for (Target t : Target.values()) {
                    for (int r = 1; r <= 10; r++) {
                        int round = r;
                        outcomes.add(guarded(s.getKey(), t, () -> s.getValue().apply(t, round)));
                    }
                }
            }
        }
        for (Map.Entry<String, java.util.function.Supplier<Outcome>> s : cloudWatch.entrySet()) {
            if (wanted == null || wanted.contains(s.getKey())) {
                outcomes.add(guarded(s.getKey(), Target.CLOUDWATCH_LOGS, s.getValue()));
            }
        }

        System.out.println();
        System.out.println(ResultLog.HEADER);
        long failed = 0;
        for (Outcome o : outcomes) {
            if (o != null) {
                System.out.println(o.tableRow());
                failed += o.ok() ? 0 : 1;
            } else {
                failed++;
            }
        }
        System.out.printf(Locale.ROOT, "%n%d runs, %d failed%n", outcomes.size(), failed);
        System.exit(failed == 0 ? 0 : 1);
    }

    /** Runs one scenario; an exception (a timed-out wait, a deadlock guard) counts as a failed run. */
    private static Outcome guarded(String name, Target target, java.util.function.Supplier<Outcome> scenario) {
        System.out.println("[soak] " + name + " / " + target + " ...");
        try {
            return scenario.get();
        } catch (RuntimeException | AssertionError e) {
            System.out.println("[soak] " + name + " / " + target + " FAILED: " + e);
            e.printStackTrace(System.out);
            return null;
        }
    }
}

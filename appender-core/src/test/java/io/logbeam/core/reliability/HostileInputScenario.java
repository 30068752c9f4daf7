package io.logbeam.core.reliability;

import io.logbeam.core.config.AppenderProperties;
import io.logbeam.core.testing.TestEvent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Hostile input through the whole path (application thread, ring, encoder, batcher, SDK, endpoint) for one
 * destination. Kinesis routes by the hostile values too: plain Kinesis keys records by {@code {log_type}},
 * aggregated Kinesis by {@code {kv:tenant}}, so lone surrogates and oversized values reach partition keys.
 */
public final class HostileInputScenario {

    private HostileInputScenario() {
    }

    public static Outcome run(Target target, Profile profile) {
        try (Run run = Run.on(target).label("hostile").tune(s -> {
            s.set("overflowPolicy", "block");
            s.set("blockTimeout", "120 seconds");
            if (target == Target.KINESIS) {
                s.set("partitionKey", "{log_type}");
            } else if (target == Target.KINESIS_AGGREGATED) {
                s.set("partitionKey", "{kv:tenant}");
            }
        }).start()) {
            HostileInput input = new HostileInput(target.ordinal() + 11L);
            List<TestEvent> pathological = input.pathological(run);
            List<String> mustBeCut = new ArrayList<>();
            for (TestEvent e : pathological) {
                if (e.message != null && e.message.length() >= 1_000_000 || e.thread != null && e.thread.length()
                        >= 1_000_000 || e.mdc.size() == 10_000 && e.mdc.containsKey("key-0")
                        && e.mdc.get("key-0").length() == 1024) {
                    mustBeCut.add(e.logger);
                }
                run.publish(e, false);
            }
            for (int i = 0; i < profile.hostileEvents(); i++) {
                TestEvent e = input.randomEvent(run);
                if (i % 3 == 0) {
                    e.kv.put("tenant", input.tenant());
                    e.mdc.put("log_type", input.text(300));
                }
                run.publish(e, false);
            }
            boolean flushed = run.flush(Duration.ofMinutes(3));
            Map<String, Run.Parsed> stored = run.storedByKey();
            run.stop(Duration.ofSeconds(10));
            Outcome o = run.outcome("hostile input", pathological.size() + " pathological + "
                    + Scenarios.count(profile.hostileEvents()) + " random events" + (target == Target.KINESIS
                    ? ", partitionKey={log_type}" : target == Target.KINESIS_AGGREGATED ? ", partitionKey={kv:tenant}"
                    : "")).expect(flushed, "flush timed out").note(run.stats().getTruncated() + " truncated");
            Scenarios.noLoss(o);
            for (String key : mustBeCut) {
                Run.Parsed p = stored.get(key);
                o.expect(p != null && p.truncated, key + " exceeded the limit but is not marked truncated");
            }
            if (o.duplicates() == 0) {
                o.expect(o.truncatedStat == o.truncatedStored, "statistics count " + o.truncatedStat
                        + " truncated events, " + o.truncatedStored + " stored ones say so");
            }
            return Scenarios.record(profile, o);
        }
    }
}

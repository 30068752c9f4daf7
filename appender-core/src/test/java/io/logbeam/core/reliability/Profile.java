package io.logbeam.core.reliability;

import java.time.Duration;

/**
 * The sizes and durations of the scenarios. {@link #SUITE} keeps each scenario to seconds so that it runs
 * in every {@code mvn verify}; {@link #SOAK} uses the full durations and far more events, run by hand
 * from {@code benchmarks} ({@code io.logbeam.benchmarks.soak.ReliabilitySoak}).
 *
 * @param events        events published per fault scenario
 * @param publishFor    the time they are spread over (the fault is active meanwhile)
 * @param throttleFor   how long 50% of the requests are throttled (issue: 10 s)
 * @param latency       added to every request (issue: 2 s)
 * @param outage        how long the endpoint is down (issue: 30 s)
 * @param misconfigured how long an appender logs into a missing or forbidden destination
 * @param stopTimeout   the stop deadline while the endpoint never answers (issue: 5 s)
 * @param threads       publishing threads of the concurrency scenario (issue: 16)
 * @param perThread     events per thread (issue: 50,000)
 * @param hostileEvents random hostile events per destination, besides the fixed pathological ones
 */
public record Profile(String name, int events, Duration publishFor, Duration throttleFor, Duration latency,
        Duration outage, Duration misconfigured, Duration stopTimeout, int threads, int perThread,
        int hostileEvents) {

    /** Seconds per scenario: part of the normal test suite. */
    public static final Profile SUITE = new Profile("suite", 2_000, Duration.ofSeconds(2), Duration.ofSeconds(2),
            Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(3), Duration.ofSeconds(5), 16, 50_000, 300);

    /** The durations, minutes per destination: run by hand. */
    public static final Profile SOAK = new Profile("soak", 60_000, Duration.ofSeconds(60), Duration.ofSeconds(10),
            Duration.ofSeconds(2), Duration.ofSeconds(30), Duration.ofSeconds(60), Duration.ofSeconds(5), 16, 50_000,
            5_000);

    /** Allowed on top of a stop deadline before stop counts as late (loaded 2-core CI machines). */
    public static final Duration STOP_MARGIN = Duration.ofMillis(1_500);
}

package io.logbeam.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.logbeam.testkit.AwsOperation;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Runs the demo's main logic (both parts, the second with its three child JVMs) on the embedded endpoint,
 * as {@code java -jar examples/target/logbeam-examples.jar} does, and checks that its exit code tells a
 * clean run from one that lost events.
 */
class DemoTest {

    @Test
    @Timeout(value = 180, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void theDemoDeliversEveryEventOnceAndSaysSo() {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int code;
        try (DemoTarget target = DemoTarget.embedded();
                PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
            code = Demo.run(target, new Demo.Options(10, true, true), out);
        }
        String report = captured.toString(StandardCharsets.UTF_8);

        assertThat(code).as(report).isZero();
        assertThat(report).contains("RESULT: OK", "Part 1:", "Part 2:", "service rule violations: none",
                "faults injected by the endpoint");
        // Every destination was read back and matched (one OK per destination), and the shared stream check ran.
        assertThat(report.split(" OK\\R", -1)).hasSize(4);
        assertThat(report).containsPattern("GetLogEvents on /logbeam/demo : orders-app returned (\\d+) events \\(\\1"
                + " logged\\)");
        // Part 3: the aggregated, gzip'd Kinesis records decoded by logbeam-consumer, each event once, by log type.
        assertThat(report).containsPattern("Part 3: .*\\R.* records held (\\d+) events \\(\\1 distinct log_id, 0"
                + " undecodable\\), by log_type: \\{access=\\d+, app=\\d+, audit=\\d+\\} -> each of the \\1 events"
                + " logged came back once");
    }

    @Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void lostEventsMakeTheExitCodeNonZero() {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int code;
        try (DemoTarget target = DemoTarget.embedded();
                PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
            // CloudWatch Logs refuses every call: its events go to the fallback (stderr), not to the service.
            target.embedded.faults().failAlways(400, "AccessDeniedException", AwsOperation.LOGS_PUT_LOG_EVENTS);
            code = Demo.run(target, new Demo.Options(5, false, false), out);
        }
        String report = captured.toString(StandardCharsets.UTF_8);

        assertThat(code).as(report).isEqualTo(1);
        assertThat(report).contains("RESULT: FAILED", "logback-cloudwatch expected", "AccessDeniedException");
    }
}

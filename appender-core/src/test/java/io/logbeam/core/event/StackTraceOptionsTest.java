package io.logbeam.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.logbeam.core.json.JsonOutput;
import io.logbeam.core.testing.TestAdapter;
import io.logbeam.core.testing.TestEvent;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code maxStackFrames}, {@code stackOmitPackages}, {@code rootCauseFirst} and {@code maxCauseDepth}. */
class StackTraceOptionsTest {

    private static Throwable withFrames(Throwable t, String... classes) {
        StackTraceElement[] frames = new StackTraceElement[classes.length];
        for (int i = 0; i < classes.length; i++) {
            frames[i] = new StackTraceElement(classes[i], "m", "F.java", 7);
        }
        t.setStackTrace(frames);
        return t;
    }

    private static String trace(StackTraceOptions options, Throwable thrown) {
        String text = new ThrowableFormatter(options).stackTrace(thrown, Integer.MAX_VALUE).toString();
        JsonOutput out = new JsonOutput();
        new ThrowableFormatter(options).writeStackTrace(thrown, out, Integer.MAX_VALUE);
        assertThat(out.copy()).as("the JSON path writes the same").isEqualTo(jsonString(text));
        return text;
    }

    private static byte[] jsonString(String text) {
        JsonOutput out = new JsonOutput();
        out.value(text);
        return out.copy();
    }

    @Test
    void framesOfOmittedPackagesBecomeOneLinePerRun() {
        Throwable thrown = withFrames(new IllegalStateException("x"), "com.acme.A", "jdk.internal.reflect.X",
                "jdk.internal.reflect.Y", "com.acme.B", "sun.reflect.Z");
        String text = trace(new StackTraceOptions(0, List.of("jdk.internal.", "sun.reflect."), false, 64), thrown);
        assertThat(text).isEqualTo("java.lang.IllegalStateException: x\n"
                + "\tat com.acme.A.m(F.java:7)\n"
                + "\t... 2 frames omitted (stackOmitPackages)\n"
                + "\tat com.acme.B.m(F.java:7)\n"
                + "\t... 1 frames omitted (stackOmitPackages)\n");
    }

    @Test
    void framesBeyondTheMaximumAreLeftOutWithANote() {
        Throwable thrown = withFrames(new IllegalStateException("x"), "a.A", "a.B", "a.C", "a.D");
        ThrowableFormatter formatter = new ThrowableFormatter(new StackTraceOptions(2, List.of(), false, 64));
        assertThat(formatter.stackTrace(thrown, Integer.MAX_VALUE).toString()).isEqualTo(
                "java.lang.IllegalStateException: x\n\tat a.A.m(F.java:7)\n\tat a.B.m(F.java:7)\n"
                        + "\t... 2 frames left out (maxStackFrames)\n");
        assertThat(formatter.cut()).isTrue();
    }

    @Test
    void rootCauseFirstStartsWithTheRootAndTrimsFramesInCommon() {
        Throwable root = withFrames(new java.io.IOException("reset"), "net.Socket", "a.Service", "a.Main");
        Throwable outer = withFrames(new IllegalStateException("failed", root), "a.Service", "a.Main");
        String text = trace(new StackTraceOptions(0, List.of(), true, 64), outer);
        assertThat(text).isEqualTo("java.io.IOException: reset\n"
                + "\tat net.Socket.m(F.java:7)\n\tat a.Service.m(F.java:7)\n\tat a.Main.m(F.java:7)\n"
                + "Wrapped by: java.lang.IllegalStateException: failed\n"
                + "\t... 2 more\n");
    }

    @Test
    void causesDeeperThanTheMaximumAreLeftOutAndTheEventSaysSo() throws IOException {
        Throwable thrown = new RuntimeException("0");
        Throwable current = thrown;
        for (int i = 1; i < 5; i++) {
            Throwable cause = new RuntimeException(Integer.toString(i));
            current.initCause(cause);
            current = cause;
        }
        JsonSchema schema = JsonSchema.builder().host("h").lambdaInfo(null)
                .stackTraces(new StackTraceOptions(0, List.of(), false, 2)).build();
        JsonNode json = new ObjectMapper().readTree(new EventSerializer<>(schema, new TestAdapter(), 1 << 20,
                Integer.MAX_VALUE).serialize(TestEvent.of("m").thrown(thrown), "app", null, null).json());
        assertThat(json.get("exception").get("stack").asText()).contains("Caused by: java.lang.RuntimeException: 1")
                .contains("[... causes beyond depth 2 omitted]").doesNotContain("RuntimeException: 2");
        assertThat(json.get("exception").get("causes")).hasSize(1);
        assertThat(json.get("truncated").asBoolean()).isTrue();
    }
}

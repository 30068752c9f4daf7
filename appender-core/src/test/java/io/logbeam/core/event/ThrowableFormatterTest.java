package io.logbeam.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import io.logbeam.core.json.JsonOutput;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The remembered frame texts must never change what is written. */
class ThrowableFormatterTest {

    private final ThrowableFormatter formatter = new ThrowableFormatter();

    @Test
    void writesWhatPrintStackTraceWritesAgainAndAgain() {
        IllegalStateException thrown = new IllegalStateException("outer", new IOException("inner"));
        thrown.addSuppressed(new IllegalArgumentException("suppressed"));
        String expected = printed(thrown);

        assertThat(formatter.stackTrace(thrown, Integer.MAX_VALUE).toString()).isEqualTo(expected);
        assertThat(formatter.stackTrace(thrown, Integer.MAX_VALUE).toString()).isEqualTo(expected);
    }

    @Test
    void framesThatDifferOnlyInTheirLineAreNotConfused() {
        Throwable first = new RuntimeException("a");
        Throwable second = new RuntimeException("b");
        StackTraceElement frame = new StackTraceElement("com.acme.Orders", "ship", "Orders.java", 10);
        first.setStackTrace(new StackTraceElement[] {frame});
        second.setStackTrace(new StackTraceElement[] {new StackTraceElement("com.acme.Orders", "ship", "Orders.java",
                11)});

        assertThat(formatter.stackTrace(first, Integer.MAX_VALUE).toString()).contains("(Orders.java:10)");
        assertThat(formatter.stackTrace(second, Integer.MAX_VALUE).toString()).contains("(Orders.java:11)")
                .doesNotContain(":10)");
    }

    @Test
    void staysCorrectPastTheCacheBound() {
        StackTraceElement[] frames = new StackTraceElement[ThrowableFormatter.MAX_CACHED_FRAMES * 2 + 3];
        for (int i = 0; i < frames.length; i++) {
            frames[i] = new StackTraceElement("com.acme.C" + i, "m", "C" + i + ".java", i);
        }
        Throwable thrown = new RuntimeException("many frames");
        thrown.setStackTrace(frames);
        String expected = printed(thrown);

        assertThat(formatter.stackTrace(thrown, Integer.MAX_VALUE).toString()).isEqualTo(expected);
        assertThat(formatter.stackTrace(thrown, Integer.MAX_VALUE).toString()).isEqualTo(expected);
    }

    @Test
    void writesTheSameTraceAsEscapedJsonWhenItFits() throws IOException {
        IllegalStateException thrown = new IllegalStateException("outer \"quoted\" \u00e9", new IOException("inner"));
        thrown.addSuppressed(new IllegalArgumentException("suppressed"));
        JsonOutput out = new JsonOutput();

        for (int round = 0; round < 2; round++) { // the second time from the remembered frame lines
            out.reset();
            assertThat(formatter.writeStackTrace(thrown, out, Integer.MAX_VALUE)).isTrue();
            assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(out.copy()).asText())
                    .isEqualTo(printed(thrown));
        }
    }

    @Test
    void saysWhenTheTraceDoesNotFit() {
        Throwable thrown = new RuntimeException("x".repeat(100));
        JsonOutput out = new JsonOutput();

        assertThat(formatter.writeStackTrace(thrown, out, 50)).isFalse();
        assertThat(formatter.stackTrace(thrown, 50)).hasSize(50);
    }

    private static String printed(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out.toString().replace(System.lineSeparator(), "\n");
    }
}

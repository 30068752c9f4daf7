package io.logbeam.log4j2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.logbeam.log4j2.testing.Contexts;
import io.logbeam.log4j2.testing.MemoryDestination;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The AWS SDK logs through SLF4J; with log4j-slf4j2-impl its lines reach Log4j2, where the root logger may carry
 * a Logbeam appender. Those lines, and anything logged on Logbeam's own threads, must never be shipped:
 * each would cause a request that logs more lines.
 */
class RecursionTest {

    private static final String NAME = "recursion";

    private LoggerContext global;
    private URI original;

    @BeforeEach
    void configureTheApplicationContext() {
        // SLF4J loggers belong to the JVM-wide context: configure that one, and put it back afterwards.
        global = (LoggerContext) LogManager.getContext(false);
        original = global.getConfiguration().getConfigurationSource().getURI();
        String xml = "<Configuration>\n  <Appenders>\n    <LogbeamMemory name=\"" + NAME + "\" sink=\"" + NAME
                + "\" jmx=\"false\" maxBatchDelay=\"20ms\"/>\n  </Appenders>\n  <Loggers>\n"
                + "    <Logger name=\"software.amazon.awssdk\" level=\"debug\"/>\n"
                + "    <Root level=\"debug\"><AppenderRef ref=\"" + NAME + "\"/></Root>\n  </Loggers>\n</Configuration>\n";
        global.setConfigLocation(Contexts.write(null, xml).toUri());
    }

    @AfterEach
    void restore() {
        global.setConfigLocation(original);
    }

    private LogbeamAppender appender() {
        return (LogbeamAppender) global.getConfiguration().getAppenders().get(NAME);
    }

    @Test
    void sdkLoggersAndLogbeamsOwnThreadsAreNotShipped() {
        MemoryDestination sink = MemoryDestination.named(NAME);
        // Something on the sending thread logs through an ordinary application logger, as an HTTP client might.
        sink.onSend(() -> LoggerFactory.getLogger("com.acme.HttpTrace").info("logged while sending"));

        LoggerFactory.getLogger("software.amazon.awssdk.request").debug("Sending Request: PutLogEvents");
        LoggerFactory.getLogger("software.amazon.awssdk.core.interceptor").debug("Interceptor ran");
        LoggerFactory.getLogger("com.acme.Orders").info("application line");

        await().atMost(Duration.ofSeconds(10)).until(() -> sink.messages().contains("application line"));
        assertThat(appender().flush(Duration.ofSeconds(10))).isTrue();
        assertThat(sink.messages()).containsExactly("application line");
        assertThat(appender().stats().getPublished()).isEqualTo(1);
        assertThat(sink.requests()).isEqualTo(1);
    }
}

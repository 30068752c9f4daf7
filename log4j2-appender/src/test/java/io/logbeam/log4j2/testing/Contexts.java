package io.logbeam.log4j2.testing;

import org.apache.logging.log4j.core.LoggerContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Private Log4j2 logger contexts configured from a {@code log4j2.xml} text written to a file, as an
 * application's would be (so reloading re-reads the file). Not the JVM-wide context: tests stay isolated.
 */
public final class Contexts {

    private static final AtomicInteger COUNTER = new AtomicInteger();

    private Contexts() {
    }

    /** A started context reading {@code xml}. */
    public static LoggerContext start(String xml) {
        Path file = write(null, xml);
        LoggerContext context = new LoggerContext("test-" + COUNTER.incrementAndGet(), null, file.toUri());
        context.start();
        return context;
    }

    /** Replaces the configuration file's text and reloads it, as {@code Configurator.reconfigure} does. */
    public static void reload(LoggerContext context, String xml) {
        write(Path.of(context.getConfigLocation()), xml);
        context.reconfigure();
    }

    /** Writes {@code xml} to {@code file}, or to a new temporary file when null. */
    public static Path write(Path file, String xml) {
        try {
            Path target = file != null ? file : Files.createTempFile("log4j2-", ".xml");
            target.toFile().deleteOnExit();
            Files.writeString(target, xml, StandardCharsets.UTF_8);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code log4j2.xml} text with {@code appenders} and a root logger at {@code level} using appender {@code ref}. */
    public static String config(String appenders, String level, String ref) {
        return "<Configuration>\n  <Appenders>\n" + appenders + "\n  </Appenders>\n  <Loggers>\n    <Root level=\""
                + level + "\"><AppenderRef ref=\"" + ref + "\"/></Root>\n  </Loggers>\n</Configuration>\n";
    }

    public static URI uri(LoggerContext context) {
        return context.getConfigLocation();
    }
}

package io.logbeam.logback.testing;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.status.Status;
import org.slf4j.MDC;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Isolated Logback contexts for tests, configured the way an application's logback.xml is. */
public final class Contexts {

    private Contexts() {
    }

    /** A fresh context that shares SLF4J's MDC (so {@code MDC.put} in a test reaches its events). */
    public static LoggerContext fresh(String name) {
        LoggerContext context = new LoggerContext();
        context.setName(name);
        context.setMDCAdapter(MDC.getMDCAdapter());
        return context;
    }

    /** A fresh context configured by Joran from {@code xml}, with Joran properties (for {@code ${name}}). */
    public static LoggerContext configure(String name, String xml, Map<String, String> properties) {
        LoggerContext context = fresh(name);
        properties.forEach(context::putProperty);
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        try {
            configurator.doConfigure(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        } catch (JoranException e) {
            throw new IllegalStateException(statusText(context), e);
        }
        return context;
    }

    /** As {@link #configure(String, String, Map)}, from a classpath resource. */
    public static LoggerContext configureResource(String name, String resource, Map<String, String> properties) {
        try (InputStream in = Contexts.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no resource " + resource);
            }
            return configure(name, new String(in.readAllBytes(), StandardCharsets.UTF_8), properties);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Messages of the context's status entries at {@code level} ({@link Status#ERROR}, {@link Status#WARN}). */
    public static List<String> statusMessages(LoggerContext context, int level) {
        return context.getStatusManager().getCopyOfStatusList().stream().filter(s -> s.getLevel() == level)
                .map(Status::getMessage).collect(Collectors.toList());
    }

    /** Every status entry, for failure messages. */
    public static String statusText(LoggerContext context) {
        return context.getStatusManager().getCopyOfStatusList().stream().map(Object::toString)
                .collect(Collectors.joining("\n"));
    }
}

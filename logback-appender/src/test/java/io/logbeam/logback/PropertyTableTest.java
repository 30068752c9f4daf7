package io.logbeam.logback;

import static org.assertj.core.api.Assertions.assertThat;

import io.logbeam.core.config.AppenderProperties;
import io.logbeam.core.config.DestinationType;
import io.logbeam.core.config.DestinationTypes;
import io.logbeam.core.config.Property;
import io.logbeam.logback.testing.Contexts;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.status.Status;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Keeps each appender's setters and the core's property table ({@code PropertyTable}) from drifting apart: every
 * property of the destination has a same-named appender setter taking text that sets exactly that property, the
 * appenders have no property the table does not know, and a value of the wrong type in {@code logback.xml} is reported
 * by Logbeam, naming the property, for every typed property. The Log4j2 adapter is held to the same table.
 */
class PropertyTableTest {

    /** Setters that take {@code <encoder>} and {@code <layout>} only to say they are not used: no properties. */
    private static final Set<String> NESTED_ELEMENTS_REFUSED = Set.of("setEncoder", "setLayout");

    static Stream<Arguments> appenders() {
        return Stream.of(
                Arguments.of(DestinationTypes.KINESIS, (Supplier<LogbeamAppenderBase>) KinesisAppender::new),
                Arguments.of(DestinationTypes.FIREHOSE, (Supplier<LogbeamAppenderBase>) FirehoseAppender::new),
                Arguments.of(DestinationTypes.CLOUDWATCH_LOGS,
                        (Supplier<LogbeamAppenderBase>) CloudWatchLogsAppender::new));
    }

    @ParameterizedTest
    @MethodSource("appenders")
    void everyPropertyHasATextSetterThatSetsExactlyIt(DestinationType type, Supplier<LogbeamAppenderBase> factory)
            throws Exception {
        List<String> missing = new ArrayList<>();
        for (Property property : AppenderProperties.of(type)) {
            Method setter;
            try {
                setter = factory.get().getClass().getMethod(setterName(property), String.class);
            } catch (NoSuchMethodException e) {
                missing.add(setterName(property) + "(String)");
                continue;
            }
            LogbeamAppenderBase appender = factory.get();
            setter.invoke(appender, "value-of-" + property.name());
            for (Property other : AppenderProperties.of(type)) {
                assertThat(appender.properties().get(other.name())).as("%s sets %s", setter.getName(), other.name())
                        .isEqualTo(other == property ? "value-of-" + property.name() : null);
            }
        }
        assertThat(missing).as("setters missing on %s", factory.get().getClass().getSimpleName()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("appenders")
    void theAppenderHasNoPropertyTheTableDoesNotKnow(DestinationType type, Supplier<LogbeamAppenderBase> factory) {
        TreeSet<String> known = AppenderProperties.of(type).stream().map(PropertyTableTest::setterName)
                .collect(Collectors.toCollection(TreeSet::new));
        List<String> extra = new ArrayList<>();
        for (Method m : factory.get().getClass().getMethods()) {
            if (m.getName().startsWith("set") && m.getParameterCount() == 1 && !Modifier.isStatic(m.getModifiers())
                    && !m.getDeclaringClass().isAssignableFrom(UnsynchronizedAppenderBase.class) // Logback's own
                    && !NESTED_ELEMENTS_REFUSED.contains(m.getName()) && !known.contains(m.getName())) {
                extra.add(m.getName());
            }
        }
        assertThat(extra).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("appenders")
    void everyTypedPropertyWithAWrongValueInLogbackXmlIsReportedByName(DestinationType type,
            Supplier<LogbeamAppenderBase> factory) {
        StringBuilder elements = new StringBuilder();
        List<String> typed = new ArrayList<>();
        for (Property property : AppenderProperties.of(type)) {
            if (property.type() != Property.Type.TEXT) {
                elements.append("    <").append(property.name()).append(">yes please</").append(property.name())
                        .append(">\n");
                typed.add(property.name());
            }
        }
        String xml = "<configuration>\n  <appender name=\"BEAM\" class=\"" + factory.get().getClass().getName()
                + "\">\n" + elements + "  </appender>\n  <root level=\"INFO\"><appender-ref ref=\"BEAM\"/></root>\n"
                + "</configuration>\n";
        LoggerContext context = Contexts.configure("typed-" + type, xml, Map.of());
        try {
            LogbeamAppenderBase appender = (LogbeamAppenderBase) context.getLogger("ROOT").getAppender("BEAM");
            assertThat(appender.isStarted()).isFalse();
            List<String> errors = Contexts.statusMessages(context, Status.ERROR);
            for (String name : typed) {
                assertThat(errors).as("an error names " + name).anyMatch(e -> e.contains("property '" + name + "'"));
            }
            assertThat(Contexts.statusMessages(context, Status.WARN)).as("no Logback conversion warning")
                    .noneMatch(w -> w.contains("yes please"));
        } finally {
            context.stop();
        }
    }

    private static String setterName(Property property) {
        return "set" + Character.toUpperCase(property.name().charAt(0)) + property.name().substring(1);
    }
}

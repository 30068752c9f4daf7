package io.logbeam.logback;

import io.logbeam.core.cloudwatch.CloudWatchLogsSettings;
import io.logbeam.core.config.AppenderSettings;
import io.logbeam.core.firehose.FirehoseSettings;
import io.logbeam.core.kinesis.KinesisSettings;

import ch.qos.logback.core.UnsynchronizedAppenderBase;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the appenders' properties and the core's settings from drifting apart: every settings setter has
 * a same-named appender setter that forwards to it (and to nothing else), and the appenders have no
 * property the settings do not know. The Log4j2 adapter forwards to the same settings classes, so both
 * frameworks end up with the same property table.
 */
class PropertyTableTest {

    static Stream<Arguments> appenders() {
        return Stream.of(
                Arguments.of(KinesisSettings.class, (Supplier<LogbeamAppenderBase<?>>) KinesisAppender::new),
                Arguments.of(FirehoseSettings.class, (Supplier<LogbeamAppenderBase<?>>) FirehoseAppender::new),
                Arguments.of(CloudWatchLogsSettings.class, (Supplier<LogbeamAppenderBase<?>>) CloudWatchLogsAppender::new));
    }

    @ParameterizedTest
    @MethodSource("appenders")
    void everySettingsSetterHasTheSameSetterOnTheAppender(Class<? extends AppenderSettings> settingsType,
            Supplier<LogbeamAppenderBase<?>> appenderFactory) {
        Class<?> appenderType = appenderFactory.get().getClass();
        List<String> missing = new ArrayList<>();
        for (Method setter : setters(settingsType)) {
            try {
                Method forwarded = appenderType.getMethod(setter.getName(), setter.getParameterTypes());
                assertThat(Modifier.isPublic(forwarded.getModifiers())).isTrue();
            } catch (NoSuchMethodException e) {
                missing.add(setter.getName() + "(" + setter.getParameterTypes()[0].getSimpleName() + ")");
            }
        }
        assertThat(missing).as("setters of %s missing on %s", settingsType.getSimpleName(), appenderType.getSimpleName())
                .isEmpty();
    }

    @ParameterizedTest
    @MethodSource("appenders")
    void theAppenderHasNoPropertyTheSettingsDoNotKnow(Class<? extends AppenderSettings> settingsType,
            Supplier<LogbeamAppenderBase<?>> appenderFactory) {
        Class<?> appenderType = appenderFactory.get().getClass();
        TreeSet<String> settingsNames = setters(settingsType).stream().map(Method::getName)
                .collect(Collectors.toCollection(TreeSet::new));
        List<String> extra = setters(appenderType).stream()
                .filter(m -> !m.getDeclaringClass().isAssignableFrom(UnsynchronizedAppenderBase.class)) // Logback's own
                .map(Method::getName).filter(name -> !settingsNames.contains(name)).collect(Collectors.toList());
        assertThat(extra).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("appenders")
    void everyAppenderSetterForwardsToTheSameSettingsSetter(Class<? extends AppenderSettings> settingsType,
            Supplier<LogbeamAppenderBase<?>> appenderFactory) throws Exception {
        for (Method setter : setters(settingsType)) {
            for (Object value : sampleValues(setter)) {
                LogbeamAppenderBase<?> appender = appenderFactory.get();
                appender.getClass().getMethod(setter.getName(), setter.getParameterTypes()).invoke(appender, value);
                AppenderSettings expected = settingsType.getDeclaredConstructor().newInstance();
                setter.invoke(expected, value);
                assertThat(state(appender.settings)).as("%s(%s)", setter.getName(), value).isEqualTo(state(expected));
            }
        }
    }

    @ParameterizedTest
    @MethodSource("appenders")
    void everyPropertyIsInTheConfigurationReference(Class<? extends AppenderSettings> settingsType,
            Supplier<LogbeamAppenderBase<?>> appenderFactory) throws java.io.IOException {
        // Surefire runs in the module's directory; the reference is shared by both adapters.
        String reference = java.nio.file.Files.readString(java.nio.file.Path.of("..", "docs", "configuration.md"));
        List<String> undocumented = setters(settingsType).stream().map(PropertyTableTest::propertyName)
                .filter(name -> !reference.contains("| `" + name + "`") && !reference.contains(", `" + name + "` |"))
                .collect(Collectors.toList());
        assertThat(undocumented).as("properties missing from docs/configuration.md").isEmpty();
    }

    private static String propertyName(Method setter) {
        String name = setter.getName().substring(3);
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }

    /** Two values per setter, so a forward to a wrong boolean property shows with one of them. */
    private static List<Object> sampleValues(Method setter) {
        Class<?> type = setter.getParameterTypes()[0];
        if (type == boolean.class) {
            return List.of(true, false);
        }
        if (type == int.class) {
            return List.of(7 + setter.getName().length(), 4096 + setter.getName().hashCode() % 1000);
        }
        if (type == long.class) {
            return List.of(7L + setter.getName().length(), (1L << 33) + setter.getName().hashCode() % 1000);
        }
        return List.of("value-of-" + setter.getName(), "other");
    }

    private static List<Method> setters(Class<?> type) {
        List<Method> out = new ArrayList<>();
        for (Method m : type.getMethods()) {
            if (m.getName().startsWith("set") && m.getParameterCount() == 1 && !Modifier.isStatic(m.getModifiers())
                    && m.getDeclaringClass() != Object.class) {
                out.add(m);
            }
        }
        out.sort((a, b) -> a.getName().compareTo(b.getName()));
        return out;
    }

    /** Every field value of the settings object, down its class hierarchy, in a comparable form. */
    private static List<String> state(Object settings) throws IllegalAccessException {
        List<String> out = new ArrayList<>();
        for (Class<?> c = settings.getClass(); c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers())) {
                    continue;
                }
                f.setAccessible(true);
                out.add(c.getSimpleName() + "." + f.getName() + "=" + Objects.toString(f.get(settings)));
            }
        }
        return out;
    }
}

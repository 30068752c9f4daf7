package io.logbeam.log4j2;

import static org.assertj.core.api.Assertions.assertThat;

import io.logbeam.core.cloudwatch.CloudWatchLogsSettings;
import io.logbeam.core.config.AppenderSettings;
import io.logbeam.core.firehose.FirehoseSettings;
import io.logbeam.core.kinesis.KinesisSettings;

import org.apache.logging.log4j.core.appender.AbstractAppender;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The attribute tables never drift from the core's settings: every property (public setter) of each settings
 * class is an attribute of its element, under the same name and with a typed builder setter, and the element
 * has no attribute the settings lack.
 */
class BuilderAttributesTest {

    static Stream<Arguments> elements() {
        return Stream.of(
                Arguments.of(KinesisAppender.Builder.class, KinesisSettings.class),
                Arguments.of(FirehoseAppender.Builder.class, FirehoseSettings.class),
                Arguments.of(CloudWatchLogsAppender.Builder.class, CloudWatchLogsSettings.class));
    }

    private static List<String> attributes(Class<?> builder) {
        List<String> names = new ArrayList<>();
        for (Field field : Attributes.declared(builder, AbstractAppender.Builder.class)) {
            names.add(field.getName());
        }
        return names;
    }

    @ParameterizedTest
    @MethodSource("elements")
    void everySettingsPropertyIsAnAttributeAndViceVersa(Class<?> builder, Class<? extends AppenderSettings> settings) {
        assertThat(attributes(builder)).containsExactlyInAnyOrderElementsOf(Attributes.properties(settings));
    }

    @ParameterizedTest
    @MethodSource("elements")
    void everyAttributeHasATypedPublicBuilderSetter(Class<?> builder, Class<? extends AppenderSettings> settings)
            throws NoSuchMethodException {
        for (String property : Attributes.properties(settings)) {
            Method settingsSetter = Attributes.setter(settings, property);
            Method builderSetter = builder.getMethod(settingsSetter.getName(), settingsSetter.getParameterTypes());
            assertThat(builderSetter.getReturnType()).as(property).isAssignableFrom(builder);
        }
    }

    @ParameterizedTest
    @MethodSource("elements")
    void builderSettersSetTheAttributeText(Class<?> builder, Class<? extends AppenderSettings> settings)
            throws ReflectiveOperationException {
        Object instance = builder.getDeclaringClass().getMethod("newBuilder").invoke(null);
        for (String property : Attributes.properties(settings)) {
            Method setter = Attributes.setter(settings, property);
            Class<?> type = setter.getParameterTypes()[0];
            Object value = type == int.class ? 7
                    : type == long.class ? 7L
                    : type == boolean.class ? Boolean.TRUE : "text";
            builder.getMethod(setter.getName(), type).invoke(instance, value);
            assertThat(Attributes.of(instance, AbstractAppender.Builder.class).get(property)).as(property)
                    .isEqualTo(String.valueOf(value));
        }
    }
}

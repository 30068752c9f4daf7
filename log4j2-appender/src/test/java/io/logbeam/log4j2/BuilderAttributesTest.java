package io.logbeam.log4j2;

import static org.assertj.core.api.Assertions.assertThat;

import io.logbeam.core.config.AppenderProperties;
import io.logbeam.core.config.DestinationType;
import io.logbeam.core.config.DestinationTypes;
import io.logbeam.core.config.Property;

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
 * The attribute tables never drift from the core's property table: every property of each destination is an
 * attribute of its element, under the same name and with a public builder setter, and the element has no attribute
 * the table lacks.
 */
class BuilderAttributesTest {

    static Stream<Arguments> elements() {
        return Stream.of(
                Arguments.of(KinesisAppender.Builder.class, DestinationTypes.KINESIS),
                Arguments.of(FirehoseAppender.Builder.class, DestinationTypes.FIREHOSE),
                Arguments.of(CloudWatchLogsAppender.Builder.class, DestinationTypes.CLOUDWATCH_LOGS));
    }

    private static List<String> attributes(Class<?> builder) {
        List<String> names = new ArrayList<>();
        for (Field field : Attributes.declared(builder, AbstractAppender.Builder.class)) {
            names.add(field.getName());
        }
        return names;
    }

    private static List<String> properties(DestinationType type) {
        return AppenderProperties.of(type).stream().map(Property::name).toList();
    }

    private static Method builderSetter(Class<?> builder, String property) {
        String name = "set" + Character.toUpperCase(property.charAt(0)) + property.substring(1);
        for (Method method : builder.getMethods()) {
            if (method.getName().equals(name) && method.getParameterCount() == 1) {
                return method;
            }
        }
        throw new AssertionError("no public builder setter " + name + " on " + builder.getName());
    }

    @ParameterizedTest
    @MethodSource("elements")
    void everyPropertyIsAnAttributeAndViceVersa(Class<?> builder, DestinationType type) {
        assertThat(attributes(builder)).containsExactlyInAnyOrderElementsOf(properties(type));
    }

    @ParameterizedTest
    @MethodSource("elements")
    void everyAttributeHasAPublicBuilderSetter(Class<?> builder, DestinationType type) {
        for (String property : properties(type)) {
            assertThat(builderSetter(builder, property).getReturnType()).as(property).isAssignableFrom(builder);
        }
    }

    @ParameterizedTest
    @MethodSource("elements")
    void builderSettersSetTheAttributeText(Class<?> builder, DestinationType type)
            throws ReflectiveOperationException {
        Object instance = builder.getDeclaringClass().getMethod("newBuilder").invoke(null);
        for (String property : properties(type)) {
            Method setter = builderSetter(builder, property);
            Class<?> parameter = setter.getParameterTypes()[0];
            Object value = parameter == int.class ? 7
                    : parameter == long.class ? 7L
                    : parameter == boolean.class ? Boolean.TRUE : "text";
            setter.invoke(instance, value);
            assertThat(Attributes.of(instance, AbstractAppender.Builder.class).get(property)).as(property)
                    .isEqualTo(String.valueOf(value));
        }
    }
}

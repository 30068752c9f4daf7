package io.logbeam.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logbeam.core.util.ConfigException;

import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Every key of an event is unique: a clash is refused at start, naming the property that makes it. */
class JsonSchemaTest {

    private static List<String> problems(UnaryOperator<JsonSchema.Builder> configure) {
        try {
            configure.apply(JsonSchema.builder().host("h").lambdaInfo(null)).build();
            return List.of();
        } catch (ConfigException e) {
            return e.problems().stream().map(ConfigException.Problem::toString).toList();
        }
    }

    @Test
    void aRenamedFieldMayNotTakeAnotherFieldsKey() {
        assertThat(problems(b -> b.rename("message", "level"))).singleElement().asString()
                .startsWith("property 'fieldNames': key 'level' would appear twice in every event")
                .contains("the level field").contains("the message field");
    }

    @Test
    void aStaticFieldMayNotTakeAFieldsKey() {
        assertThat(problems(b -> b.staticField("level", "x"))).singleElement().asString()
                .startsWith("property 'staticFields': key 'level'");
        assertThat(problems(b -> b.staticField("truncated", "no"))).singleElement().asString()
                .contains("'truncated'");
        assertThat(problems(b -> b.staticField("lambda", "x"))).singleElement().asString().contains("'lambda'");
        assertThat(problems(b -> b.staticField("encoding_error", "x"))).hasSize(1);
    }

    @Test
    void theTimeMillisKeyMayNotTakeAFieldsKey() {
        assertThat(problems(b -> b.timeMillisKey("thread"))).singleElement().asString()
                .startsWith("property 'timeMillisKey': key 'thread'");
    }

    @Test
    void theRoutingKeysAreUniqueToo() {
        assertThat(problems(b -> b.logTypeKey("time"))).singleElement().asString()
                .startsWith("property 'timeKey': key 'time'");
        assertThat(problems(b -> b.logIdKey("message"))).singleElement().asString()
                .startsWith("property 'fieldNames': key 'message'");
    }

    @Test
    void keysOfSectionsThatAreOffAreFree() {
        assertThatCode(() -> JsonSchema.builder().lambdaInfo(null).includeHost(false).staticField("host", "web-1")
                .includeMdc(false).staticField("mdc", "none").includeCallerData(false).staticField("caller", "x")
                .build()).doesNotThrowAnyException();
        assertThatThrownBy(() -> JsonSchema.builder().lambdaInfo(null).host("h").staticField("host", "web-1").build())
                .isInstanceOf(ConfigException.class).hasMessageContaining("key 'host'");
    }

    @Test
    void everyClashIsReportedAtOnce() {
        assertThat(problems(b -> b.rename("message", "level").staticField("thread", "t").timeMillisKey("logger")))
                .hasSize(3);
    }
}

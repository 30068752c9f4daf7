package io.logbeam.core.event;

import io.logbeam.core.testing.TestAdapter;
import io.logbeam.core.testing.TestEvent;
import io.logbeam.core.util.ConfigException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Where an event's log type comes from, in which order, and what the allow-list sees. */
class LogTypesTest {

    private final TestAdapter encoder = new TestAdapter();

    @Test
    void theLogTypeFromValueWinsOverAMarkerWhichWinsOverTheDefault() {
        LogTypes types = new LogTypes("app", "log_type", "log_type:", null);

        assertThat(types.resolve(encoder, TestEvent.of("plain"))).isEqualTo("app");
        assertThat(types.resolve(encoder, TestEvent.of("m").markers("log_type:audit"))).isEqualTo("audit");
        assertThat(types.resolve(encoder, TestEvent.of("m").markers("log_type:audit").kv("log_type", "billing")))
                .isEqualTo("billing");
        assertThat(types.resolve(encoder, TestEvent.of("m").markers("log_type:audit").mdc("log_type", "access")))
                .isEqualTo("access");
        assertThat(types.resolve(encoder, TestEvent.of("m").markers("log_type:audit").mdc("log_type", "access")
                .kv("log_type", "billing"))).as("MDC before key-value, as before markers existed").isEqualTo("access");
    }

    @Test
    void anEmptyValueFallsThroughToTheMarker() {
        LogTypes types = new LogTypes("app", "log_type", "log_type:", null);

        assertThat(types.resolve(encoder, TestEvent.of("m").mdc("log_type", "").markers("log_type:audit")))
                .isEqualTo("audit");
    }

    @Test
    void onlyMarkersWithTheWholePrefixAndSomethingAfterItCount() {
        LogTypes types = new LogTypes("app", "log_type", "type=", null);

        assertThat(types.resolve(encoder, TestEvent.of("m").markers("SECURITY", "type=", "type=audit", "type=x")))
                .as("the first marker that has a type").isEqualTo("audit");
        assertThat(types.resolve(encoder, TestEvent.of("m").markers("log_type:audit", "TYPE=audit")))
                .as("other prefixes, case-sensitive").isEqualTo("app");
    }

    @Test
    void anEmptyPrefixOrNoneTurnsMarkersOff() {
        for (String off : new String[] {null, "", "  ", "none", " NONE "}) {
            LogTypes types = new LogTypes("app", "log_type", off, null);
            assertThat(types.markerPrefix()).isNull();
            assertThat(types.resolve(encoder, TestEvent.of("m").markers("log_type:audit"))).isEqualTo("app");
        }
    }

    @Test
    void anEmptyLogTypeFromOrNoneTurnsTheNamedValueOff() {
        for (String off : new String[] {null, "", "  ", "none", " NONE "}) {
            LogTypes types = new LogTypes("app", off, "log_type:", null);
            assertThat(types.resolve(encoder, TestEvent.of("m").mdc("log_type", "x"))).isEqualTo("app");
        }
    }

    @Test
    void markersStillWorkWhenLogTypeFromIsOff() {
        LogTypes types = new LogTypes("app", "", "log_type:", null);

        assertThat(types.resolve(encoder, TestEvent.of("m").markers("log_type:audit").mdc("log_type", "x")))
                .isEqualTo("audit");
    }

    @Test
    void theDefaultsAndTheThreeArgumentConstructorUseTheDefaultPrefix() {
        assertThat(LogTypes.defaults().markerPrefix()).isEqualTo("log_type:");
        assertThat(new LogTypes("app", "log_type", null).markerPrefix()).isEqualTo("log_type:");
        assertThat(LogTypes.defaults().resolve(encoder, TestEvent.of("m").markers("log_type:audit")))
                .isEqualTo("audit");
    }

    @Test
    void theAllowListFiltersTheResolvedTypeWhateverItsSource() {
        LogTypes types = new LogTypes("app", "log_type", "log_type:", "audit");

        assertThat(types.allows(types.resolve(encoder, TestEvent.of("m").markers("log_type:audit")))).isTrue();
        assertThat(types.allows(types.resolve(encoder, TestEvent.of("m").markers("log_type:debug")))).isFalse();
        assertThat(types.allows(types.resolve(encoder, TestEvent.of("m")))).isFalse();
    }

    @Test
    void anEncoderWithoutMarkerSupportNeverGivesATypeFromMarkers() {
        assertThat(LogTypes.defaults().resolve(new EncoderWithoutMarkers(), TestEvent.of("m").markers("log_type:audit")))
                .isEqualTo("app");
    }

    @Test
    void anEmptyLogTypeIsRejectedNamingIt() {
        assertThatThrownBy(() -> new LogTypes(" ", "log_type", "log_type:", null)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("logType");
    }

    /** Implements only what is required: {@link EventAdapter#markerValue} keeps the interface's default. */
    private static final class EncoderWithoutMarkers implements EventAdapter<TestEvent> {
        @Override
        public long timeMillis(TestEvent event) {
            return event.time;
        }

        @Override
        public String loggerName(TestEvent event) {
            return event.logger;
        }

        @Override
        public String mdcValue(TestEvent event, String key) {
            return null;
        }

        @Override
        public Object keyValue(TestEvent event, String key) {
            return null;
        }

        @Override
        public void writeFields(TestEvent event, io.logbeam.core.event.FieldWriter out) {
        }
    }
}

package io.logbeam.core.kinesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.logbeam.core.destination.EventLookup;
import io.logbeam.core.destination.PartitionKeyStrategy;
import io.logbeam.core.util.ConfigException;
import io.logbeam.core.util.Substitutions;

import java.time.Clock;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PartitionKeysTest {

    private static final Substitutions SUBSTITUTIONS = new Substitutions(Map.of("STAGE", "prod"), k -> null,
            Clock.systemUTC());

    private static EventLookup lookup(Map<String, String> mdc, Map<String, Object> kv) {
        return new EventLookup() {
            @Override
            public String mdc(String key) {
                return mdc.get(key);
            }

            @Override
            public Object keyValue(String key) {
                return kv.get(key);
            }
        };
    }

    private static String key(String property, String logType, Map<String, String> mdc, Map<String, Object> kv) {
        PartitionKeyStrategy strategy = PartitionKeys.parse(property, SUBSTITUTIONS).strategy();
        return strategy.keyFor(logType, lookup(mdc, kv));
    }

    @Test
    void randomLeavesTheKeyToTheBatcher() {
        assertThat(PartitionKeys.parse("random", SUBSTITUTIONS).random()).isTrue();
        assertThat(PartitionKeys.parse(null, SUBSTITUTIONS).random()).isTrue();
        assertThat(key("RANDOM", "app", Map.of(), Map.of())).isNull();
    }

    @Test
    void eachStrategyPicksItsKey() {
        assertThat(key("{log_type}", "audit", Map.of(), Map.of())).isEqualTo("audit");
        assertThat(key("{mdc:tenant}", "app", Map.of("tenant", "acme"), Map.of())).isEqualTo("acme");
        assertThat(key("{kv:orderId}", "app", Map.of(), Map.of("orderId", 42))).isEqualTo("42");
        assertThat(key("orders-{env:STAGE}", "app", Map.of(), Map.of())).isEqualTo("orders-prod");
    }

    @Test
    void anAbsentOrEmptyValueFallsBackToRandom() {
        assertThat(key("{mdc:tenant}", "app", Map.of(), Map.of())).isNull();
        assertThat(key("{mdc:tenant}", "app", Map.of("tenant", ""), Map.of())).isNull();
        assertThat(key("{kv:orderId}", "app", Map.of(), Map.of())).isNull();
    }

    @Test
    void longValuesAreCutTo256CharactersWithoutSplittingASurrogatePair() {
        assertThat(key("{mdc:k}", "app", Map.of("k", "a".repeat(300)), Map.of())).hasSize(256);
        String emoji = "a" + "\uD83D\uDE00".repeat(200); // 'a' then pairs: char 256 would be a high surrogate
        String cut = key("{mdc:k}", "app", Map.of("k", emoji), Map.of());
        assertThat(cut).hasSize(255);
        assertThat(Character.isHighSurrogate(cut.charAt(cut.length() - 1))).isFalse();
    }

    @Test
    void roomReservedForKeysIsTheMostAKeyCanTake() {
        assertThat(PartitionKeys.parse("random", SUBSTITUTIONS).maxKeyBytes()).isEqualTo(7);
        assertThat(PartitionKeys.parse("{log_type}", SUBSTITUTIONS).maxKeyBytes()).isEqualTo(768);
        assertThat(PartitionKeys.parse("caf\u00e9", SUBSTITUTIONS).maxKeyBytes()).isEqualTo(5);
    }

    @ParameterizedTest
    @ValueSource(strings = {"{mdc:}", "{kv:}", "{mdc: }", "{mdc:a}b", "{mdc:tenant", "x-{log_type}", "{mdc:a}{kv:b}",
        "{nope}", "{env:MISSING}"})
    void malformedValuesNameTheProperty(String value) {
        assertThatThrownBy(() -> PartitionKeys.parse(value, SUBSTITUTIONS)).isInstanceOf(ConfigException.class)
                .satisfies(e -> assertThat(((ConfigException) e).problems()).extracting(ConfigException.Problem::property)
                        .containsOnly("partitionKey"));
    }

    @Test
    void aFixedKeyBeyond256CharactersIsRefused() {
        assertThatThrownBy(() -> PartitionKeys.parse("k".repeat(257), SUBSTITUTIONS))
                .isInstanceOf(ConfigException.class).hasMessageContaining("256");
    }

    @Test
    void randomKeysAreShortAndSpread() {
        RandomPartitionKeys keys = new RandomPartitionKeys(1);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String k = keys.next();
            assertThat(k.length()).isBetween(1, RandomPartitionKeys.MAX_KEY_CHARS);
            seen.add(k);
        }
        assertThat(seen).hasSizeGreaterThan(9_990);
        assertThat(new RandomPartitionKeys(1).next()).isNotEqualTo(new RandomPartitionKeys(2).next());
    }
}

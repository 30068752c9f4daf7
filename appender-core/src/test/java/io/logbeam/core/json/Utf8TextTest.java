package io.logbeam.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Utf8TextTest {

    @Test
    void leavesCleanTextThatFitsUntouched() {
        String text = "héllo wörld 😀";
        assertThat(Utf8Text.fit(text, 100)).isSameAs(text);
        assertThat(Utf8Text.utf8Length(text)).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
    }

    @Test
    void cutsOnCharacterBoundariesWithinTheBudget() {
        assertThat(Utf8Text.fit("ééé", 5)).isEqualTo("éé");
        assertThat(Utf8Text.fit("a😀b", 4)).isEqualTo("a"); // never half a surrogate pair
        assertThat(Utf8Text.fit("a😀b", 5)).isEqualTo("a😀");
        assertThat(Utf8Text.fit("abc", 0)).isEmpty();
    }

    @Test
    void repairsLoneSurrogates() {
        assertThat(Utf8Text.fit("a\uD800b\uDC00", 100)).isEqualTo("a\uFFFDb\uFFFD");
        assertThat(Utf8Text.fit("\uDC00\uD800", 100)).isEqualTo("\uFFFD\uFFFD");
    }

    @Test
    void theResultAlwaysEncodesWithinTheBudget() {
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            String text = HostileStrings.hostileString(random, random.nextInt(40));
            int budget = random.nextInt(60);
            String fitted = Utf8Text.fit(text, budget);
            byte[] bytes = fitted.getBytes(StandardCharsets.UTF_8);
            assertThat(bytes.length).isLessThanOrEqualTo(budget);
            assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo(fitted); // no unpaired surrogate left
            assertThat(HostileStrings.repaired(text)).startsWith(fitted);
        }
    }
}

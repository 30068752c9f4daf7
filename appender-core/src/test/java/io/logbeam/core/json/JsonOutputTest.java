package io.logbeam.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The hand-written writer against Jackson's parser: what it writes must read back as what was given. */
class JsonOutputTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final JsonOutput out = new JsonOutput(16);

    @Test
    void placesCommasAcrossNestedObjectsAndArrays() {
        out.startObject();
        out.name(new JsonName("a"));
        out.value(1);
        out.name("b");
        out.startArray();
        out.value("x");
        out.nullValue();
        out.startObject();
        out.endObject();
        out.value(false);
        out.endArray();
        out.name("c");
        out.startObject();
        out.name("d");
        out.number("1.5E-7");
        out.endObject();
        out.name("e");
        out.value(true);
        out.endObject();

        assertThat(text()).isEqualTo("{\"a\":1,\"b\":[\"x\",null,{},false],\"c\":{\"d\":1.5E-7},\"e\":true}");
    }

    @Test
    void writesEveryLongExactly() {
        long[] values = {0, 7, -7, 10, 99, 100, Integer.MAX_VALUE, Integer.MIN_VALUE, Long.MAX_VALUE, Long.MIN_VALUE,
            -1_000_000_000_000L};
        out.startArray();
        for (long v : values) {
            out.value(v);
        }
        out.endArray();

        JsonNode array = parse();
        for (int i = 0; i < values.length; i++) {
            assertThat(array.get(i).asLong()).isEqualTo(values[i]);
        }
    }

    @Test
    void escapesWhatJsonRequiresAndNothingElse() {
        out.value("q\" b\\ \b\f\n\r\t \u0000\u001f / \u007f é");

        assertThat(text()).isEqualTo("\"q\\\" b\\\\ \\b\\f\\n\\r\\t \\u0000\\u001f / \u007f é\"");
    }

    @Test
    void writesSupplementaryCharactersAndReplacesLoneSurrogates() throws IOException {
        out.startArray();
        out.value("emoji \uD83D\uDE00 end");
        out.value("lone high \uD800 and low \uDC00 and trailing \uD83D");
        out.endArray();

        JsonNode array = parse();
        assertThat(array.get(0).asText()).isEqualTo("emoji \uD83D\uDE00 end");
        assertThat(array.get(1).asText()).isEqualTo("lone high \uFFFD and low \uFFFD and trailing \uFFFD");
        assertThat(new String(out.copy(), StandardCharsets.UTF_8)).doesNotContain("\\u");
    }

    @Test
    void keepsASurrogatePairWholeWhenItStraddlesAChunk() {
        for (int prefix = 1020; prefix <= 1026; prefix++) {
            String text = "a".repeat(prefix) + "\uD83D\uDE00" + "b".repeat(prefix);
            out.reset();
            out.value(text);
            assertThat(parse().asText()).as("prefix %d", prefix).isEqualTo(text);
            StringBuilder builder = new StringBuilder(text);
            out.reset();
            out.value((CharSequence) builder);
            assertThat(parse().asText()).as("builder, prefix %d", prefix).isEqualTo(text);
        }
    }

    @Test
    void randomUnicodeReadsBackAsWritten() {
        Random random = new Random(42);
        for (int round = 0; round < 500; round++) {
            String text = randomText(random, random.nextInt(3000));
            out.reset();
            out.startObject();
            out.name(text);
            out.value(text);
            out.endObject();
            JsonNode object = parse();
            String expected = Utf8Text.fit(text, Integer.MAX_VALUE); // the same repair of lone surrogates
            assertThat(object.get(expected).asText()).isEqualTo(expected);
            assertThat(out.size()).isEqualTo(out.copy().length);
        }
    }

    @Test
    void growsForHugeValuesAndShrinksAfterwards() {
        String huge = "x".repeat(5 * 1024 * 1024);
        out.value(huge);
        assertThat(out.size()).isEqualTo(huge.length() + 2);

        out.reset();
        out.shrinkIfHuge();
        out.value("small");
        assertThat(text()).isEqualTo("\"small\"");
    }

    @Test
    void encodesNamesInAdvance() {
        JsonName name = new JsonName("log\"type");
        assertThat(new String(name.encoded(), StandardCharsets.UTF_8)).isEqualTo("\"log\\\"type\":");
        assertThat(name.value()).isEqualTo("log\"type");
    }

    private static String randomText(Random random, int length) {
        StringBuilder b = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            switch (random.nextInt(6)) {
                case 0 -> b.append((char) random.nextInt(0x20));
                case 1 -> b.append((char) (0xD800 + random.nextInt(0x800))); // surrogates, often unpaired
                case 2 -> b.appendCodePoint(0x10000 + random.nextInt(0x10FFFF - 0x10000));
                case 3 -> b.append((char) random.nextInt(0x800));
                default -> b.append((char) random.nextInt(0x10000));
            }
        }
        return b.toString();
    }

    private String text() {
        return new String(out.copy(), StandardCharsets.UTF_8);
    }

    private JsonNode parse() {
        try {
            return JSON.readTree(out.copy());
        } catch (IOException e) {
            throw new AssertionError("invalid JSON: " + text(), e);
        }
    }
}

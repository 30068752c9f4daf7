package io.logbeam.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonCutTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VALUE = "{\"a\":[1,{\"b\":\"x,]}\\\"\"},[]],\"c\":{\"d\":true,\"e\":null},\"f\":\"tail\"}";

    private static String cut(String json, int max) {
        JsonOutput out = new JsonOutput();
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        JsonCut.write(bytes, bytes.length, max, out);
        return new String(out.copy(), StandardCharsets.UTF_8);
    }

    @Test
    void aValueThatFitsIsWrittenWhole() {
        assertThat(cut(VALUE, VALUE.length())).isEqualTo(VALUE);
    }

    @Test
    void everyCutIsValidJsonWithinTheLimitAndAPrefixOfWholeElements() throws IOException {
        JsonNode whole = JSON.readTree(VALUE);
        String previous = null;
        for (int max = 2; max < VALUE.length(); max++) {
            String cut = cut(VALUE, max);
            assertThat(cut.length()).as("max %d", max).isLessThanOrEqualTo(max);
            JsonNode node = JSON.readTree(cut);
            assertThat(node.isObject()).isTrue();
            node.fieldNames().forEachRemaining(name -> assertThat(whole.has(name)).isTrue());
            if (previous != null) {
                assertThat(cut.length()).isGreaterThanOrEqualTo(previous.length()); // more room never keeps less
            }
            previous = cut;
        }
        assertThat(cut(VALUE, VALUE.length() - 1)).isEqualTo("{\"a\":[1,{\"b\":\"x,]}\\\"\"},[]],"
                .replaceAll(",$", "") + ",\"c\":{\"d\":true,\"e\":null}}");
        assertThat(cut(VALUE, 10)).isEqualTo("{\"a\":[1]}");
    }

    @Test
    void tooLittleRoomGivesAnEmptyContainerOrNull() {
        assertThat(cut("[\"a long string\"]", 4)).isEqualTo("[]");
        assertThat(cut("[1]", 1)).isEqualTo("null");
        assertThat(cut("\"text\"", 3)).isEqualTo("null");
    }
}

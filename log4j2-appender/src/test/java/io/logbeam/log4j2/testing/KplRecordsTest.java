package io.logbeam.log4j2.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class KplRecordsTest {

    @Test
    void readsTheDesignsTestVector() {
        byte[] aggregate = HexFormat.of().parseHex("f3899ac20a0d706172746974696f6e5f6b65791a0808001a0464617461"
                + "d03699da5a222fa32108ad1bd955a14e");

        assertThat(KplRecords.userRecords(aggregate)).singleElement()
                .satisfies(data -> assertThat(new String(data, StandardCharsets.UTF_8)).isEqualTo("data"));
    }

    @Test
    void plainDataIsOneRecord() {
        byte[] plain = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);

        assertThat(KplRecords.userRecords(plain)).containsExactly(plain);
    }
}

package io.logbeam.consumer;

import static io.logbeam.consumer.TestData.aggregate;
import static io.logbeam.consumer.TestData.event;
import static io.logbeam.consumer.TestData.gzip;
import static io.logbeam.consumer.TestData.ndjson;
import static io.logbeam.consumer.TestData.subscriptionMessage;
import static io.logbeam.consumer.TestData.utf8;
import static io.logbeam.consumer.TestData.utf8All;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RecordDecoderTest {

    private final RecordDecoder decoder = new RecordDecoder();

    private static List<String> events(int n, String... types) {
        return IntStream.range(0, n).mapToObj(i -> event(i, types)).toList();
    }

    private static List<String> texts(DecodedRecord record) {
        return record.events().stream().map(LogEvent::jsonText).toList();
    }

    @Test
    void onePlainEventKeepsItsBytesAndReadsItsKeys() {
        String json = event("audit", "4bc00590-0b77-41ba-8888-6b67ee4e3091", "2026-11-22T14:39:24.123Z", "WARN", "hi");
        DecodedRecord record = decoder.decode(utf8(json));

        assertThat(record.failures()).isEmpty();
        LogEvent e = record.events().get(0);
        assertThat(e.json()).isEqualTo(utf8(json));
        assertThat(e.logType()).isEqualTo("audit");
        assertThat(e.logId()).isEqualTo("4bc00590-0b77-41ba-8888-6b67ee4e3091");
        assertThat(e.time()).isEqualTo("2026-11-22T14:39:24.123Z");
        assertThat(e.instant()).isEqualTo(Instant.parse("2026-11-22T14:39:24.123Z"));
        assertThat(e.level()).isEqualTo("WARN");
    }

    @Test
    void ndjsonGivesOneEventPerLineInOrder() {
        List<String> events = events(500, "app", "audit");
        DecodedRecord record = decoder.decode(ndjson(events));

        assertThat(record.failures()).isEmpty();
        assertThat(texts(record)).containsExactlyElementsOf(events);
    }

    @Test
    void gzipAroundOneEventOrManyLines() {
        List<String> events = events(20, "app");
        assertThat(texts(decoder.decode(gzip(utf8(events.get(0)))))).containsExactly(events.get(0));
        assertThat(texts(decoder.decode(gzip(ndjson(events))))).containsExactlyElementsOf(events);
    }

    @Test
    void concatenatedGzipMembersAreOneStream() {
        List<String> events = events(4, "app");
        byte[] first = gzip(ndjson(events.subList(0, 2)));
        byte[] second = gzip(ndjson(events.subList(2, 4)));
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);

        assertThat(texts(decoder.decode(both))).containsExactlyElementsOf(events);
    }

    @Test
    void theKplTestVectorDecodes() {
        // partition key "partition_key", one record with data "data": not JSON, so it comes back as a failure
        // carrying exactly the inner record's bytes, which proves the framing was read right.
        byte[] vector = HexFormat.of().parseHex("f3899ac20a0d706172746974696f6e5f6b65791a0808001a0464617461"
                + "d03699da5a222fa32108ad1bd955a14e");
        DecodedRecord record = decoder.decode(vector);

        assertThat(record.events()).isEmpty();
        assertThat(record.failures()).singleElement().satisfies(f -> {
            assertThat(f.raw()).isEqualTo(utf8("data"));
            assertThat(f.location()).isEqualTo("record > aggregate record 0");
        });
        assertThat(aggregate("partition_key", List.of(utf8("data")))).isEqualTo(vector);
    }

    @Test
    void aggregatesPlainAndInsideGzip() {
        List<String> events = events(1000, "app", "audit", "access");
        byte[] aggregate = aggregate("k", utf8All(events));

        assertThat(texts(decoder.decode(aggregate))).containsExactlyElementsOf(events);
        assertThat(texts(decoder.decode(gzip(aggregate)))).containsExactlyElementsOf(events);
    }

    @Test
    void aOneMebibyteRecordOf25000EventsDecodesEventByEvent() {
        List<byte[]> small = IntStream.range(0, 25_000).mapToObj(i -> utf8(String.format(
                "{\"log_type\":\"t%d\",\"log_id\":\"%05d\"}", i % 3, i))).toList();
        byte[] aggregate = aggregate("k", small);
        assertThat(aggregate.length).isBetween(900_000, 1024 * 1024);
        List<String> seen = new ArrayList<>();
        decoder.decode(gzip(aggregate), new EventSink() {
            @Override
            public void event(LogEvent event) {
                seen.add(event.logId());
            }

            @Override
            public void failure(DecodeFailure failure) {
                throw new AssertionError(failure.toString());
            }
        });

        assertThat(seen).hasSize(25_000).doesNotHaveDuplicates().startsWith("00000").endsWith("24999");
    }

    @Test
    void subscriptionMessagesGiveTheirLogEventsAndControlMessagesNothing() {
        List<String> events = events(3, "app", "audit");
        DecodedRecord data = decoder.decode(subscriptionMessage("DATA_MESSAGE", events));
        assertThat(texts(data)).containsExactlyElementsOf(events);
        assertThat(data.failures()).isEmpty();

        DecodedRecord control = decoder.decode(subscriptionMessage("CONTROL_MESSAGE",
                List.of("CWL CONTROL MESSAGE: Checking health of destination Kinesis stream.")));
        assertThat(control.events()).isEmpty();
        assertThat(control.failures()).isEmpty();
        assertThat(control.controlMessages()).isEqualTo(1);
    }

    @Test
    void aSubscriptionMessageWithLogEventsBeforeItsTypeIsReadToo() {
        List<String> events = events(2, "app");
        String json = "{\"logEvents\":[{\"id\":\"1\",\"timestamp\":1,\"message\":" + TestData.jsonString(events.get(0))
                + "},{\"id\":\"2\",\"timestamp\":2,\"message\":" + TestData.jsonString(events.get(1))
                + "}],\"logGroup\":\"g\",\"logStream\":\"s\",\"messageType\":\"DATA_MESSAGE\",\"owner\":\"1\"}";

        assertThat(texts(decoder.decode(gzip(utf8(json))))).containsExactlyElementsOf(events);
    }

    @Test
    void aMixedBatchDecodesRecordByRecord() {
        List<String> events = events(10, "app", "audit");
        List<byte[]> batch = List.of(utf8(events.get(0)), gzip(utf8(events.get(1))),
                aggregate("k", utf8All(events.subList(2, 4))), gzip(aggregate("k", utf8All(events.subList(4, 6)))),
                ndjson(events.subList(6, 8)), subscriptionMessage("DATA_MESSAGE", events.subList(8, 10)));
        List<String> seen = new ArrayList<>();
        for (byte[] record : batch) {
            DecodedRecord decoded = decoder.decode(record);
            assertThat(decoded.failures()).isEmpty();
            seen.addAll(texts(decoded));
        }
        assertThat(seen).containsExactlyElementsOf(events);
    }

    @Test
    void renamedKeysAndExtraFieldsAreRead() {
        RecordDecoder renamed = new RecordDecoder(EventKeys.defaults().withLogTypeKey("type").withLogIdKey("id")
                .withTimeKey("ts").withLevelKey("severity").withField("service").withField("lambda.function"));
        String json = "{\"type\":\"audit\",\"id\":\"x1\",\"ts\":1795358364123,\"severity\":\"INFO\",\"service\":\"orders\","
                + "\"lambda\":{\"function\":\"orders-api\",\"version\":\"7\"},\"mdc\":{\"type\":\"nested, ignored\"}}";
        LogEvent e = renamed.decode(utf8(json)).events().get(0);

        assertThat(e.logType()).isEqualTo("audit");
        assertThat(e.logId()).isEqualTo("x1");
        assertThat(e.instant()).isEqualTo(Instant.ofEpochMilli(1795358364123L));
        assertThat(e.level()).isEqualTo("INFO");
        assertThat(e.field(0)).isEqualTo("orders");
        assertThat(e.field(1)).isEqualTo("orders-api");
    }

    @Test
    void anEventWithoutTheKeysIsStillAnEvent() {
        LogEvent e = decoder.decode(utf8("{\"message\":\"from another producer\"}")).events().get(0);
        assertThat(e.logType()).isNull();
        assertThat(e.logId()).isNull();
        assertThat(e.instant()).isNull();
    }

    // ---- hostile records: never an exception, always a failure with the reason and the bytes ----

    @Test
    void aZeroByteRecordIsAFailure() {
        DecodedRecord record = decoder.decode(new byte[0]);
        assertThat(record.events()).isEmpty();
        assertThat(record.failures()).singleElement()
                .satisfies(f -> assertThat(f.reason()).contains("empty"))
                .satisfies(f -> assertThat(f.raw()).isEmpty());
    }

    @Test
    void truncatedGzipIsAFailureWithTheWholeRecord() {
        byte[] whole = gzip(ndjson(events(50, "app")));
        byte[] truncated = Arrays.copyOf(whole, whole.length / 2);
        DecodedRecord record = decoder.decode(truncated);

        assertThat(record.events()).isEmpty();
        assertThat(record.failures()).singleElement().satisfies(f -> {
            assertThat(f.reason()).startsWith("truncated or corrupt gzip");
            assertThat(f.raw()).isEqualTo(truncated);
            assertThat(f.location()).isEqualTo("record");
        });
    }

    @Test
    void aWrongMd5FailsTheWholeAggregateAndGivesNoEvent() {
        byte[] aggregate = aggregate("k", utf8All(events(10, "app")));
        aggregate[aggregate.length - 1] ^= 1;
        DecodedRecord record = decoder.decode(gzip(aggregate));

        assertThat(record.events()).isEmpty();
        assertThat(record.failures()).singleElement().satisfies(f -> {
            assertThat(f.reason()).contains("MD5 mismatch");
            assertThat(f.raw()).isEqualTo(aggregate);
            assertThat(f.location()).isEqualTo("record > gzip");
        });
    }

    @Test
    void aMalformedAggregateWithAValidMd5GivesNoEvent() {
        byte[] body = {0x1A, 0x7F, 0x01}; // field 3 claims 127 bytes, 1 follows
        byte[] aggregate = new byte[4 + body.length + 16];
        System.arraycopy(new byte[] {(byte) 0xF3, (byte) 0x89, (byte) 0x9A, (byte) 0xC2}, 0, aggregate, 0, 4);
        System.arraycopy(body, 0, aggregate, 4, body.length);
        System.arraycopy(TestData.md5(body), 0, aggregate, 4 + body.length, 16);
        DecodedRecord record = decoder.decode(aggregate);

        assertThat(record.events()).isEmpty();
        assertThat(record.failures()).singleElement()
                .satisfies(f -> assertThat(f.reason()).startsWith("malformed KPL aggregate: field of 127 bytes"));
    }

    @Test
    void invalidUtf8FailsOnlyItsLine() {
        List<String> events = events(3, "app");
        byte[] bad = utf8("{\"log_type\":\"app\",\"message\":\"caf\u00e9\"}");
        bad[bad.length - 4] = (byte) 0xC3; // é is C3 A9: make it C3 then '"'
        bad[bad.length - 3] = (byte) '"';
        String good = events.get(0) + "\n";
        byte[] record = concat(utf8(good), bad, utf8("\n" + events.get(1) + "\n"));
        DecodedRecord decoded = decoder.decode(record);

        assertThat(texts(decoded)).containsExactly(events.get(0), events.get(1));
        assertThat(decoded.failures()).singleElement().satisfies(f -> {
            assertThat(f.reason()).startsWith("invalid UTF-8 at byte");
            assertThat(f.location()).isEqualTo("record > line 2");
            assertThat(f.raw()).isEqualTo(bad);
        });
    }

    @Test
    void overlongAndSurrogateUtf8AreInvalid() {
        assertThat(Utf8.firstInvalid(new byte[] {'{', (byte) 0xC0, (byte) 0xAF, '}'}, 0, 4)).isEqualTo(1);
        assertThat(Utf8.firstInvalid(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, 0, 3)).isZero();
        assertThat(Utf8.firstInvalid(new byte[] {(byte) 0xF0, (byte) 0x9F, (byte) 0x98}, 0, 3)).isZero();
        assertThat(Utf8.firstInvalid(utf8("ok é € 😀"), 0, utf8("ok é € 😀").length)).isEqualTo(-1);
    }

    @Test
    void aJsonArrayIsAFailure() {
        byte[] array = utf8("[" + event(0, "app") + "]");
        DecodedRecord record = decoder.decode(array);

        assertThat(record.events()).isEmpty();
        assertThat(record.failures()).singleElement().satisfies(f -> {
            assertThat(f.reason()).isEqualTo("a JSON array, not a JSON object");
            assertThat(f.raw()).isEqualTo(array);
        });
    }

    @Test
    void brokenJsonTextAndTrailingContentAreFailures() {
        assertThat(decoder.decode(utf8("{\"log_type\":\"app\"")).failures()).singleElement()
                .satisfies(f -> assertThat(f.reason()).startsWith("invalid JSON"));
        assertThat(decoder.decode(utf8("Hello, this is a test.")).failures()).singleElement()
                .satisfies(f -> assertThat(f.reason()).isEqualTo("not a JSON object (starts with byte 0x48)"));
        assertThat(decoder.decode(utf8("{\"a\":1}{\"b\":2}")).failures()).singleElement()
                .satisfies(f -> assertThat(f.reason()).isEqualTo("unexpected content after the JSON object"));
        assertThat(decoder.decode(utf8(" \n \n")).failures()).singleElement()
                .satisfies(f -> assertThat(f.reason()).isEqualTo("only blanks, no JSON"));
    }

    @Test
    void aGzipBombStopsAtTheLimit() {
        RecordDecoder small = new RecordDecoder(EventKeys.defaults(), 1024 * 1024);
        byte[] bomb = gzip(new byte[8 * 1024 * 1024]);
        DecodedRecord record = small.decode(bomb);

        assertThat(record.events()).isEmpty();
        assertThat(record.failures()).singleElement()
                .satisfies(f -> assertThat(f.reason()).isEqualTo("more than 1048576 bytes once gunzipped"));
    }

    @Test
    void aNonJsonLogEventFailsAloneInsideItsSubscriptionMessage() {
        List<String> events = events(2, "app");
        DecodedRecord record = decoder.decode(subscriptionMessage("DATA_MESSAGE",
                List.of(events.get(0), "START RequestId: 8f5a Version: $LATEST", events.get(1))));

        assertThat(texts(record)).containsExactlyElementsOf(events);
        assertThat(record.failures()).singleElement().satisfies(f -> {
            assertThat(f.location()).isEqualTo("record > gzip > logEvents[1] > message");
            assertThat(f.raw()).isEqualTo(utf8("START RequestId: 8f5a Version: $LATEST"));
        });
    }

    @Test
    void anUnknownMessageTypeIsAFailure() {
        DecodedRecord record = decoder.decode(subscriptionMessage("SURPRISE", List.of("x")));
        assertThat(record.failures()).singleElement()
                .satisfies(f -> assertThat(f.reason()).contains("SURPRISE"));
    }

    @Test
    void garbageNeverThrows() {
        java.util.Random random = new java.util.Random(7);
        byte[] valid = gzip(aggregate("k", utf8All(events(50, "app"))));
        for (int i = 0; i < 2_000; i++) {
            byte[] mutated = valid.clone();
            for (int k = 0; k < 1 + random.nextInt(4); k++) {
                mutated[random.nextInt(mutated.length)] = (byte) random.nextInt(256);
            }
            byte[] cut = Arrays.copyOf(mutated, random.nextInt(mutated.length + 1));
            DecodedRecord record = decoder.decode(cut);
            assertThat(record.events().size() + record.failures().size()).isPositive();
        }
    }

    @Test
    void exceptionsFromTheSinkPassThroughUnchanged() {
        IllegalStateException boom = new IllegalStateException("sink is full");
        assertThatThrownBy(() -> decoder.decode(utf8(event(0, "app")), new EventSink() {
            @Override
            public void event(LogEvent event) {
                throw boom;
            }

            @Override
            public void failure(DecodeFailure failure) {
            }
        })).isSameAs(boom);
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}

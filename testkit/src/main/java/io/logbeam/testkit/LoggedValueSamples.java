package io.logbeam.testkit;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * One value of every type an application logs with an event (as an SLF4J key-value, a Log4j2 {@code MapMessage}
 * entry), each with the JSON it must arrive as, so that both adapters' tests check the same table; and the hostile
 * values every adapter must survive. Each call makes fresh, mutable instances.
 */
public final class LoggedValueSamples {

    /** An enum: written as its name. */
    public enum Status { SHIPPED }

    /** A record: written through Jackson as its components. */
    public record Line(String sku, int quantity) {
    }

    /** A bean: written through Jackson as its properties. */
    public static final class Order {
        private final String id;
        private final List<Line> lines;

        public Order(String id, List<Line> lines) {
            this.id = id;
            this.lines = lines;
        }

        public String getId() {
            return id;
        }

        public List<Line> getLines() {
            return lines;
        }

        @Override
        public String toString() {
            return "Order[id=" + id + ", ...]";
        }
    }

    /** A bean whose only getter throws: the value becomes a note, the event ships. */
    public static final class BrokenBean {
        public String getName() {
            throw new IllegalStateException("getName failed");
        }
    }

    private LoggedValueSamples() {
    }

    /** Key to value, in logging order. */
    public static Map<String, Object> values() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("null", null);
        values.put("flag", true);
        values.put("int", 42);
        values.put("long", 9_007_199_254_740_993L);
        values.put("float", 1.1f);
        values.put("double", 2.25);
        values.put("nan", Double.NaN);
        values.put("infinity", Double.POSITIVE_INFINITY);
        values.put("decimal", new BigDecimal("12.50"));
        values.put("big", new BigInteger("123456789012345678901234567890"));
        values.put("text", "plain \"quoted\" \u00e9");
        values.put("builder", new StringBuilder("built"));
        values.put("map", new LinkedHashMap<>(Map.of("k", 1)));
        values.put("list", new ArrayList<>(List.of("a", 2, false)));
        values.put("set", new LinkedHashSet<>(List.of("only")));
        values.put("objects", new Object[] {"x", null});
        values.put("ints", new int[] {1, 2, 3});
        values.put("doubles", new double[] {0.5});
        values.put("bytes", new byte[] {1, 2, 3, (byte) 0xff});
        values.put("optional", Optional.of("present"));
        values.put("empty", Optional.empty());
        values.put("instant", Instant.parse("2026-11-22T14:39:24.123Z"));
        values.put("date", LocalDate.of(2026, 11, 22));
        values.put("duration", Duration.ofMillis(1500));
        values.put("status", Status.SHIPPED);
        values.put("uuid", UUID.fromString("4bc00590-0b77-41ba-8888-6b67ee4e3091"));
        values.put("uri", URI.create("https://example.com/orders?id=1"));
        values.put("record", new Line("sku-1", 2));
        values.put("pojo", new Order("o-1", List.of(new Line("sku-2", 1))));
        return values;
    }

    /** Key to the JSON its value must be written as. */
    public static Map<String, String> expectedJson() {
        Map<String, String> json = new LinkedHashMap<>();
        json.put("null", "null");
        json.put("flag", "true");
        json.put("int", "42");
        json.put("long", "9007199254740993");
        json.put("float", "1.1");
        json.put("double", "2.25");
        json.put("nan", "\"NaN\"");
        json.put("infinity", "\"Infinity\"");
        json.put("decimal", "12.50");
        json.put("big", "123456789012345678901234567890");
        json.put("text", "\"plain \\\"quoted\\\" \u00e9\"");
        json.put("builder", "\"built\"");
        json.put("map", "{\"k\":1}");
        json.put("list", "[\"a\",2,false]");
        json.put("set", "[\"only\"]");
        json.put("objects", "[\"x\",null]");
        json.put("ints", "[1,2,3]");
        json.put("doubles", "[0.5]");
        json.put("bytes", "\"AQID/w==\"");
        json.put("optional", "\"present\"");
        json.put("empty", "null");
        json.put("instant", "\"2026-11-22T14:39:24.123Z\"");
        json.put("date", "\"2026-11-22\"");
        json.put("duration", "\"PT1.5S\"");
        json.put("status", "\"SHIPPED\"");
        json.put("uuid", "\"4bc00590-0b77-41ba-8888-6b67ee4e3091\"");
        json.put("uri", "\"https://example.com/orders?id=1\"");
        json.put("record", "{\"sku\":\"sku-1\",\"quantity\":2}");
        json.put("pojo", "{\"id\":\"o-1\",\"lines\":[{\"sku\":\"sku-2\",\"quantity\":1}]}");
        return json;
    }

    /** A map that contains itself (under {@code self}), besides {@code name=loop}. */
    public static Map<String, Object> selfContainingMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("name", "loop");
        map.put("self", map);
        return map;
    }

    /** An array of 10 MiB. */
    public static long[] tenMegabyteArray() {
        return new long[10 * 1024 * 1024 / 8];
    }

    /** The hostile values, by key, as a test logs them (with {@code after=1} last, to see that the rest ships). */
    public static Map<String, Object> hostileValues() {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("broken", new BrokenBean());
        values.put("loop", selfContainingMap());
        values.put("huge", tenMegabyteArray());
        values.put("after", 1);
        return values;
    }

    /**
     * What is wrong with {@code event}, the JSON of an event logged with {@link #hostileValues()} and the message
     * {@code hostile}: empty when it shipped whole and valid, with each hostile value cut or noted and the event
     * marked truncated.
     */
    public static List<String> hostileEventProblems(JsonNode event) {
        List<String> problems = new ArrayList<>();
        JsonNode kv = event.path("kv");
        check(problems, event.path("message").asText().equals("hostile"), "message is not 'hostile'");
        check(problems, kv.path("broken").asText().contains("could not be written")
                && kv.path("broken").asText().contains("getName failed"), "broken is not a note: " + kv.path("broken"));
        check(problems, kv.path("loop").path("self").asText().startsWith("[cycle: "), "loop is not cut at its cycle");
        check(problems, kv.path("huge").isArray(), "huge is not an array");
        check(problems, kv.path("after").asInt() == 1, "the value after the hostile ones is missing");
        check(problems, event.path("truncated").asBoolean(), "the event is not marked truncated");
        return problems;
    }

    private static void check(List<String> problems, boolean holds, String problem) {
        if (!holds) {
            problems.add(problem);
        }
    }
}

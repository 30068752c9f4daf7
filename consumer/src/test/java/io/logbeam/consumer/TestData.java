package io.logbeam.consumer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/** Builds the formats the decoder reads, the way the producer and CloudWatch Logs write them. */
public final class TestData {

    private TestData() {
    }

    /** A Logbeam-shaped event. */
    public static String event(String logType, String logId, String time, String level, String message) {
        return "{\"log_type\":\"" + logType + "\",\"log_id\":\"" + logId + "\",\"time\":\"" + time
                + "\",\"level\":\"" + level + "\",\"logger\":\"com.acme.Orders\",\"thread\":\"main\",\"message\":\""
                + message + "\",\"host\":\"web-1\"}";
    }

    /** The {@code i}-th of a series of events, one second apart, log types cycling through {@code types}. */
    public static String event(int i, String... types) {
        String time = java.time.Instant.parse("2026-11-22T14:00:00Z").plusMillis(1000L * i).toString();
        if (time.length() == 20) {
            time = time.substring(0, 19) + ".000Z";
        }
        return event(types[i % types.length], String.format("id-%06d", i), time, i % 7 == 0 ? "ERROR" : "INFO",
                "event " + i);
    }

    public static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    public static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** NDJSON: every line ends with a line feed, as Firehose records and S3 objects do. */
    public static byte[] ndjson(List<String> events) {
        StringBuilder s = new StringBuilder();
        events.forEach(e -> s.append(e).append('\n'));
        return utf8(s.toString());
    }

    /** A KPL aggregate with one partition key, every inner record pointing at it, as Logbeam writes them. */
    public static byte[] aggregate(String partitionKey, List<byte[]> records) {
        ByteArrayOutputStream protobuf = new ByteArrayOutputStream();
        lengthDelimited(protobuf, 1, utf8(partitionKey));
        for (byte[] data : records) {
            ByteArrayOutputStream record = new ByteArrayOutputStream();
            varint(record, (1 << 3));
            varint(record, 0);
            lengthDelimited(record, 3, data);
            lengthDelimited(protobuf, 3, record.toByteArray());
        }
        byte[] body = protobuf.toByteArray();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0xF3, (byte) 0x89, (byte) 0x9A, (byte) 0xC2});
        out.writeBytes(body);
        out.writeBytes(md5(body));
        return out.toByteArray();
    }

    public static List<byte[]> utf8All(List<String> events) {
        return events.stream().map(TestData::utf8).toList();
    }

    /** A CloudWatch Logs subscription message, gzip'd, in the order of fields CloudWatch Logs writes. */
    public static byte[] subscriptionMessage(String messageType, List<String> messages) {
        StringBuilder s = new StringBuilder("{\"messageType\":\"").append(messageType)
                .append("\",\"owner\":\"123456789012\",\"logGroup\":\"/acme/orders\",\"logStream\":\"orders\","
                        + "\"subscriptionFilters\":[\"to-kinesis\"],\"logEvents\":[");
        for (int i = 0; i < messages.size(); i++) {
            s.append(i == 0 ? "" : ",").append("{\"id\":\"3195310660696698337880902507980421114328961542429822")
                    .append(1000 + i).append("\",\"timestamp\":1795358364123,\"message\":")
                    .append(jsonString(messages.get(i))).append('}');
        }
        return gzip(utf8(s.append("]}").toString()));
    }

    public static String jsonString(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> out.append(c);
            }
        }
        return out.append('"').toString();
    }

    static byte[] md5(byte[] body) {
        try {
            return MessageDigest.getInstance("MD5").digest(body);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void lengthDelimited(ByteArrayOutputStream out, int field, byte[] data) {
        varint(out, (field << 3) | 2);
        varint(out, data.length);
        out.writeBytes(data);
    }

    private static void varint(ByteArrayOutputStream out, long value) {
        while ((value & ~0x7FL) != 0) {
            out.write((int) ((value & 0x7F) | 0x80));
            value >>>= 7;
        }
        out.write((int) value);
    }
}

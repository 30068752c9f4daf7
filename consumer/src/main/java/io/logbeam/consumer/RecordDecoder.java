package io.logbeam.consumer;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * Turns the bytes of one record (a Kinesis record's data, a Firehose record, a CloudWatch Logs message) into
 * events, whatever Logbeam or CloudWatch Logs made of them:
 * <ul>
 *   <li>one JSON event, or several as NDJSON (one object per line: Firehose's packed records);</li>
 *   <li>gzip (one or more members) around any of these;</li>
 *   <li>KPL aggregates ({@code F3 89 9A C2}, protobuf, MD5, which is checked), also inside gzip;</li>
 *   <li>CloudWatch Logs subscription messages (gzip'd JSON with {@code messageType}): each
 *       {@code DATA_MESSAGE} log event's message is decoded as above; {@code CONTROL_MESSAGE}s are skipped.</li>
 * </ul>
 * Layers are recognised by their first bytes, so one batch may mix them freely.
 *
 * <p>Never throws on bad input: what can not be decoded is handed to {@link EventSink#failure} with the reason
 * and its bytes, and decoding goes on with the rest. Memory is bounded: events are handed over one by one, and
 * decompression writes into buffers reused from record to record, limited to {@code maxDecodedBytes} per layer
 * (a gzip bomb is a failure, not an {@code OutOfMemoryError}). Not thread-safe: one decoder per thread.
 */
public final class RecordDecoder {

    /** Default limit of one record's decompressed size: far above what one 10 MiB record of JSON inflates to. */
    public static final int DEFAULT_MAX_DECODED_BYTES = 64 * 1024 * 1024;

    private static final int MAX_DEPTH = 4;
    private static final byte[] KPL_MAGIC = {(byte) 0xF3, (byte) 0x89, (byte) 0x9A, (byte) 0xC2};
    private static final int MD5_BYTES = 16;
    private static final String DATA_MESSAGE = "DATA_MESSAGE";
    private static final String CONTROL_MESSAGE = "CONTROL_MESSAGE";

    private final EventKeys keys;
    private final int maxDecodedBytes;
    private final JsonFactory json = new JsonFactory();
    private final MessageDigest md5 = newMd5();
    private final GrowableBytes[] inflated = new GrowableBytes[MAX_DEPTH];
    private final String[] parents;
    private final String[] children;

    /** A decoder for the default keys. */
    public RecordDecoder() {
        this(EventKeys.defaults());
    }

    /** A decoder for {@code keys}, with {@link #DEFAULT_MAX_DECODED_BYTES}. */
    public RecordDecoder(EventKeys keys) {
        this(keys, DEFAULT_MAX_DECODED_BYTES);
    }

    /** A decoder for {@code keys} that refuses records inflating to more than {@code maxDecodedBytes}. */
    public RecordDecoder(EventKeys keys, int maxDecodedBytes) {
        if (maxDecodedBytes < 1024) {
            throw new IllegalArgumentException("maxDecodedBytes must be at least 1024: " + maxDecodedBytes);
        }
        this.keys = keys;
        this.maxDecodedBytes = maxDecodedBytes;
        for (int i = 0; i < inflated.length; i++) {
            inflated[i] = new GrowableBytes();
        }
        int n = keys.fields().size();
        parents = new String[n];
        children = new String[n];
        for (int i = 0; i < n; i++) {
            String path = keys.fields().get(i);
            int dot = path.indexOf('.');
            parents[i] = dot < 0 ? path : path.substring(0, dot);
            children[i] = dot < 0 ? null : path.substring(dot + 1);
        }
    }

    /** The keys this decoder reads. */
    public EventKeys keys() {
        return keys;
    }

    /** Decodes {@code data} and collects the result. */
    public DecodedRecord decode(byte[] data) {
        DecodedRecord record = new DecodedRecord();
        decode(data, 0, data.length, record);
        return record;
    }

    /** Decodes {@code data}, handing events and failures to {@code sink} as they come. */
    public void decode(byte[] data, EventSink sink) {
        decode(data, 0, data.length, sink);
    }

    /**
     * Decodes {@code data[offset, offset + length)}, handing events and failures to {@code sink} as they come.
     * Exceptions thrown by {@code sink} are passed on unchanged; nothing else is thrown.
     */
    public void decode(byte[] data, int offset, int length, EventSink sink) {
        GuardedSink guarded = new GuardedSink(sink);
        try {
            layer(data, offset, length, 0, Where.RECORD, guarded);
        } catch (SinkException e) {
            throw e.getCause();
        } catch (RuntimeException | StackOverflowError e) {
            // A decoder bug must not lose the record: it is reported with its bytes like any bad input.
            guarded.failure(new DecodeFailure("decoder error: " + e, Where.RECORD.render(),
                    Arrays.copyOfRange(data, offset, offset + length)));
        } finally {
            for (GrowableBytes buffer : inflated) {
                buffer.trim();
            }
        }
    }

    private void layer(byte[] b, int off, int len, int depth, Where where, GuardedSink sink) {
        if (len == 0) {
            fail(sink, "empty record (0 bytes)", where, b, off, len);
        } else if (startsWith(b, off, len, (byte) 0x1F, (byte) 0x8B)) {
            gunzip(b, off, len, depth, where, sink);
        } else if (len >= KPL_MAGIC.length && startsWith(b, off, len, KPL_MAGIC[0], KPL_MAGIC[1])
                && b[off + 2] == KPL_MAGIC[2] && b[off + 3] == KPL_MAGIC[3]) {
            aggregate(b, off, len, depth, where, sink);
        } else {
            lines(b, off, len, depth, where, sink);
        }
    }

    private void gunzip(byte[] b, int off, int len, int depth, Where where, GuardedSink sink) {
        if (depth >= MAX_DEPTH) {
            fail(sink, "layers nested more than " + MAX_DEPTH + " deep", where, b, off, len);
            return;
        }
        GrowableBytes out = inflated[depth];
        out.clear();
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(b, off, len), 16 * 1024)) {
            while (true) {
                int room = out.room(64 * 1024, maxDecodedBytes);
                if (room == 0) {
                    if (in.read() < 0) {
                        break; // exactly at the limit
                    }
                    fail(sink, "more than " + maxDecodedBytes + " bytes once gunzipped", where, b, off, len);
                    return;
                }
                int n = in.read(out.array(), out.size(), room);
                if (n < 0) {
                    break;
                }
                out.advance(n);
            }
        } catch (IOException e) {
            fail(sink, "truncated or corrupt gzip: " + e.getMessage(), where, b, off, len);
            return;
        }
        layer(out.array(), 0, out.size(), depth + 1, where.child("gzip"), sink);
    }

    private void aggregate(byte[] b, int off, int len, int depth, Where where, GuardedSink sink) {
        if (depth >= MAX_DEPTH) {
            fail(sink, "layers nested more than " + MAX_DEPTH + " deep", where, b, off, len);
            return;
        }
        if (len < KPL_MAGIC.length + MD5_BYTES) {
            fail(sink, "KPL aggregate too short (" + len + " bytes)", where, b, off, len);
            return;
        }
        int start = off + KPL_MAGIC.length;
        int end = off + len - MD5_BYTES;
        md5.reset();
        md5.update(b, start, end - start);
        byte[] digest = md5.digest();
        if (!Arrays.equals(digest, 0, MD5_BYTES, b, end, end + MD5_BYTES)) {
            fail(sink, "KPL aggregate MD5 mismatch (the record is corrupt)", where, b, off, len);
            return;
        }
        int[] ranges;
        try {
            ranges = KplRecords.dataRanges(b, start, end);
        } catch (IllegalArgumentException e) {
            fail(sink, "malformed KPL aggregate: " + e.getMessage(), where, b, off, len);
            return;
        }
        for (int i = 0; i < ranges[0]; i++) {
            int dataOff = ranges[1 + 2 * i];
            int dataLen = ranges[2 + 2 * i];
            layer(b, dataOff, dataLen, depth + 1, where.child("aggregate record", i), sink);
        }
    }

    /** NDJSON: every non-blank line is one JSON object (a record of one event is a one-line case of this). */
    private void lines(byte[] b, int off, int len, int depth, Where where, GuardedSink sink) {
        int end = off + len;
        int lineStart = off;
        int lineNumber = 1;
        boolean single = indexOf(b, off, end, (byte) '\n') < 0;
        boolean anything = false;
        while (lineStart < end) {
            int newline = indexOf(b, lineStart, end, (byte) '\n');
            int lineEnd = newline < 0 ? end : newline;
            anything |= line(b, lineStart, lineEnd, depth, single ? where : where.child("line", lineNumber), sink);
            lineStart = lineEnd + 1;
            lineNumber++;
        }
        if (!anything) {
            fail(sink, len == 0 ? "empty" : "only blanks, no JSON", where, b, off, len);
        }
    }

    /** Decodes one line; false when it is blank. */
    private boolean line(byte[] b, int from, int to, int depth, Where where, GuardedSink sink) {
        int s = from;
        int e = to;
        if (e - s >= 3 && b[s] == (byte) 0xEF && b[s + 1] == (byte) 0xBB && b[s + 2] == (byte) 0xBF) {
            s += 3; // a byte order mark some writers put first
        }
        while (s < e && isBlank(b[s])) {
            s++;
        }
        while (e > s && isBlank(b[e - 1])) {
            e--;
        }
        if (s == e) {
            return false; // a blank line between events, or after the last one
        }
        int n = e - s;
        if (b[s] == '[') {
            fail(sink, "a JSON array, not a JSON object", where, b, from, to - from);
        } else if (b[s] != '{') {
            fail(sink, String.format(java.util.Locale.ROOT, "not a JSON object (starts with byte 0x%02X)",
                    b[s] & 0xFF), where, b, from, to - from);
        } else {
            int invalid = Utf8.firstInvalid(b, s, n);
            if (invalid >= 0) {
                fail(sink, "invalid UTF-8 at byte " + (invalid - s), where, b, from, to - from);
            } else {
                try {
                    object(b, s, n, depth, where, sink);
                } catch (IOException ex) {
                    fail(sink, "invalid JSON: " + firstLine(ex.getMessage()), where, b, from, to - from);
                }
            }
        }
        return true;
    }

    /** One JSON object: an event, or a CloudWatch Logs subscription message. */
    private void object(byte[] b, int s, int n, int depth, Where where, GuardedSink sink) throws IOException {
        String logType = null;
        String logId = null;
        String time = null;
        String level = null;
        String[] fields = parents.length == 0 ? null : new String[parents.length];
        boolean messageType = false;
        boolean logEvents = false;
        try (JsonParser p = json.createParser(b, s, n)) {
            p.nextToken(); // START_OBJECT, checked by the caller
            boolean first = true;
            String name;
            while ((name = p.nextFieldName()) != null) {
                JsonToken value = p.nextToken();
                if (first && (name.equals("messageType") || name.equals("logEvents"))) {
                    // An event never starts so: go straight to the envelope (moto writes logEvents first).
                    envelope(b, s, n, depth, where, sink);
                    return;
                }
                first = false;
                if (value.isScalarValue()) {
                    String text = value == JsonToken.VALUE_STRING || value.isNumeric() ? p.getText() : null;
                    if (name.equals(keys.logType())) {
                        logType = text;
                    } else if (name.equals(keys.logId())) {
                        logId = text;
                    } else if (name.equals(keys.time())) {
                        time = text;
                    } else if (name.equals(keys.level())) {
                        level = text;
                    } else if (name.equals("messageType")) {
                        messageType = true;
                    }
                    for (int i = 0; i < parents.length; i++) {
                        if (children[i] == null && parents[i].equals(name)) {
                            fields[i] = text;
                        }
                    }
                } else if (value == JsonToken.START_OBJECT && fields != null && isParent(name)) {
                    readChildren(p, name, fields);
                } else {
                    logEvents |= value == JsonToken.START_ARRAY && name.equals("logEvents");
                    p.skipChildren();
                }
            }
            if (messageType && logEvents) {
                envelope(b, s, n, depth, where, sink);
                return;
            }
            if (p.nextToken() != null) {
                fail(sink, "unexpected content after the JSON object", where, b, s, n);
                return;
            }
        }
        sink.event(new LogEvent(Arrays.copyOfRange(b, s, s + n), logType, logId, time, level,
                fields == null ? java.util.List.of() : Arrays.asList(fields)));
    }

    private boolean isParent(String name) {
        for (int i = 0; i < parents.length; i++) {
            if (children[i] != null && parents[i].equals(name)) {
                return true;
            }
        }
        return false;
    }

    private void readChildren(JsonParser p, String parent, String[] fields) throws IOException {
        String name;
        while ((name = p.nextFieldName()) != null) {
            JsonToken value = p.nextToken();
            if (value.isScalarValue()) {
                for (int i = 0; i < parents.length; i++) {
                    if (parent.equals(parents[i]) && name.equals(children[i])
                            && (value == JsonToken.VALUE_STRING || value.isNumeric())) {
                        fields[i] = p.getText();
                    }
                }
            } else {
                p.skipChildren();
            }
        }
    }

    /**
     * A CloudWatch Logs subscription message. {@code messageType} comes first in what CloudWatch Logs sends, so
     * one pass suffices; when it comes after {@code logEvents}, a second pass reads the events.
     */
    private void envelope(byte[] b, int s, int n, int depth, Where where, GuardedSink sink) throws IOException {
        String type = null;
        boolean deferred = false;
        try (JsonParser p = json.createParser(b, s, n)) {
            p.nextToken();
            String name;
            while ((name = p.nextFieldName()) != null) {
                JsonToken value = p.nextToken();
                if (name.equals("messageType") && value == JsonToken.VALUE_STRING) {
                    type = p.getText();
                } else if (name.equals("logEvents") && value == JsonToken.START_ARRAY && DATA_MESSAGE.equals(type)) {
                    logEvents(p, depth, where, sink);
                } else {
                    deferred |= name.equals("logEvents") && type == null;
                    p.skipChildren();
                }
            }
        }
        if (CONTROL_MESSAGE.equals(type)) {
            sink.controlMessage();
        } else if (!DATA_MESSAGE.equals(type)) {
            fail(sink, "CloudWatch Logs message of type " + type + ", neither DATA_MESSAGE nor CONTROL_MESSAGE",
                    where, b, s, n);
        } else if (deferred) {
            try (JsonParser p = json.createParser(b, s, n)) {
                p.nextToken();
                String name;
                while ((name = p.nextFieldName()) != null) {
                    JsonToken value = p.nextToken();
                    if (name.equals("logEvents") && value == JsonToken.START_ARRAY) {
                        logEvents(p, depth, where, sink);
                    } else {
                        p.skipChildren();
                    }
                }
            }
        }
    }

    private void logEvents(JsonParser p, int depth, Where where, GuardedSink sink) throws IOException {
        int index = 0;
        JsonToken token;
        while ((token = p.nextToken()) != JsonToken.END_ARRAY) {
            Where eventWhere = where.child("logEvents[", index++);
            if (token != JsonToken.START_OBJECT) {
                p.skipChildren();
                byte[] raw = String.valueOf(p.getText()).getBytes(StandardCharsets.UTF_8);
                fail(sink, "a log event that is not an object", eventWhere, raw, 0, raw.length);
                continue;
            }
            byte[] message = null;
            String name;
            while ((name = p.nextFieldName()) != null) {
                JsonToken value = p.nextToken();
                if (name.equals("message") && value == JsonToken.VALUE_STRING) {
                    message = p.getText().getBytes(StandardCharsets.UTF_8);
                } else {
                    p.skipChildren();
                }
            }
            if (message == null) {
                fail(sink, "a log event without a message", eventWhere, new byte[0], 0, 0);
            } else {
                // CloudWatch Logs keeps messages as text; a JSON event is one of them.
                lines(message, 0, message.length, depth + 1, eventWhere.child("message"), sink);
            }
        }
    }

    private static void fail(GuardedSink sink, String reason, Where where, byte[] b, int off, int len) {
        sink.failure(new DecodeFailure(reason, where.render(), Arrays.copyOfRange(b, off, off + len)));
    }

    private static boolean startsWith(byte[] b, int off, int len, byte first, byte second) {
        return len >= 2 && b[off] == first && b[off + 1] == second;
    }

    private static int indexOf(byte[] b, int from, int to, byte wanted) {
        for (int i = from; i < to; i++) {
            if (b[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isBlank(byte c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "(no detail)";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    private static MessageDigest newMd5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has MD5", e);
        }
    }

    /** Marks exceptions thrown by the caller's sink, so that they are not mistaken for bad input. */
    private static final class SinkException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SinkException(RuntimeException cause) {
            super(cause);
        }

        @Override
        public synchronized RuntimeException getCause() {
            return (RuntimeException) super.getCause();
        }
    }

    private static final class GuardedSink implements EventSink {
        private final EventSink sink;

        GuardedSink(EventSink sink) {
            this.sink = sink;
        }

        @Override
        public void event(LogEvent event) {
            try {
                sink.event(event);
            } catch (RuntimeException e) {
                throw new SinkException(e);
            }
        }

        @Override
        public void failure(DecodeFailure failure) {
            try {
                sink.failure(failure);
            } catch (RuntimeException e) {
                throw new SinkException(e);
            }
        }

        @Override
        public void controlMessage() {
            try {
                sink.controlMessage();
            } catch (RuntimeException e) {
                throw new SinkException(e);
            }
        }
    }
}

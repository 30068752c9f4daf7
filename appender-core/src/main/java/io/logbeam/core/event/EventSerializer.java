package io.logbeam.core.event;

import io.logbeam.core.json.JsonName;
import io.logbeam.core.json.JsonOutput;
import io.logbeam.core.json.Utf8Text;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Turns one framework event into one JSON object of the schema, within a destination's size limit.
 *
 * <p>Every event is written into one reused buffer ({@link JsonOutput}); the only allocation per event is
 * the final byte array. An event that does not fit is encoded again with tighter caps (message cut to
 * what fits, then long values and stacks, then only the core fields) and marked {@code "truncated":true}.
 * An adapter that throws while writing still yields a valid event that says what happened. Not
 * thread-safe: owned by the consumer thread.
 *
 * @param <E> the framework's event type
 */
public final class EventSerializer<E> {

    /** Smallest event size limit accepted: the minimal form of an event must always fit. */
    public static final int MIN_EVENT_BYTES = 8 * 1024;

    /** The key of the note an event carries when its adapter failed to write it (the rest is best effort). */
    static final String ENCODING_ERROR_KEY = "encoding_error";
    private static final JsonName ENCODING_ERROR = new JsonName(ENCODING_ERROR_KEY);
    private static final JsonName FUNCTION = new JsonName("function");
    private static final JsonName VERSION = new JsonName("version");
    private static final JsonName FUNCTION_ARN = new JsonName("function_arn");
    private static final JsonName MEMORY_SIZE = new JsonName("memory_size");
    private static final JsonName REQUEST_ID = new JsonName("request_id");
    private static final JsonName COLD_START = new JsonName("cold_start");
    private static final JsonName XRAY_TRACE_ID = new JsonName("xray_trace_id");

    private final JsonSchema schema;
    private final EventAdapter<E> encoder;
    private final int maxEventBytes;
    private final JsonOutput out = new JsonOutput();
    private final byte[] hostField; // null: no host, or written the long way
    private final List<byte[]> staticFieldBytes; // an entry is null when that field is written the long way
    private final FieldWriter writer;
    private final LogIdGenerator ids;
    private final IsoTimeFormatter times = new IsoTimeFormatter();
    private final char[] logId = new char[LogIdGenerator.LENGTH];
    private final FieldWriter.Caps normal;
    private final FieldWriter.Caps tight;
    private final FieldWriter.Caps minimal;
    private boolean coldStart; // of the event being encoded

    /**
     * @param maxEventBytes   the largest JSON object the destination accepts for one event
     * @param maxMessageBytes the message cap even when the event would fit (the {@code maxMessageBytes} property)
     */
    public EventSerializer(JsonSchema schema, EventAdapter<E> encoder, int maxEventBytes, int maxMessageBytes) {
        this(schema, encoder, maxEventBytes, maxMessageBytes, schema.logIdFormat.newGenerator());
    }

    /** As above, with a given id generator (tests use one with a fixed clock or seed). */
    public EventSerializer(JsonSchema schema, EventAdapter<E> encoder, int maxEventBytes, int maxMessageBytes,
            LogIdGenerator ids) {
        if (maxEventBytes < MIN_EVENT_BYTES) {
            throw new IllegalArgumentException("maxEventBytes must be at least " + MIN_EVENT_BYTES);
        }
        this.schema = schema;
        this.encoder = encoder;
        this.maxEventBytes = maxEventBytes;
        this.ids = ids;
        this.writer = new FieldWriter(schema, out);
        this.hostField = constantField(schema.host, schema.hostValue);
        this.staticFieldBytes = schema.staticFields.stream()
                .map(field -> constantField(field.getKey(), field.getValue())).collect(Collectors.toList());
        this.normal = new FieldWriter.Caps(Math.min(maxMessageBytes, maxEventBytes), maxEventBytes, maxEventBytes,
                Integer.MAX_VALUE, false);
        this.tight = new FieldWriter.Caps(maxEventBytes / 2, 8 * 1024, Math.min(64 * 1024, maxEventBytes / 4), 256,
                false);
        this.minimal = new FieldWriter.Caps(maxEventBytes / 4, 1024, 0, 0, true);
    }

    /**
     * Encodes {@code event}. In Lambda, the request id is {@code lambdaRequestId} or else the event's MDC
     * {@value LambdaContext#MDC_KEY}, and the cold-start flag is decided now (see
     * {@link LambdaContext#isColdStart}); the shipper decides both when the event is logged instead.
     *
     * @param logType         the resolved log type
     * @param partitionKey    the routing key to carry along, or null
     * @param lambdaRequestId the Lambda request id captured when the event was logged, or null
     */
    public EncodedEvent serialize(E event, String logType, String partitionKey, String lambdaRequestId) {
        if (schema.lambdaInfo == null) {
            return serialize(event, logType, partitionKey, (LambdaContext.Invocation) null, false);
        }
        String requestId = lambdaRequestId != null ? lambdaRequestId : mdcRequestId(event);
        return serialize(event, logType, partitionKey, requestId, LambdaContext.isColdStart(requestId));
    }

    /**
     * Encodes {@code event} with the request id taken when it was logged (ignored outside Lambda); the other facts of
     * that invocation are those of the invocation in progress with that id, if any.
     *
     * @param logType         the resolved log type
     * @param partitionKey    the routing key to carry along, or null
     * @param lambdaRequestId the request id of the invocation that logged the event, or null
     * @param coldStart       whether the event belongs to the process's first invocation or its init phase
     */
    public EncodedEvent serialize(E event, String logType, String partitionKey, String lambdaRequestId,
            boolean coldStart) {
        return serialize(event, logType, partitionKey,
                schema.lambdaInfo == null ? null : LambdaContext.invocationOf(lambdaRequestId), coldStart);
    }

    /**
     * Encodes {@code event} with the Lambda facts taken when it was logged (ignored outside Lambda).
     *
     * @param logType      the resolved log type
     * @param partitionKey the routing key to carry along, or null
     * @param invocation   the invocation that logged the event, or null
     * @param coldStart    whether the event belongs to the process's first invocation or its init phase
     */
    public EncodedEvent serialize(E event, String logType, String partitionKey, LambdaContext.Invocation invocation,
            boolean coldStart) {
        this.coldStart = coldStart;
        long time;
        try {
            time = encoder.timeMillis(event);
        } catch (RuntimeException e) {
            time = System.currentTimeMillis();
        }
        System.arraycopy(ids.next(), 0, logId, 0, LogIdGenerator.LENGTH);
        LambdaContext.Invocation lambda = schema.lambdaInfo == null ? null : invocation;

        RuntimeException failure = null;
        try {
            int size = attempt(event, logType, time, lambda, normal, null);
            if (size <= maxEventBytes) {
                return done(time, logType, partitionKey, writer.truncated());
            }
            // Usually the message is what is too long: cut only it, to just what fits.
            long withoutMessage = size - writer.messageSpan();
            long room = maxEventBytes - withoutMessage - 64;
            if (room > 0 && attempt(event, logType, time, lambda, messageCut((int) Math.min(room, normal.message)),
                    null) <= maxEventBytes) {
                return done(time, logType, partitionKey, true);
            }
            if (attempt(event, logType, time, lambda, tight, null) <= maxEventBytes) {
                return done(time, logType, partitionKey, true);
            }
        } catch (RuntimeException e) {
            failure = e; // a broken toString() or adapter bug: still ship what we know
        } catch (IOException e) {
            failure = new UncheckedIOException(e); // only an adapter can throw it
        }
        try {
            attempt(event, logType, time, lambda, minimal, failure);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("event could not be encoded even in minimal form", e);
        }
        if (out.size() > maxEventBytes) {
            // Only static fields can be this large: rejected at configuration time; keep the invariant anyway.
            out.reset();
            throw new IllegalStateException("minimal form of the event exceeds " + maxEventBytes + " bytes");
        }
        return done(time, logType, partitionKey, true);
    }

    /**
     * A constant field encoded once, when its value fits under every cap it may be written with (1,024 bytes
     * at the least); otherwise null, and it is written with the caps of each attempt.
     */
    private static byte[] constantField(JsonName name, Object value) {
        if (value instanceof String && ((String) value).length() <= 1024 / 3) {
            JsonOutput field = new JsonOutput(name.encoded().length + ((String) value).length() * 3 + 2);
            field.name(name);
            field.value((String) value);
            return field.copy();
        }
        if (value instanceof RenderedValue && ((RenderedValue) value).size() <= 1024) {
            RenderedValue rendered = (RenderedValue) value;
            JsonOutput field = new JsonOutput(name.encoded().length + rendered.size());
            field.name(name);
            field.rawValue(rendered.json(), 0, rendered.size());
            return field.copy();
        }
        return null;
    }

    private FieldWriter.Caps messageCut(int messageCap) {
        return new FieldWriter.Caps(messageCap, normal.value, normal.stack, normal.entries, false);
    }

    private EncodedEvent done(long time, String logType, String partitionKey, boolean truncated) {
        byte[] json = out.copy();
        out.reset();
        out.shrinkIfHuge();
        return new EncodedEvent(json, time, logType, partitionKey, truncated);
    }

    private String mdcRequestId(E event) {
        try {
            return encoder.mdcValue(event, LambdaContext.MDC_KEY);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Writes one complete JSON object with the given caps and returns its size in bytes. */
    private int attempt(E event, String logType, long time, LambdaContext.Invocation invocation, FieldWriter.Caps caps,
            RuntimeException failure) throws IOException {
        out.reset();
        writer.reset(caps);
        out.startObject();
        writer.text(schema.logType, logType, Math.min(caps.value, 1024));
        out.name(schema.logId);
        out.asciiValue(logId, 0, LogIdGenerator.LENGTH);
        out.name(schema.time);
        out.asciiValue(times.format(time), 0, IsoTimeFormatter.LENGTH);
        if (schema.timeMillis != null) {
            out.name(schema.timeMillis);
            out.value(time);
        }
        if (failure == null) {
            encoder.writeFields(event, writer);
        } else {
            writer.markTruncated();
            writeBestEffort(event);
            writer.text(ENCODING_ERROR, FieldWriter.safeToString(failure), 1024);
        }
        writer.close();
        writeConstants(invocation);
        if (writer.truncated() || caps != normal) {
            out.name(schema.truncated);
            out.value(true);
        }
        out.endObject();
        return out.size();
    }

    /** After the adapter failed: the message alone, if even that can be had. */
    private void writeBestEffort(E event) throws IOException {
        writer.logger(safe(() -> encoder.loggerName(event)));
    }

    private static String safe(Supplier<String> s) {
        try {
            return s.get();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private void writeConstants(LambdaContext.Invocation invocation) throws IOException {
        if (hostField != null) {
            out.field(hostField);
        } else if (schema.hostValue != null) {
            writer.text(schema.host, schema.hostValue, 1024);
        }
        if (schema.lambdaInfo != null) {
            out.name(schema.lambda);
            out.startObject();
            out.name(FUNCTION);
            out.value(schema.lambdaInfo.functionName());
            if (schema.lambdaInfo.functionVersion() != null) {
                out.name(VERSION);
                out.value(schema.lambdaInfo.functionVersion());
            }
            if (invocation != null && invocation.functionArn() != null) {
                out.name(FUNCTION_ARN);
                out.value(Utf8Text.fit(invocation.functionArn(), 256));
            }
            if (schema.lambdaInfo.memorySize() != null) {
                out.name(MEMORY_SIZE);
                out.value((long) schema.lambdaInfo.memorySize());
            }
            if (invocation != null) {
                out.name(REQUEST_ID);
                out.value(Utf8Text.fit(invocation.requestId(), 256));
            }
            out.name(COLD_START);
            out.value(coldStart);
            if (invocation != null && invocation.xrayTraceId() != null) {
                out.name(XRAY_TRACE_ID);
                out.value(Utf8Text.fit(invocation.xrayTraceId(), 256));
            }
            out.endObject();
        }
        for (int i = 0; i < staticFieldBytes.size(); i++) {
            byte[] encoded = staticFieldBytes.get(i);
            if (encoded != null) {
                out.field(encoded);
            } else {
                Map.Entry<JsonName, Object> field = schema.staticFields.get(i);
                writer.json(field.getKey(), field.getValue(), writer.valueCap());
            }
        }
    }
}

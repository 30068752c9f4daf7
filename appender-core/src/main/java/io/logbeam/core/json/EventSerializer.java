package io.logbeam.core.json;

import io.logbeam.core.EventEncoder;
import io.logbeam.core.LambdaContext;
import io.logbeam.core.send.EncodedEvent;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.json.JsonWriteFeature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Turns one framework event into one JSON object of the schema, within a destination's size limit.
 *
 * <p>One Jackson generator writes every event into one reused buffer; the only allocation per event is
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

    private static final SerializableString ENCODING_ERROR = new SerializedString("encoding_error");

    private final JsonSchema schema;
    private final EventEncoder<E> encoder;
    private final int maxEventBytes;
    private final JsonFactory factory;
    private final ReusableByteOutput out = new ReusableByteOutput();
    private final EventWriter writer;
    private final LogIdGenerator ids;
    private final IsoTimeFormatter times = new IsoTimeFormatter();
    private final char[] logId = new char[LogIdGenerator.LENGTH];
    private final EventWriter.Caps normal;
    private final EventWriter.Caps tight;
    private final EventWriter.Caps minimal;
    private final java.util.function.LongSupplier positionOfOutput = this::position;
    private JsonGenerator gen;
    private boolean coldStart; // of the event being encoded

    /**
     * @param maxEventBytes   the largest JSON object the destination accepts for one event
     * @param maxMessageBytes the message cap even when the event would fit (the {@code maxMessageBytes} property)
     */
    public EventSerializer(JsonSchema schema, EventEncoder<E> encoder, int maxEventBytes, int maxMessageBytes) {
        this(schema, encoder, maxEventBytes, maxMessageBytes, new LogIdGenerator());
    }

    /** As above, with a given id generator (tests use a seeded one). */
    public EventSerializer(JsonSchema schema, EventEncoder<E> encoder, int maxEventBytes, int maxMessageBytes,
            LogIdGenerator ids) {
        if (maxEventBytes < MIN_EVENT_BYTES) {
            throw new IllegalArgumentException("maxEventBytes must be at least " + MIN_EVENT_BYTES);
        }
        this.schema = schema;
        this.encoder = encoder;
        this.maxEventBytes = maxEventBytes;
        this.ids = ids;
        this.writer = new EventWriter(schema);
        JsonFactoryBuilder builder = new JsonFactoryBuilder();
        builder.rootValueSeparator((String) null);
        builder.disable(JsonWriteFeature.ESCAPE_NON_ASCII);
        builder.disable(StreamWriteFeature.AUTO_CLOSE_TARGET);
        this.factory = builder.build();
        this.normal = new EventWriter.Caps(Math.min(maxMessageBytes, maxEventBytes), maxEventBytes, maxEventBytes,
                Integer.MAX_VALUE, false);
        this.tight = new EventWriter.Caps(maxEventBytes / 2, 8 * 1024, Math.min(64 * 1024, maxEventBytes / 4), 256,
                false);
        this.minimal = new EventWriter.Caps(maxEventBytes / 4, 1024, 0, 0, true);
        this.gen = newGenerator();
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
            return serialize(event, logType, partitionKey, null, false);
        }
        String requestId = lambdaRequestId != null ? lambdaRequestId : mdcRequestId(event);
        return serialize(event, logType, partitionKey, requestId, LambdaContext.isColdStart(requestId));
    }

    /**
     * Encodes {@code event} with the Lambda facts taken when it was logged (ignored outside Lambda).
     *
     * @param logType         the resolved log type
     * @param partitionKey    the routing key to carry along, or null
     * @param lambdaRequestId the request id of the invocation that logged the event, or null
     * @param coldStart       whether the event belongs to the process's first invocation or its init phase
     */
    public EncodedEvent serialize(E event, String logType, String partitionKey, String lambdaRequestId,
            boolean coldStart) {
        this.coldStart = coldStart;
        long time;
        try {
            time = encoder.timeMillis(event);
        } catch (RuntimeException e) {
            time = System.currentTimeMillis();
        }
        System.arraycopy(ids.next(), 0, logId, 0, LogIdGenerator.LENGTH);
        String requestId = schema.lambdaInfo == null ? null : lambdaRequestId;

        RuntimeException failure = null;
        try {
            int size = attempt(event, logType, time, requestId, normal, null);
            if (size <= maxEventBytes) {
                return done(time, logType, partitionKey, writer.truncated());
            }
            // Usually the message is what is too long: cut only it, to just what fits.
            long withoutMessage = size - writer.messageSpan();
            long room = maxEventBytes - withoutMessage - 64;
            if (room > 0 && attempt(event, logType, time, requestId, messageCut((int) Math.min(room, normal.message)),
                    null) <= maxEventBytes) {
                return done(time, logType, partitionKey, true);
            }
            if (attempt(event, logType, time, requestId, tight, null) <= maxEventBytes) {
                return done(time, logType, partitionKey, true);
            }
        } catch (RuntimeException e) {
            failure = e; // a broken toString() or adapter bug: still ship what we know
        } catch (IOException e) {
            failure = new UncheckedIOException(e);
        }
        try {
            attempt(event, logType, time, requestId, minimal, failure);
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

    private EventWriter.Caps messageCut(int messageCap) {
        return new EventWriter.Caps(messageCap, normal.value, normal.stack, normal.entries, false);
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
    private int attempt(E event, String logType, long time, String requestId, EventWriter.Caps caps,
            RuntimeException failure) throws IOException {
        out.reset();
        boolean ok = false;
        try {
            writer.reset(gen, caps, positionOfOutput);
            gen.writeStartObject();
            writer.text(schema.logType, logType, Math.min(caps.value, 1024));
            gen.writeFieldName(schema.logId);
            gen.writeString(logId, 0, LogIdGenerator.LENGTH);
            gen.writeFieldName(schema.time);
            gen.writeString(times.format(time), 0, IsoTimeFormatter.LENGTH);
            if (schema.timeMillis != null) {
                gen.writeFieldName(schema.timeMillis);
                gen.writeNumber(time);
            }
            if (failure == null) {
                encoder.writeFields(event, writer);
            } else {
                writer.markTruncated();
                writeBestEffort(event);
                writer.text(ENCODING_ERROR, EventWriter.safeToString(failure), 1024);
            }
            writer.close();
            writeConstants(requestId);
            if (writer.truncated() || caps != normal) {
                gen.writeFieldName(schema.truncated);
                gen.writeBoolean(true);
            }
            gen.writeEndObject();
            gen.flush();
            ok = true;
            return out.size();
        } finally {
            if (!ok) {
                // The generator's state is unknown after a failure mid-object: start from a fresh one.
                gen = newGenerator();
            }
        }
    }

    /** After the adapter failed: the message alone, if even that can be had. */
    private void writeBestEffort(E event) throws IOException {
        writer.logger(safe(() -> encoder.loggerName(event)));
    }

    private static String safe(java.util.function.Supplier<String> s) {
        try {
            return s.get();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private void writeConstants(String requestId) throws IOException {
        if (schema.hostValue != null) {
            writer.text(schema.host, schema.hostValue, 1024);
        }
        if (schema.lambdaInfo != null) {
            gen.writeFieldName(schema.lambda);
            gen.writeStartObject();
            gen.writeStringField("function", schema.lambdaInfo.functionName());
            if (schema.lambdaInfo.functionVersion() != null) {
                gen.writeStringField("version", schema.lambdaInfo.functionVersion());
            }
            if (requestId != null) {
                gen.writeFieldName("request_id");
                gen.writeString(Utf8Text.fit(requestId, 256));
            }
            gen.writeBooleanField("cold_start", coldStart);
            gen.writeEndObject();
        }
        for (Map.Entry<SerializableString, String> field : schema.staticFields) {
            writer.text(field.getKey(), field.getValue(), writer.valueCap());
        }
    }

    private long position() {
        return out.size() + gen.getOutputBuffered();
    }

    private JsonGenerator newGenerator() {
        try {
            return factory.createGenerator(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in-memory stream: can not happen
        }
    }
}

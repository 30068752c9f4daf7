package io.logbeam.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The Kinesis Data Firehose part of {@link LocalAwsEndpoint}: DirectPut delivery streams that keep every accepted
 * record (nothing is delivered anywhere; the records are the destination).
 */
public final class FakeFirehose {

    /** 1,000 KiB: the largest record before base64. */
    static final int MAX_RECORD_BYTES = 1_024_000;
    /** 4 MiB: the largest PutRecordBatch, summed over the records' data. */
    static final int MAX_BATCH_BYTES = 4 * 1024 * 1024;
    static final int MAX_BATCH_RECORDS = 500;
    private static final Pattern NAME_PATTERN = Pattern.compile("[a-zA-Z0-9_.-]+");
    private static final String ACCOUNT = TestCredentials.ACCOUNT_ID;

    private final Clock clock;
    private final String region;
    private final Faults faults;
    private final Map<String, DeliveryStream> streams = new TreeMap<>();
    private long nextRecordId = 1;

    FakeFirehose(Clock clock, String region, Faults faults) {
        this.clock = clock;
        this.region = region;
        this.faults = faults;
    }

    // ---------------------------------------------------------------- public setup and read-back

    /** Creates an ACTIVE DirectPut delivery stream. */
    public synchronized void createDeliveryStream(String name) {
        if (streams.containsKey(name)) {
            throw new IllegalStateException("delivery stream exists: " + name);
        }
        add(name, "DirectPut");
    }

    /** Deletes a delivery stream and its records. */
    public synchronized void deleteDeliveryStream(String name) {
        existing(name);
        streams.remove(name);
    }

    /** Whether the delivery stream exists. */
    public synchronized boolean deliveryStreamExists(String name) {
        return streams.containsKey(name);
    }

    /** Names of all delivery streams. */
    public synchronized Set<String> deliveryStreamNames() {
        return Set.copyOf(streams.keySet());
    }

    /** Copies of every record the delivery stream accepted, in order. */
    public synchronized List<byte[]> records(String name) {
        List<byte[]> copies = new ArrayList<>();
        for (byte[] record : existing(name).records) {
            copies.add(record.clone());
        }
        return copies;
    }

    synchronized void reset() {
        streams.clear();
    }

    // ---------------------------------------------------------------- wire operations

    synchronized ObjectNode handle(AwsOperation operation, ObjectNode request, WireFormat wire) {
        return switch (operation) {
            case FIREHOSE_PUT_RECORD_BATCH -> putRecordBatch(request, wire);
            case FIREHOSE_PUT_RECORD -> putRecord(request, wire);
            case FIREHOSE_CREATE_DELIVERY_STREAM -> createDeliveryStream(request, wire);
            case FIREHOSE_DESCRIBE_DELIVERY_STREAM -> describeDeliveryStream(request, wire);
            case FIREHOSE_DELETE_DELIVERY_STREAM -> deleteDeliveryStream(request, wire);
            default -> throw new IllegalArgumentException("not a Firehose operation: " + operation);
        };
    }

    private ObjectNode putRecordBatch(ObjectNode request, WireFormat wire) {
        ValidationErrors errors = new ValidationErrors();
        String name = requireName(request, errors);
        JsonNode records = Json.array(request, "Records");
        if (records == null) {
            errors.mustNotBeNull("records");
        } else if (records.size() < 1) {
            errors.minLength("records", "'[]'", 1);
        } else if (records.size() > MAX_BATCH_RECORDS) {
            errors.maxLength("records", "'[" + records.size() + " entries]'", MAX_BATCH_RECORDS);
        }
        errors.throwIfAny("ValidationException");
        List<byte[]> data = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            data.add(recordData(records.get(i), "records." + (i + 1) + ".member.data", errors));
        }
        errors.throwIfAny("ValidationException");
        DeliveryStream stream = stream(name);
        long total = data.stream().mapToLong(bytes -> bytes.length).sum();
        if (total > MAX_BATCH_BYTES) {
            throw ServiceError.invalid("InvalidArgumentException", "Records size exceeds 4 MB limit (request "
                    + "carries " + total + " bytes of record data)");
        }
        ArrayNode responses = wire.newObject().arrayNode();
        int failed = 0;
        for (byte[] bytes : data) {
            ObjectNode entry = responses.addObject();
            String errorCode = faults.entryFailure(AwsOperation.FIREHOSE_PUT_RECORD_BATCH);
            if (errorCode != null) {
                failed++;
                entry.put("ErrorCode", errorCode);
                entry.put("ErrorMessage", Faults.messageFor(errorCode));
            } else {
                entry.put("RecordId", store(stream, bytes));
            }
        }
        ObjectNode response = wire.newObject();
        response.put("FailedPutCount", failed);
        response.put("Encrypted", false);
        response.set("RequestResponses", responses);
        return response;
    }

    private ObjectNode putRecord(ObjectNode request, WireFormat wire) {
        ValidationErrors errors = new ValidationErrors();
        String name = requireName(request, errors);
        ObjectNode record = Json.object(request, "Record");
        byte[] data = null;
        if (record == null) {
            errors.mustNotBeNull("record");
        } else {
            data = recordData(record, "record.data", errors);
        }
        errors.throwIfAny("ValidationException");
        ObjectNode response = wire.newObject();
        response.put("RecordId", store(stream(name), data));
        response.put("Encrypted", false);
        return response;
    }

    private ObjectNode createDeliveryStream(ObjectNode request, WireFormat wire) {
        ValidationErrors errors = new ValidationErrors();
        String name = requireName(request, errors);
        String type = Json.text(request, "DeliveryStreamType");
        errors.throwIfAny("ValidationException");
        if (streams.containsKey(name)) {
            throw ServiceError.client("ResourceInUseException",
                    "Firehose " + name + " under accountId " + ACCOUNT + " already exists");
        }
        DeliveryStream stream = add(name, type == null ? "DirectPut" : type);
        ObjectNode response = wire.newObject();
        response.put("DeliveryStreamARN", stream.arn);
        return response;
    }

    private ObjectNode describeDeliveryStream(ObjectNode request, WireFormat wire) {
        ValidationErrors errors = new ValidationErrors();
        String name = requireName(request, errors);
        errors.throwIfAny("ValidationException");
        DeliveryStream stream = stream(name);
        ObjectNode description = wire.newObject();
        description.put("DeliveryStreamName", stream.name);
        description.put("DeliveryStreamARN", stream.arn);
        description.put("DeliveryStreamStatus", "ACTIVE");
        description.put("DeliveryStreamType", stream.type);
        description.put("VersionId", "1");
        description.set("CreateTimestamp", wire.timestamp(stream.created));
        description.putArray("Destinations");
        description.put("HasMoreDestinations", false);
        ObjectNode response = wire.newObject();
        response.set("DeliveryStreamDescription", description);
        return response;
    }

    private ObjectNode deleteDeliveryStream(ObjectNode request, WireFormat wire) {
        ValidationErrors errors = new ValidationErrors();
        String name = requireName(request, errors);
        errors.throwIfAny("ValidationException");
        streams.remove(stream(name).name);
        return wire.newObject();
    }

    // ---------------------------------------------------------------- helpers

    private DeliveryStream add(String name, String type) {
        String arn = "arn:aws:firehose:" + region + ":" + ACCOUNT + ":deliverystream/" + name;
        DeliveryStream stream = new DeliveryStream(name, arn, type, clock.instant().truncatedTo(ChronoUnit.MILLIS));
        streams.put(name, stream);
        return stream;
    }

    private String store(DeliveryStream stream, byte[] data) {
        stream.records.add(data);
        // Real record ids are long opaque strings; uniqueness is all a client may rely on.
        return String.format("%048x", nextRecordId++);
    }

    private static String requireName(ObjectNode request, ValidationErrors errors) {
        String name = Json.text(request, "DeliveryStreamName");
        if (errors.requiredText("deliveryStreamName", name, 64)) {
            errors.matches("deliveryStreamName", name, NAME_PATTERN, "[a-zA-Z0-9_.-]+");
        }
        return name;
    }

    private static byte[] recordData(JsonNode record, String path, ValidationErrors errors) {
        byte[] data = record == null || !record.isObject() ? null : WireFormat.blob(record.get("Data"), path);
        if (data == null) {
            errors.mustNotBeNull(path);
            return new byte[0];
        }
        if (data.length > MAX_RECORD_BYTES) {
            errors.custom("Value 'java.nio.HeapByteBuffer[pos=0 lim=" + data.length + " cap=" + data.length
                    + "]' at '" + path + "' failed to satisfy constraint: Member must have length less than or equal "
                    + "to " + MAX_RECORD_BYTES);
        }
        return data;
    }

    private DeliveryStream stream(String name) {
        DeliveryStream stream = streams.get(name);
        if (stream == null) {
            throw ServiceError.resourceNotFound("Firehose " + name + " under account " + ACCOUNT + " not found.");
        }
        return stream;
    }

    private DeliveryStream existing(String name) {
        DeliveryStream stream = streams.get(name);
        if (stream == null) {
            throw new IllegalArgumentException("no delivery stream named " + name + "; delivery streams: "
                    + streams.keySet());
        }
        return stream;
    }

    private static final class DeliveryStream {
        final String name;
        final String arn;
        final String type;
        final Instant created;
        final List<byte[]> records = new ArrayList<>();

        DeliveryStream(String name, String arn, String type, Instant created) {
            this.name = name;
            this.arn = arn;
            this.type = type;
            this.created = created;
        }
    }
}

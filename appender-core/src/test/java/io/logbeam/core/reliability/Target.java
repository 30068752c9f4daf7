package io.logbeam.core.reliability;

import io.logbeam.core.config.AppenderProperties;
import io.logbeam.core.config.DestinationTypes;
import io.logbeam.testkit.AwsOperation;
import io.logbeam.testkit.KinesisRecord;
import io.logbeam.testkit.LocalAwsEndpoint;
import io.logbeam.testkit.LogEvent;
import io.logbeam.testkit.TestCredentials;

import software.amazon.kinesis.retrieval.AggregatorUtil;
import software.amazon.kinesis.retrieval.KinesisClientRecord;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One destination as the reliability scenarios see it: the real settings class an appender configures
 * (pointed at the testkit endpoint with static test credentials), the resources it writes to, the write
 * operation faults are aimed at, and how a consumer reads back what the endpoint stored, one JSON object
 * per event.
 */
public enum Target {

    /** Kinesis Data Streams, one event per record, random partition keys. */
    KINESIS("Kinesis", AwsOperation.KINESIS_PUT_RECORDS, "ProvisionedThroughputExceededException", 1_048_576 - 256),
    /** Kinesis Data Streams with KPL aggregation, read back through KCL's de-aggregator. */
    KINESIS_AGGREGATED("Kinesis aggregated", AwsOperation.KINESIS_PUT_RECORDS, "ProvisionedThroughputExceededException",
            1_048_576 - 256),
    /** Kinesis Data Firehose, one NDJSON line per record. */
    FIREHOSE("Firehose", AwsOperation.FIREHOSE_PUT_RECORD_BATCH, "ServiceUnavailableException", 1_024_000 - 1),
    /** CloudWatch Logs, one stream; creates its group and stream when missing. */
    CLOUDWATCH_LOGS("CloudWatch Logs", AwsOperation.LOGS_PUT_LOG_EVENTS, null, 1_048_576 - 26);

    static final String STREAM = "rel-stream";
    static final String DELIVERY_STREAM = "rel-delivery";
    static final String LOG_GROUP = "/rel/app";
    static final String LOG_STREAM = "rel-stream";
    static final int SHARDS = 4;

    private final String label;
    private final AwsOperation put;
    private final String entryFailureCode;
    private final int maxEventBytes;

    Target(String label, AwsOperation put, String entryFailureCode, int maxEventBytes) {
        this.label = label;
        this.put = put;
        this.entryFailureCode = entryFailureCode;
        this.maxEventBytes = maxEventBytes;
    }

    /** For tables and test names. */
    public String label() {
        return label;
    }

    /** The data-plane write that fault rules target. */
    public AwsOperation putOperation() {
        return put;
    }

    /** The per-entry error code of a partial failure, or null when the API has none (CloudWatch Logs). */
    public String entryFailureCode() {
        return entryFailureCode;
    }

    /** The largest event JSON the destination may carry with the settings used here (upper bound). */
    public int maxEventBytes() {
        return maxEventBytes;
    }

    /** Fresh settings for this destination, pointed at {@code endpoint}; the scenario adds its own. */
    public AppenderProperties settings(LocalAwsEndpoint endpoint) {
        AppenderProperties settings;
        switch (this) {
            case KINESIS:
            case KINESIS_AGGREGATED: {
                AppenderProperties kinesis = new AppenderProperties(DestinationTypes.KINESIS);
                kinesis.set("streamName", STREAM);
                kinesis.set("aggregation", this == KINESIS_AGGREGATED);
                settings = kinesis;
                break;
            }
            case FIREHOSE: {
                AppenderProperties firehose = new AppenderProperties(DestinationTypes.FIREHOSE);
                firehose.set("deliveryStreamName", DELIVERY_STREAM);
                settings = firehose;
                break;
            }
            default: {
                AppenderProperties logs = new AppenderProperties(DestinationTypes.CLOUDWATCH_LOGS);
                logs.set("logGroup", LOG_GROUP);
                logs.set("logStream", LOG_STREAM);
                settings = logs;
                break;
            }
        }
        settings.set("region", TestCredentials.REGION);
        settings.set("endpoint", endpoint.uri().toString());
        settings.set("accessKeyId", TestCredentials.ACCESS_KEY_ID);
        settings.set("secretAccessKey", TestCredentials.SECRET_ACCESS_KEY);
        settings.set("jmx", false);
        settings.set("includeHost", false);
        settings.set("maxBatchDelay", "100 ms");
        settings.set("fallback", RoutingFallback.class.getName());
        return settings;
    }

    /** Creates what an operator would have created before starting the application. */
    public void createResources(LocalAwsEndpoint endpoint) {
        switch (this) {
            case KINESIS:
            case KINESIS_AGGREGATED:
                endpoint.kinesis().createStream(STREAM, SHARDS);
                break;
            case FIREHOSE:
                endpoint.firehose().createDeliveryStream(DELIVERY_STREAM);
                break;
            default:
                // CloudWatch Logs: the appender creates its group and stream (createLogGroup/createLogStream default true).
                break;
        }
    }

    /** Whether the resource events are written to exists (the appender may have to create it). */
    public boolean resourceExists(LocalAwsEndpoint endpoint) {
        switch (this) {
            case KINESIS:
            case KINESIS_AGGREGATED:
                return endpoint.kinesis().streamExists(STREAM);
            case FIREHOSE:
                return endpoint.firehose().deliveryStreamExists(DELIVERY_STREAM);
            default:
                return endpoint.logs().logStreamExists(LOG_GROUP, LOG_STREAM);
        }
    }

    /** Every event the endpoint stored, as the JSON bytes a consumer reads, in storage order. */
    public List<byte[]> storedEvents(LocalAwsEndpoint endpoint) {
        List<byte[]> events = new ArrayList<>();
        if (!resourceExists(endpoint)) {
            return events;
        }
        switch (this) {
            case KINESIS:
                for (KinesisRecord record : endpoint.kinesis().records(STREAM)) {
                    events.add(record.data());
                }
                break;
            case KINESIS_AGGREGATED:
                for (KinesisRecord record : endpoint.kinesis().records(STREAM)) {
                    events.addAll(deaggregate(record));
                }
                break;
            case FIREHOSE:
                for (byte[] record : endpoint.firehose().records(DELIVERY_STREAM)) {
                    events.addAll(lines(record));
                }
                break;
            default:
                for (LogEvent event : endpoint.logs().events(LOG_GROUP, LOG_STREAM)) {
                    events.add(event.message().getBytes(StandardCharsets.UTF_8));
                }
                break;
        }
        return events;
    }

    /** Sizes of the stored records (Kinesis: data plus partition key) that exceed the service's record limit. */
    public List<String> oversizeRecords(LocalAwsEndpoint endpoint) {
        List<String> problems = new ArrayList<>();
        if (!resourceExists(endpoint)) {
            return problems;
        }
        switch (this) {
            case KINESIS:
            case KINESIS_AGGREGATED:
                for (KinesisRecord record : endpoint.kinesis().records(STREAM)) {
                    int size = record.dataLength() + record.partitionKey().getBytes(StandardCharsets.UTF_8).length;
                    if (size > 1_048_576 || record.partitionKey().length() > 256) {
                        problems.add("Kinesis record of " + size + " bytes, key of " + record.partitionKey().length());
                    }
                }
                break;
            case FIREHOSE:
                for (byte[] record : endpoint.firehose().records(DELIVERY_STREAM)) {
                    if (record.length > 1_024_000) {
                        problems.add("Firehose record of " + record.length + " bytes");
                    }
                }
                break;
            default:
                for (LogEvent event : endpoint.logs().events(LOG_GROUP, LOG_STREAM)) {
                    int size = event.message().getBytes(StandardCharsets.UTF_8).length + 26;
                    if (size > 1_048_576) {
                        problems.add("CloudWatch Logs event of " + size + " bytes");
                    }
                }
                break;
        }
        return problems;
    }

    /** Whether a Firehose record (NDJSON) or other stored form ends each event with a newline as required. */
    private static List<byte[]> lines(byte[] record) {
        List<byte[]> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < record.length; i++) {
            if (record[i] == '\n') {
                byte[] line = new byte[i - start];
                System.arraycopy(record, start, line, 0, line.length);
                out.add(line);
                start = i + 1;
            }
        }
        if (start < record.length) {
            // A record that does not end with '\n' breaks NDJSON consumers: keep the bytes so the check flags them.
            byte[] rest = new byte[record.length - start];
            System.arraycopy(record, start, rest, 0, rest.length);
            out.add(rest);
        }
        return out;
    }

    private static List<byte[]> deaggregate(KinesisRecord record) {
        KinesisClientRecord wire = KinesisClientRecord.builder().data(ByteBuffer.wrap(record.data()))
                .partitionKey(record.partitionKey()).sequenceNumber(record.sequenceNumber())
                .approximateArrivalTimestamp(Instant.now()).build();
        List<byte[]> out = new ArrayList<>();
        for (KinesisClientRecord r : new AggregatorUtil().deaggregate(List.of(wire))) {
            ByteBuffer data = r.data().duplicate();
            byte[] bytes = new byte[data.remaining()];
            data.get(bytes);
            out.add(bytes);
        }
        return out;
    }

    @Override
    public String toString() {
        return label;
    }
}

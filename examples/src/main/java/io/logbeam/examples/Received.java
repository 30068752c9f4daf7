package io.logbeam.examples;

import io.logbeam.consumer.DecodedRecord;
import io.logbeam.consumer.RecordDecoder;
import io.logbeam.testkit.AwsOperation;
import io.logbeam.testkit.KinesisRecord;
import io.logbeam.testkit.LocalAwsEndpoint;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * What the embedded endpoint holds for one destination: the events as JSON lines, and the calls and
 * bytes it received for them.
 */
record Received(DemoLogging.Destination destination, List<String> events, long calls, long requestBytes,
        String unit) {

    /** Reads one destination's records back from the in-process endpoint. */
    static Received from(LocalAwsEndpoint endpoint, DemoTarget target, DemoLogging.Destination destination) {
        List<String> events = new ArrayList<>();
        switch (destination) {
            case KINESIS: {
                // Aggregated and gzip'd records: logbeam-consumer's decoder gives the events back (an undecodable
                // record becomes a line that is not JSON, which the report counts as unparsable).
                RecordDecoder decoder = new RecordDecoder();
                for (KinesisRecord record : endpoint.kinesis().records(target.kinesisStream)) {
                    DecodedRecord decoded = decoder.decode(record.data());
                    decoded.events().forEach(e -> events.add(e.jsonText()));
                    decoded.failures().forEach(f -> events.add("undecodable: " + f));
                }
                return new Received(destination, events, endpoint.requests().count(AwsOperation.KINESIS_PUT_RECORDS),
                        endpoint.requests().bodyBytes(AwsOperation.KINESIS_PUT_RECORDS), "PutRecords");
            }
            case FIREHOSE: {
                // NDJSON: every event ends with a line feed; a packed record holds several lines.
                for (byte[] record : endpoint.firehose().records(target.firehoseStream)) {
                    for (String line : new String(record, StandardCharsets.UTF_8).split("\n")) {
                        if (!line.isEmpty()) {
                            events.add(line);
                        }
                    }
                }
                return new Received(destination, events,
                        endpoint.requests().count(AwsOperation.FIREHOSE_PUT_RECORD_BATCH),
                        endpoint.requests().bodyBytes(AwsOperation.FIREHOSE_PUT_RECORD_BATCH), "PutRecordBatch");
            }
            default: {
                List<String> streams = endpoint.logs().logGroupExists(target.logGroup)
                        ? List.copyOf(endpoint.logs().logStreamNames(target.logGroup)) : List.of();
                for (String stream : streams) {
                    endpoint.logs().events(target.logGroup, stream).forEach(e -> events.add(e.message()));
                }
                return new Received(destination, events, endpoint.requests().count(AwsOperation.LOGS_PUT_LOG_EVENTS),
                        endpoint.requests().bodyBytes(AwsOperation.LOGS_PUT_LOG_EVENTS), "PutLogEvents");
            }
        }
    }
}

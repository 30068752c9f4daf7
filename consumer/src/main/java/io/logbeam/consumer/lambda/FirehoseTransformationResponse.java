package io.logbeam.consumer.lambda;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a Firehose transformation Lambda returns: {@code {"records":[{"recordId":..., "result":"Ok",
 * "data":"<base64>", "metadata":{"partitionKeys":{...}}}, ...]}}. aws-lambda-java-events has no type with
 * {@code metadata.partitionKeys}, so this is a plain bean the Lambda runtime serialises.
 */
public class FirehoseTransformationResponse {

    private List<Record> records = new ArrayList<>();

    /** The records, one per input record. */
    public List<Record> getRecords() {
        return records;
    }

    /** Sets the records. */
    public void setRecords(List<Record> records) {
        this.records = records;
    }

    /** One transformed record. */
    public static class Record {
        private String recordId;
        private String result;
        private String data;
        private Metadata metadata;

        /** The input record's id. */
        public String getRecordId() {
            return recordId;
        }

        /** Sets the record id. */
        public void setRecordId(String recordId) {
            this.recordId = recordId;
        }

        /** {@code Ok}, {@code Dropped} or {@code ProcessingFailed}. */
        public String getResult() {
            return result;
        }

        /** Sets the result. */
        public void setResult(String result) {
            this.result = result;
        }

        /** The transformed data, base64; null unless {@code Ok}. */
        public String getData() {
            return data;
        }

        /** Sets the data. */
        public void setData(String data) {
            this.data = data;
        }

        /** The partition keys; null unless {@code Ok}. */
        public Metadata getMetadata() {
            return metadata;
        }

        /** Sets the metadata. */
        public void setMetadata(Metadata metadata) {
            this.metadata = metadata;
        }
    }

    /** Dynamic partitioning keys of a record. */
    public static class Metadata {
        private Map<String, String> partitionKeys;

        /** {@code log_type}, {@code year}, {@code month}, {@code day}, {@code hour}. */
        public Map<String, String> getPartitionKeys() {
            return partitionKeys;
        }

        /** Sets the partition keys. */
        public void setPartitionKeys(Map<String, String> partitionKeys) {
            this.partitionKeys = partitionKeys;
        }
    }
}

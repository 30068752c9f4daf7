package io.logbeam.log4j2.testing;

import io.logbeam.core.config.DestinationType;
import io.logbeam.core.config.DestinationTypes;
import io.logbeam.testkit.KinesisRecord;
import io.logbeam.testkit.LocalAwsEndpoint;
import io.logbeam.testkit.LogEvent;
import io.logbeam.testkit.TestCredentials;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * The three Logbeam elements as seen by a test: how to prepare a destination on the testkit endpoint, the
 * element's attributes for it, and the JSON events that arrived there (decoded as a consumer would).
 */
public enum Target {

    KINESIS("Kinesis", DestinationTypes.KINESIS, "compression", "zip") {
        @Override
        public void prepare(LocalAwsEndpoint endpoint, String resource) {
            endpoint.kinesis().createStream(resource, 2);
        }

        @Override
        public String attributes(String resource) {
            return "streamName=\"" + resource + "\"";
        }

        @Override
        public String everyAttribute(String resource) {
            return "streamName=\"" + resource + "\" partitionKey=\"{log_type}\" aggregation=\"true\" compression=\"gzip\""
                    + " compressionLevel=\"1\" maxRecordBytes=\"1048576\" maxRequestBytes=\"5242880\" aggregationMaxBytes=\"65536\""
                    + " aggregateByShard=\"false\" autoCreate=\"true\" shardCount=\"2\"";
        }

        @Override
        public Set<String> leftOutOfEveryAttribute() {
            return Set.of("streamArn"); // the alternative to streamName (setting both is an error; see DestinationsTest)
        }

        @Override
        public List<String> jsonTexts(LocalAwsEndpoint endpoint, String resource) {
            List<String> out = new ArrayList<>();
            if (!endpoint.kinesis().streamExists(resource)) {
                return out;
            }
            for (KinesisRecord record : endpoint.kinesis().records(resource)) {
                for (byte[] data : KplRecords.userRecords(gunzipIfCompressed(record.data()))) {
                    out.add(new String(data, StandardCharsets.UTF_8));
                }
            }
            return out;
        }
    },

    FIREHOSE("Firehose", DestinationTypes.FIREHOSE, "maxRecordBytes", "2000000") {
        @Override
        public void prepare(LocalAwsEndpoint endpoint, String resource) {
            endpoint.firehose().createDeliveryStream(resource);
        }

        @Override
        public String attributes(String resource) {
            return "deliveryStreamName=\"" + resource + "\"";
        }

        @Override
        public String everyAttribute(String resource) {
            return attributes(resource) + " packRecords=\"true\" maxRecordBytes=\"512000\"";
        }

        @Override
        public List<String> jsonTexts(LocalAwsEndpoint endpoint, String resource) {
            List<String> out = new ArrayList<>();
            if (!endpoint.firehose().deliveryStreamExists(resource)) {
                return out;
            }
            for (byte[] record : endpoint.firehose().records(resource)) {
                // NDJSON: one event per line, several lines per record when packed.
                for (String line : new String(record, StandardCharsets.UTF_8).split("\n")) {
                    if (!line.isEmpty()) {
                        out.add(line);
                    }
                }
            }
            return out;
        }
    },

    CLOUDWATCH_LOGS("CloudWatchLogs", DestinationTypes.CLOUDWATCH_LOGS, "retentionDays", "8") {
        @Override
        public void prepare(LocalAwsEndpoint endpoint, String resource) {
            // created by the appender (createLogGroup / createLogStream default to true)
        }

        @Override
        public String attributes(String resource) {
            return "logGroup=\"/logbeam/" + resource + "\" logStream=\"" + resource + "-stream\"";
        }

        @Override
        public String everyAttribute(String resource) {
            return attributes(resource) + " createLogGroup=\"true\" createLogStream=\"true\" retentionDays=\"7\""
                    + " logGroupClass=\"STANDARD\" maxEventBytes=\"262118\"";
        }

        @Override
        public List<String> jsonTexts(LocalAwsEndpoint endpoint, String resource) {
            List<String> out = new ArrayList<>();
            String group = "/logbeam/" + resource;
            String stream = resource + "-stream";
            if (!endpoint.logs().logStreamExists(group, stream)) {
                return out;
            }
            for (LogEvent event : endpoint.logs().events(group, stream)) {
                out.add(event.message());
            }
            return out;
        }
    };

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String element;
    private final DestinationType type;
    private final String invalidAttribute;
    private final String invalidValue;

    Target(String element, DestinationType type, String invalidAttribute, String invalidValue) {
        this.element = element;
        this.type = type;
        this.invalidAttribute = invalidAttribute;
        this.invalidValue = invalidValue;
    }

    /** The destination behind the element. */
    public DestinationType type() {
        return type;
    }

    /** A destination attribute that the destination rejects with {@link #invalidValue()}. */
    public String invalidAttribute() {
        return invalidAttribute;
    }

    public String invalidValue() {
        return invalidValue;
    }

    /** The element name in {@code log4j2.xml}. */
    public String element() {
        return element;
    }

    /** Creates what the appender needs on the endpoint and does not create itself. */
    public abstract void prepare(LocalAwsEndpoint endpoint, String resource);

    /** The destination's required attributes for {@code resource}. */
    public abstract String attributes(String resource);

    /** Every destination attribute of the element, with values that still let {@link #events} read the data. */
    public abstract String everyAttribute(String resource);

    /** Attributes {@link #everyAttribute} cannot set together with the others. */
    public Set<String> leftOutOfEveryAttribute() {
        return Set.of();
    }

    /** The JSON text of every event the endpoint accepted for {@code resource}, in arrival order per shard/stream. */
    public abstract List<String> jsonTexts(LocalAwsEndpoint endpoint, String resource);

    /** {@link #jsonTexts}, parsed. */
    public List<JsonNode> events(LocalAwsEndpoint endpoint, String resource) {
        List<JsonNode> out = new ArrayList<>();
        for (String text : jsonTexts(endpoint, resource)) {
            try {
                out.add(JSON.readTree(text));
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + text, e);
            }
        }
        return out;
    }

    /** The {@code message} of every event. */
    public List<String> messages(LocalAwsEndpoint endpoint, String resource) {
        List<String> out = new ArrayList<>();
        for (JsonNode event : events(endpoint, resource)) {
            out.add(event.path("message").asText());
        }
        return out;
    }

    /** The connection attributes every test uses: the endpoint, its region and static test credentials. */
    public static String connection(URI endpoint) {
        return "region=\"" + TestCredentials.REGION + "\" endpoint=\"" + endpoint + "\" accessKeyId=\""
                + TestCredentials.ACCESS_KEY_ID + "\" secretAccessKey=\"" + TestCredentials.SECRET_ACCESS_KEY + "\"";
    }

    /** One {@code <Element name=... .../>} line writing to {@code resource}. */
    public String element(String name, URI endpoint, String resource, String attributes) {
        return element(name, endpoint, attributes(resource) + " " + attributes);
    }

    /** One {@code <Element name=... .../>} line with the connection attributes and {@code attributes}. */
    public String element(String name, URI endpoint, String attributes) {
        return "    <" + element + " name=\"" + name + "\" " + connection(endpoint) + " " + attributes + "/>";
    }

    static byte[] gunzipIfCompressed(byte[] data) {
        if (data.length < 2 || (data[0] & 0xff) != 0x1f || (data[1] & 0xff) != 0x8b) {
            return data;
        }
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(data))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

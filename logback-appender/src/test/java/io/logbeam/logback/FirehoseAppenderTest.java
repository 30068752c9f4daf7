package io.logbeam.logback;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link FirehoseAppender} against the testkit's Firehose: records are NDJSON, possibly packed. */
class FirehoseAppenderTest extends DestinationAppenderContract {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    protected String appenderName() {
        return "FIREHOSE";
    }

    @Override
    protected String everyPropertyResource() {
        return "/firehose-logback.xml";
    }

    @Override
    protected Class<? extends LogbeamAppenderBase> appenderClass() {
        return FirehoseAppender.class;
    }

    @Override
    protected String destinationProperties(String target) {
        return "<deliveryStreamName>" + target + "</deliveryStreamName>\n";
    }

    @Override
    protected void createTarget(String target) {
        endpoint.firehose().createDeliveryStream(target);
    }

    @Override
    protected List<JsonNode> shipped(String target) {
        List<JsonNode> events = new ArrayList<>();
        for (byte[] record : endpoint.firehose().records(target)) {
            String text = new String(record, StandardCharsets.UTF_8);
            assertThat(text).as("every event ends with a newline").endsWith("\n");
            for (String line : text.split("\n")) {
                try {
                    events.add(JSON.readTree(line));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        return events;
    }

    @Override
    protected Map<String, String> invalidDestinationProperties() {
        return Map.of("deliveryStreamName", "<deliveryStreamName>no spaces allowed</deliveryStreamName>\n",
                "maxRecordBytes", "<maxRecordBytes>100</maxRecordBytes>\n");
    }

    @Override
    protected String requiredProperty() {
        return "deliveryStreamName";
    }
}

package io.logbeam.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP framing and the JSON wire shapes, checked with hand-written requests on a plain socket. */
class RawHttpTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:15:30.123Z"));
    private LocalAwsEndpoint endpoint;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    @BeforeEach
    void start() throws IOException {
        endpoint = LocalAwsEndpoint.builder().clock(clock).start();
        endpoint.kinesis().createStream("raw", 1);
        socket = new Socket();
        socket.connect(new InetSocketAddress(Loopback.ADDRESS, endpoint.port()), 5_000);
        socket.setSoTimeout(10_000);
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    @AfterEach
    void stop() throws IOException {
        socket.close();
        endpoint.close();
    }

    @Test
    void jsonKinesisRequestsOnOneKeepAliveConnection() throws IOException {
        String data = Base64.getEncoder().encodeToString("hello".getBytes(StandardCharsets.UTF_8));
        Response put = send("Kinesis_20131202.PutRecords", "application/x-amz-json-1.1",
                "{\"StreamName\":\"raw\",\"Records\":[{\"Data\":\"" + data + "\",\"PartitionKey\":\"pk\"}]}", Map.of());
        assertThat(put.status).isEqualTo(200);
        assertThat(put.headers.get("content-type")).isEqualTo("application/x-amz-json-1.1");
        assertThat(put.json().get("FailedRecordCount").asInt()).isZero();

        Response iterator = send("Kinesis_20131202.GetShardIterator", "application/x-amz-json-1.1",
                "{\"StreamName\":\"raw\",\"ShardId\":\"shardId-000000000000\",\"ShardIteratorType\":\"TRIM_HORIZON\"}",
                Map.of());
        Response records = send("Kinesis_20131202.GetRecords", "application/x-amz-json-1.1",
                "{\"ShardIterator\":\"" + iterator.json().get("ShardIterator").asText() + "\"}", Map.of());

        JsonNode record = records.json().get("Records").get(0);
        assertThat(record.get("Data").asText()).isEqualTo(data);
        // JSON timestamps are epoch seconds with a fraction, written plainly.
        assertThat(records.body).contains("\"ApproximateArrivalTimestamp\":1772360130.123");
        assertThat(endpoint.requests().count()).isEqualTo(3);
    }

    @Test
    void chunkedBodiesAndExpectContinueAreUnderstood() throws IOException {
        String body = "{\"StreamName\":\"raw\",\"PartitionKey\":\"pk\",\"Data\":\"aGk=\"}";
        String head = "POST / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Amz-Target: Kinesis_20131202.PutRecord\r\n"
                + "Content-Type: application/x-amz-json-1.1\r\nTransfer-Encoding: chunked\r\n"
                + "Expect: 100-continue\r\n\r\n";
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        assertThat(readLine()).isEqualTo("HTTP/1.1 100 Continue");
        assertThat(readLine()).isEmpty();
        String chunked = Integer.toHexString(10) + ";ext=1\r\n" + body.substring(0, 10) + "\r\n"
                + Integer.toHexString(body.length() - 10) + "\r\n" + body.substring(10) + "\r\n0\r\n\r\n";
        out.write(chunked.getBytes(StandardCharsets.US_ASCII));
        out.flush();

        Response response = readResponse();
        assertThat(response.status).isEqualTo(200);
        assertThat(endpoint.kinesis().records("raw")).singleElement()
                .satisfies(record -> assertThat(record.dataAsUtf8()).isEqualTo("hi"));
    }

    @Test
    void unknownTargetsAreRejectedAndRecordedAsViolations() throws IOException {
        Response response = send("Kinesis_20131202.SplitShard", "application/x-amz-json-1.1", "{}", Map.of());

        assertThat(response.status).isEqualTo(400);
        assertThat(response.headers.get("x-amzn-errortype")).isEqualTo("UnknownOperationException");
        assertThat(response.json().get("__type").asText()).isEqualTo("UnknownOperationException");
        assertThat(endpoint.requests().unknownCount()).isEqualTo(1);
        assertThat(endpoint.violations()).singleElement().asString().contains("SplitShard");
    }

    @Test
    void getRequestsAreAnsweredButAreNoViolation() throws IOException {
        out.write("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();

        assertThat(readResponse().status).isEqualTo(404);
        assertThat(endpoint.violations()).isEmpty();
    }

    @Test
    void malformedBodiesAreSerializationErrors() throws IOException {
        Response response = send("Logs_20140328.PutLogEvents", "application/x-amz-json-1.1", "{not json", Map.of());

        assertThat(response.status).isEqualTo(400);
        assertThat(response.json().get("__type").asText()).isEqualTo("SerializationException");
        assertThat(endpoint.violations()).hasSize(1);
    }

    @Test
    void connectionCloseIsHonoured() throws IOException {
        Response response = send("Kinesis_20131202.ListStreams", "application/x-amz-json-1.1", "{}",
                Map.of("Connection", "close"));

        assertThat(response.headers.get("connection")).isEqualTo("close");
        assertThat(in.read()).isEqualTo(-1);
    }

    private Response send(String target, String contentType, String body, Map<String, String> extraHeaders)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder("POST / HTTP/1.1\r\nHost: 127.0.0.1\r\n")
                .append("X-Amz-Target: ").append(target).append("\r\n")
                .append("Content-Type: ").append(contentType).append("\r\n")
                .append("Content-Length: ").append(bytes.length).append("\r\n");
        extraHeaders.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("\r\n");
        out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.flush();
        return readResponse();
    }

    private Response readResponse() throws IOException {
        String statusLine = readLine();
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = readLine(); !line.isEmpty(); line = readLine()) {
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        byte[] body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
        return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("connection closed");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    private record Response(int status, Map<String, String> headers, String body) {
        JsonNode json() throws IOException {
            return JSON.readTree(body);
        }
    }
}

package io.logbeam.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamDescription;
import software.amazon.awssdk.services.firehose.model.DeliveryStreamStatus;
import software.amazon.awssdk.services.firehose.model.InvalidArgumentException;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponse;
import software.amazon.awssdk.services.firehose.model.Record;
import software.amazon.awssdk.services.firehose.model.ResourceInUseException;
import software.amazon.awssdk.services.firehose.model.ResourceNotFoundException;

class FirehoseEndpointTest {

    private LocalAwsEndpoint endpoint;
    private FirehoseClient firehose;

    @BeforeEach
    void start() {
        endpoint = LocalAwsEndpoint.start();
        firehose = SdkClients.firehose(endpoint.uri());
    }

    @AfterEach
    void stop() {
        firehose.close();
        endpoint.close();
    }

    @Test
    void putRecordBatchAndPutRecordAreStoredInOrder() {
        endpoint.firehose().createDeliveryStream("events");
        List<Record> records = IntStream.range(0, 20).mapToObj(i -> record("{\"n\":" + i + "}\n")).toList();

        PutRecordBatchResponse response = firehose.putRecordBatch(r -> r.deliveryStreamName("events")
                .records(records));
        String single = firehose.putRecord(r -> r.deliveryStreamName("events").record(record("last\n"))).recordId();

        assertThat(response.failedPutCount()).isZero();
        assertThat(response.encrypted()).isFalse();
        assertThat(response.requestResponses()).hasSize(20)
                .allSatisfy(entry -> assertThat(entry.recordId()).isNotBlank())
                .extracting(entry -> entry.recordId()).doesNotHaveDuplicates().doesNotContain(single);
        List<String> stored = endpoint.firehose().records("events").stream()
                .map(bytes -> new String(bytes, StandardCharsets.UTF_8)).toList();
        List<String> expected = new ArrayList<>(IntStream.range(0, 20).mapToObj(i -> "{\"n\":" + i + "}\n").toList());
        expected.add("last\n");
        assertThat(stored).containsExactlyElementsOf(expected);
        assertThat(endpoint.requests().contentTypes(AwsOperation.FIREHOSE_PUT_RECORD_BATCH))
                .containsExactly("application/x-amz-json-1.1");
        assertThat(endpoint.violations()).isEmpty();
    }

    @Test
    void controlPlaneOperationsAndMissingOrExistingStreams() {
        String arn = firehose.createDeliveryStream(r -> r.deliveryStreamName("made-by-sdk")).deliveryStreamARN();
        assertThat(arn).isEqualTo("arn:aws:firehose:us-east-1:000000000000:deliverystream/made-by-sdk");
        DeliveryStreamDescription description = firehose.describeDeliveryStream(
                r -> r.deliveryStreamName("made-by-sdk")).deliveryStreamDescription();
        assertThat(description.deliveryStreamStatus()).isEqualTo(DeliveryStreamStatus.ACTIVE);
        assertThat(description.createTimestamp()).isNotNull();

        assertThatThrownBy(() -> firehose.createDeliveryStream(r -> r.deliveryStreamName("made-by-sdk")))
                .isInstanceOf(ResourceInUseException.class);
        firehose.deleteDeliveryStream(r -> r.deliveryStreamName("made-by-sdk"));
        assertThatThrownBy(() -> firehose.putRecordBatch(r -> r.deliveryStreamName("made-by-sdk")
                .records(record("x"))))
                .isInstanceOf(ResourceNotFoundException.class)
                .hasMessageContaining("Firehose made-by-sdk under account 000000000000 not found.");
        assertThatThrownBy(() -> firehose.describeDeliveryStream(r -> r.deliveryStreamName("made-by-sdk")))
                .isInstanceOf(ResourceNotFoundException.class);
        assertThat(endpoint.violations()).isEmpty();
    }

    @Test
    void moreThan500RecordsAreRejected() {
        endpoint.firehose().createDeliveryStream("events");
        List<Record> records = IntStream.range(0, 501).mapToObj(i -> record("x")).toList();

        assertThatThrownBy(() -> firehose.putRecordBatch(r -> r.deliveryStreamName("events").records(records)))
                .satisfies(e -> assertThat(FaultInjectionTest.errorCode(e)).isEqualTo("ValidationException"))
                .hasMessageContaining("less than or equal to 500");
        firehose.putRecordBatch(r -> r.deliveryStreamName("events").records(records.subList(0, 500)));
        assertThat(endpoint.firehose().records("events")).hasSize(500);
        assertThat(endpoint.violations()).hasSize(1);
    }

    @Test
    void recordsAreLimitedTo1000KibAndBatchesTo4Mib() {
        endpoint.firehose().createDeliveryStream("events");
        assertThatThrownBy(() -> firehose.putRecordBatch(r -> r.deliveryStreamName("events")
                .records(record(new byte[1_024_001]))))
                .satisfies(e -> assertThat(FaultInjectionTest.errorCode(e)).isEqualTo("ValidationException"))
                .hasMessageContaining("'records.1.member.data'")
                .hasMessageContaining("less than or equal to 1024000");
        assertThatThrownBy(() -> firehose.putRecord(r -> r.deliveryStreamName("events")
                .record(record(new byte[1_024_001]))))
                .satisfies(e -> assertThat(FaultInjectionTest.errorCode(e)).isEqualTo("ValidationException"));

        // 4 x 1,024,000 + 98,304 = 4,194,304 bytes: exactly 4 MiB is accepted, one byte more is not.
        List<Record> fourMib = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            fourMib.add(record(new byte[1_024_000]));
        }
        fourMib.add(record(new byte[98_304]));
        firehose.putRecordBatch(r -> r.deliveryStreamName("events").records(fourMib));
        List<Record> tooBig = new ArrayList<>(fourMib);
        tooBig.add(record(new byte[1]));
        assertThatThrownBy(() -> firehose.putRecordBatch(r -> r.deliveryStreamName("events").records(tooBig)))
                .isInstanceOf(InvalidArgumentException.class)
                .hasMessageContaining("Records size exceeds 4 MB limit");

        assertThat(endpoint.firehose().records("events")).hasSize(5);
        assertThat(endpoint.violations()).hasSize(3);
    }

    static Record record(String data) {
        return Record.builder().data(SdkBytes.fromUtf8String(data)).build();
    }

    static Record record(byte[] data) {
        return Record.builder().data(SdkBytes.fromByteArray(data)).build();
    }
}

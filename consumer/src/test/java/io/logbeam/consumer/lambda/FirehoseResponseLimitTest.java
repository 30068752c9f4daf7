package io.logbeam.consumer.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import io.logbeam.consumer.TestData;
import io.logbeam.consumer.testing.LambdaEvents;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The response, as the Lambda runtime writes it, never exceeds the limit; what does not fit fails visibly. */
class FirehoseResponseLimitTest {

    @Test
    void recordsBeyondTheLimitFailAndTheSerialisedResponseFits() {
        int limit = 100_000;
        byte[] ndjson = TestData.ndjson(IntStream.range(0, 100).mapToObj(i -> TestData.event(i, "app")).toList());
        byte[] record = TestData.gzip(ndjson);
        FirehoseTransformationHandler handler = new FirehoseTransformationHandler(new ConsumerSettings(Map.of()), limit);

        FirehoseTransformationResponse response = handler.handleRequest(
                LambdaEvents.firehose(Collections.nCopies(10, record)), null);
        String json = LambdaJson.response(response, FirehoseTransformationResponse.class);

        List<String> results = response.getRecords().stream().map(FirehoseTransformationResponse.Record::getResult)
                .toList();
        int ok = results.lastIndexOf("Ok") + 1;
        assertThat(ok).isBetween(1, 9);
        assertThat(results.subList(0, ok)).containsOnly("Ok");
        assertThat(results.subList(ok, 10)).containsOnly("ProcessingFailed");
        int oneMore = (ndjson.length + 2) / 3 * 4;
        assertThat(json.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(limit)
                .isGreaterThan(limit - oneMore - 300);
    }
}

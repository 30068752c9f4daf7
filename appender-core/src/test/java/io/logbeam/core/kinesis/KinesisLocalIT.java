package io.logbeam.core.kinesis;

import static org.assertj.core.api.Assertions.assertThat;

import io.logbeam.testkit.Emulator;
import io.logbeam.testkit.KinesisLocal;
import io.logbeam.testkit.RequiresEmulator;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Round trips through kinesis-local (kinesis-mock), with the SDK's default CBOR protocol. */
@RequiresEmulator(Emulator.KINESIS_LOCAL)
@Timeout(300)
class KinesisLocalIT {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "plain, false, none, random",
        "gzip, false, gzip, {mdc:tenant}",
        "aggregated, true, none, random",
        "aggregated-gzip, true, gzip, {mdc:tenant}"})
    void shipsAndReadsBack(String stream, boolean aggregation, String compression, String partitionKey,
            KinesisLocal kinesisLocal) {
        assertThat(KinesisDestination.cborEnabled()).as("the SDK default, CBOR, is what this test covers").isTrue();
        KinesisRoundTrip roundTrip = new KinesisRoundTrip(kinesisLocal.uri(), 2);
        roundTrip.createStream(stream, 2);
        roundTrip.shipAndReadBack(stream, 2000, aggregation, compression, partitionKey);
    }

    /** {@code httpClient=crt}: the AWS CRT client, with CBOR, aggregated and gzip'd. */
    @Test
    void shipsOverTheCrtClient(KinesisLocal kinesisLocal) {
        KinesisRoundTrip roundTrip = new KinesisRoundTrip(kinesisLocal.uri(), 2);
        roundTrip.createStream("crt", 2);
        roundTrip.shipAndReadBack("crt", 2000, true, "gzip", "random", Map.of("httpClient", "crt"));
    }
}

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

    /** 1,000 tenants on 4 shards: aggregated per shard, every event read (as KCL reads) from its tenant's shard. */
    @Test
    void aggregatesByShardAndEveryEventIsReadFromItsKeysShard(KinesisLocal kinesisLocal) {
        KinesisRoundTrip roundTrip = new KinesisRoundTrip(kinesisLocal.uri(), 2);
        roundTrip.createStream("by-shard", 4);
        roundTrip.shipByShardAndReadBack("by-shard", 20_000, 1_000, 4, 0);
    }

    /**
     * kinesis-local reshards with UpdateShardCount: 4 shards become 6 after half the events, while the appender still
     * holds the old shard map. Nothing is lost, and KCL's reading keeps every event once, on its tenant's shard.
     */
    @Test
    void reshardingInTheMiddleOfARunLosesNothing(KinesisLocal kinesisLocal) {
        KinesisRoundTrip roundTrip = new KinesisRoundTrip(kinesisLocal.uri(), 2);
        roundTrip.createStream("reshard", 4);
        roundTrip.shipByShardAndReadBack("reshard", 20_000, 1_000, 4, 6);
    }

    /** {@code httpClient=crt}: the AWS CRT client, with CBOR, aggregated and gzip'd. */
    @Test
    void shipsOverTheCrtClient(KinesisLocal kinesisLocal) {
        KinesisRoundTrip roundTrip = new KinesisRoundTrip(kinesisLocal.uri(), 2);
        roundTrip.createStream("crt", 2);
        roundTrip.shipAndReadBack("crt", 2000, true, "gzip", "random", Map.of("httpClient", "crt"));
    }
}

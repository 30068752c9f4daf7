package io.logbeam.testkit;

/**
 * The write rates {@link LocalAwsEndpoint}'s Kinesis allows each shard of a stream, per second of the endpoint's
 * clock. A record beyond either rate fails with {@code ProvisionedThroughputExceededException} and is not stored,
 * as Kinesis does; it counts against the shard its explicit hash key, else its partition key, maps to.
 *
 * @param recordsPerSecond records a shard accepts per clock second
 * @param bytesPerSecond   bytes (data plus partition key) a shard accepts per clock second; a record larger than this
 *                         (a stream with a raised {@code MaxRecordSizeInKiB}) is accepted as the first of its second
 */
public record ShardRates(int recordsPerSecond, long bytesPerSecond) {

    /** What Kinesis allows a provisioned shard: 1,000 records and 1 MiB per second. The default of every stream. */
    public static final ShardRates KINESIS = new ShardRates(1000, 1024 * 1024);

    /** No rate limit: for tests and benchmarks that measure the client rather than a stream's capacity. */
    public static final ShardRates UNLIMITED = new ShardRates(Integer.MAX_VALUE, Long.MAX_VALUE);

    /** Checks that both rates are positive. */
    public ShardRates {
        if (recordsPerSecond <= 0 || bytesPerSecond <= 0) {
            throw new IllegalArgumentException("rates must be positive");
        }
    }
}

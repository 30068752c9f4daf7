package io.logbeam.log4j2.reliability;

import io.logbeam.log4j2.testing.Target;
import io.logbeam.testkit.ShardRates;
import io.logbeam.testkit.LocalAwsEndpoint;

import java.util.List;

/** The destinations of the Log4j2 reliability tests: the testing {@link Target}s, plus Kinesis with aggregation. */
enum Log4j2Destination {

    KINESIS(Target.KINESIS, ""),
    KINESIS_AGGREGATED(Target.KINESIS, "aggregation=\"true\""),
    FIREHOSE(Target.FIREHOSE, ""),
    CLOUDWATCH_LOGS(Target.CLOUDWATCH_LOGS, "");

    static final String RESOURCE = "rel";

    final Target target;
    final String extra;

    Log4j2Destination(Target target, String extra) {
        this.target = target;
        this.extra = extra;
    }

    void prepare(LocalAwsEndpoint endpoint) {
        target.prepare(endpoint, RESOURCE);
        if (target == Target.KINESIS) {
            // 16 threads logging 800,000 events as fast as they can would keep a 4-shard stream throttled for
            // minutes; these tests are about accounting under concurrency, not about a stream's capacity.
            endpoint.kinesis().shardRates(RESOURCE, ShardRates.UNLIMITED);
        }
    }

    /** One element named {@code name} with {@code attributes} added to the destination's own. */
    String element(String name, LocalAwsEndpoint endpoint, String attributes) {
        return target.element(name, endpoint.uri(), RESOURCE, "jmx=\"false\" includeHost=\"false\" " + extra + " "
                + attributes);
    }

    /** The JSON of every stored event, duplicates included. */
    List<String> stored(LocalAwsEndpoint endpoint) {
        return target.jsonTexts(endpoint, RESOURCE);
    }
}

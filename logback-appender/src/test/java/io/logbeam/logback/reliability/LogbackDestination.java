package io.logbeam.logback.reliability;

import io.logbeam.logback.testing.KinesisData;
import io.logbeam.testkit.KinesisRecord;
import io.logbeam.testkit.LocalAwsEndpoint;
import io.logbeam.testkit.LogEvent;
import io.logbeam.testkit.ShardRates;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The destinations as a logback.xml configures them for the reliability tests: the appender element with
 * its destination properties, the resource to create on the testkit endpoint, and the stored events read back
 * as a consumer would (one JSON object per event).
 */
enum LogbackDestination {

    KINESIS("io.logbeam.logback.KinesisAppender", "<streamName>rel</streamName>\n"),
    KINESIS_AGGREGATED("io.logbeam.logback.KinesisAppender", "<streamName>rel</streamName>\n"
            + "<aggregation>true</aggregation>\n"),
    FIREHOSE("io.logbeam.logback.FirehoseAppender", "<deliveryStreamName>rel</deliveryStreamName>\n"),
    CLOUDWATCH_LOGS("io.logbeam.logback.CloudWatchLogsAppender", "<logGroup>/rel</logGroup>\n"
            + "<logStream>rel</logStream>\n");

    final String appenderClass;
    final String properties;

    LogbackDestination(String appenderClass, String properties) {
        this.appenderClass = appenderClass;
        this.properties = properties;
    }

    /** An appender element named {@code name} pointed at {@code endpoint}, with {@code extra} properties. */
    String appender(String name, LocalAwsEndpoint endpoint, String extra) {
        return "<appender name=\"" + name + "\" class=\"" + appenderClass + "\">\n" + properties
                + "<region>us-east-1</region>\n<endpoint>" + endpoint.uri() + "</endpoint>\n"
                + "<accessKeyId>test</accessKeyId>\n<secretAccessKey>test</secretAccessKey>\n"
                + "<jmx>false</jmx>\n<includeHost>false</includeHost>\n<maxBatchDelay>100 millis</maxBatchDelay>\n"
                + extra + "</appender>\n";
    }

    void create(LocalAwsEndpoint endpoint) {
        switch (this) {
            case KINESIS, KINESIS_AGGREGATED -> {
                endpoint.kinesis().createStream("rel", 4);
                // 16 threads logging 800,000 events as fast as they can would keep a 4-shard stream throttled for
                // minutes; these tests are about accounting under concurrency, not about a stream's capacity.
                endpoint.kinesis().shardRates("rel", ShardRates.UNLIMITED);
            }
            case FIREHOSE -> endpoint.firehose().createDeliveryStream("rel");
            default -> {
                // the appender creates its group and stream
            }
        }
    }

    /** Every stored event's JSON, duplicates included. */
    List<byte[]> stored(LocalAwsEndpoint endpoint) {
        List<byte[]> out = new ArrayList<>();
        switch (this) {
            case KINESIS, KINESIS_AGGREGATED -> {
                for (KinesisRecord record : endpoint.kinesis().records("rel")) {
                    out.addAll(KinesisData.events(record.data()));
                }
            }
            case FIREHOSE -> {
                for (byte[] record : endpoint.firehose().records("rel")) {
                    for (String line : new String(record, StandardCharsets.UTF_8).split("\n")) {
                        out.add(line.getBytes(StandardCharsets.UTF_8));
                    }
                }
            }
            default -> {
                if (endpoint.logs().logStreamExists("/rel", "rel")) {
                    for (LogEvent event : endpoint.logs().events("/rel", "rel")) {
                        out.add(event.message().getBytes(StandardCharsets.UTF_8));
                    }
                }
            }
        }
        return out;
    }
}

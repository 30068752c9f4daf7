package io.logbeam.consumer.testing;

import io.logbeam.testkit.TestCredentials;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;
import software.amazon.awssdk.services.s3.S3Client;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/** SDK clients for a loopback endpoint with the testkit's static dummy credentials, and a raw stream reader. */
public final class LocalClients {

    private LocalClients() {
    }

    private static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(TestCredentials.ACCESS_KEY_ID,
                TestCredentials.SECRET_ACCESS_KEY));
    }

    public static KinesisClient kinesis(URI endpoint) {
        return KinesisClient.builder().endpointOverride(endpoint).region(Region.of(TestCredentials.REGION))
                .credentialsProvider(credentials()).httpClient(UrlConnectionHttpClient.create()).build();
    }

    public static S3Client s3(URI endpoint) {
        return S3Client.builder().endpointOverride(endpoint).region(Region.of(TestCredentials.REGION))
                .credentialsProvider(credentials()).forcePathStyle(true).httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /** A CloudWatch client for moto, through {@link MotoCloudWatchProtocol}. */
    public static CloudWatchClient cloudWatchForMoto(URI endpoint) {
        return CloudWatchClient.builder().endpointOverride(endpoint).region(Region.of(TestCredentials.REGION))
                .credentialsProvider(credentials()).httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(o -> o.addExecutionInterceptor(new MotoCloudWatchProtocol())
                        .compressionConfiguration(c -> c.requestCompressionEnabled(false)))
                .build();
    }

    public static CloudWatchLogsClient logs(URI endpoint) {
        return CloudWatchLogsClient.builder().endpointOverride(endpoint).region(Region.of(TestCredentials.REGION))
                .credentialsProvider(credentials()).httpClient(UrlConnectionHttpClient.create()).build();
    }

    /** Every record of every shard, read with GetRecords from the start, as a consumer reads them. */
    public static List<LambdaEvents.Raw> readAll(KinesisClient kinesis, String stream) {
        List<LambdaEvents.Raw> out = new ArrayList<>();
        for (Shard shard : kinesis.listShards(r -> r.streamName(stream)).shards()) {
            String iterator = kinesis.getShardIterator(r -> r.streamName(stream).shardId(shard.shardId())
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            while (iterator != null) {
                String current = iterator;
                var response = kinesis.getRecords(r -> r.shardIterator(current).limit(1000));
                for (Record r : response.records()) {
                    out.add(new LambdaEvents.Raw(r.sequenceNumber(), r.partitionKey(), r.data().asByteArray(),
                            r.approximateArrivalTimestamp()));
                }
                boolean caughtUp = response.records().isEmpty()
                        && (response.millisBehindLatest() == null || response.millisBehindLatest() == 0);
                iterator = caughtUp ? null : response.nextShardIterator();
            }
        }
        return out;
    }
}

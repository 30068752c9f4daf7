package io.logbeam.consumer.lambda;

import io.logbeam.consumer.BatchOutcome;
import io.logbeam.consumer.KinesisToMetrics;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;

import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;

import java.time.Instant;

/**
 * Lambda handler, Kinesis event source to CloudWatch metrics: events per minute by {@code log_type},
 * {@code level} and optionally one more field ({@link KinesisToMetrics}, with {@code PutMetricData}).
 *
 * <p>Configuration: {@code LOGBEAM_METRICS_NAMESPACE} (default {@code Logbeam}), {@code LOGBEAM_METRICS_DIMENSION}
 * (e.g. {@code service} or {@code lambda.function}), {@code LOGBEAM_LOG_TYPES}, {@code LOGBEAM_UNKNOWN_PREFIX}
 * and the key names, see {@link ConsumerSettings}.
 */
public class KinesisToMetricsHandler implements RequestHandler<KinesisEvent, StreamsEventResponse> {

    private final KinesisToMetrics metrics;

    /** Configured from the environment; the CloudWatch client is built during the function's init. */
    public KinesisToMetricsHandler() {
        this(ConsumerSettings.fromEnvironment());
    }

    private KinesisToMetricsHandler(ConsumerSettings settings) {
        this(ConsumerClients.cloudWatch(settings.endpoint(), null), settings);
    }

    /** With a client of the caller's. */
    public KinesisToMetricsHandler(CloudWatchClient cloudWatch, ConsumerSettings settings) {
        String dimension = settings.metricsDimension();
        this.metrics = new KinesisToMetrics(cloudWatch, settings.metricsNamespace(), dimension, settings.routing(),
                settings.decoder(dimension), Instant::now);
    }

    @Override
    public StreamsEventResponse handleRequest(KinesisEvent event, Context context) {
        BatchOutcome outcome = metrics.process(LambdaRecords.of(event));
        Logs.summary(context, "kinesis-to-metrics", outcome);
        return LambdaRecords.response(outcome.failedRecords());
    }
}

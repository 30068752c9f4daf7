package io.logbeam.consumer.lambda;

import io.logbeam.consumer.BatchOutcome;
import io.logbeam.consumer.KinesisForward;
import io.logbeam.consumer.KinesisForwarder;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;

import software.amazon.awssdk.services.kinesis.KinesisClient;

import java.time.Duration;

/**
 * Lambda handler, Kinesis event source to another Kinesis stream ({@link KinesisForward}): as they are, or only
 * the allowed log types. Entries that fail are resent alone; records still failing after
 * {@code LOGBEAM_MAX_RETRIES} are reported in {@code batchItemFailures}.
 *
 * <p>Configuration: {@code LOGBEAM_TARGET_STREAM} (required), {@code LOGBEAM_MAX_RETRIES} (default 5),
 * {@code LOGBEAM_LOG_TYPES}, {@code LOGBEAM_UNKNOWN_PREFIX} and the key names, see {@link ConsumerSettings}.
 */
public class KinesisForwardHandler implements RequestHandler<KinesisEvent, StreamsEventResponse> {

    private final KinesisForward forward;

    /** Configured from the environment; the Kinesis client is built during the function's init. */
    public KinesisForwardHandler() {
        this(ConsumerSettings.fromEnvironment());
    }

    private KinesisForwardHandler(ConsumerSettings settings) {
        this(ConsumerClients.kinesis(settings.endpoint(), null), settings, Duration.ofMillis(100));
    }

    /** With a client and first backoff of the caller's. */
    public KinesisForwardHandler(KinesisClient kinesis, ConsumerSettings settings, Duration baseDelay) {
        KinesisForwarder forwarder = new KinesisForwarder(kinesis, settings.targetStream(), settings.maxRetries(),
                baseDelay);
        this.forward = new KinesisForward(forwarder, settings.routing(), settings.decoder(null));
    }

    @Override
    public StreamsEventResponse handleRequest(KinesisEvent event, Context context) {
        BatchOutcome outcome = forward.process(LambdaRecords.of(event));
        Logs.summary(context, "kinesis-forward", outcome);
        return LambdaRecords.response(outcome.failedRecords());
    }
}

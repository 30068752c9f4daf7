package io.logbeam.consumer.lambda;

import io.logbeam.consumer.BatchOutcome;
import io.logbeam.consumer.KinesisToS3;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;

import software.amazon.awssdk.services.s3.S3Client;

/**
 * Lambda handler, Kinesis event source to S3: each batch's events are stored per log type as gzip'd NDJSON
 * objects ({@link KinesisToS3}). Turn on {@code ReportBatchItemFailures} on the event source mapping: records
 * whose object could not be written are reported, the others are not sent again.
 *
 * <p>Configuration: {@code LOGBEAM_S3_BUCKET} (required), {@code LOGBEAM_S3_PREFIX}, {@code LOGBEAM_LOG_TYPES},
 * {@code LOGBEAM_UNKNOWN_PREFIX}, {@code LOGBEAM_FAILED_PREFIX} and the key names, see {@link ConsumerSettings}.
 */
public class KinesisToS3Handler implements RequestHandler<KinesisEvent, StreamsEventResponse> {

    private final KinesisToS3 store;

    /** Configured from the environment; the S3 client is built here, during the function's init. */
    public KinesisToS3Handler() {
        this(ConsumerSettings.fromEnvironment());
    }

    private KinesisToS3Handler(ConsumerSettings settings) {
        this(ConsumerClients.s3(settings.endpoint(), null), settings);
    }

    /** With a client of the caller's (tests, other runtimes). */
    public KinesisToS3Handler(S3Client s3, ConsumerSettings settings) {
        this.store = new KinesisToS3(s3, settings.bucket(), settings.prefix(), settings.routing(),
                settings.decoder(null), settings.failedPrefix());
    }

    @Override
    public StreamsEventResponse handleRequest(KinesisEvent event, Context context) {
        BatchOutcome outcome = store.process(LambdaRecords.of(event));
        Logs.summary(context, "kinesis-to-s3", outcome);
        return LambdaRecords.response(outcome.failedRecords());
    }
}

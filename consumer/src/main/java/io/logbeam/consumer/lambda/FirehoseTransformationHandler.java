package io.logbeam.consumer.lambda;

import io.logbeam.consumer.FirehoseTransformation;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.KinesisFirehoseEvent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * Lambda handler for Firehose data transformation ({@link FirehoseTransformation}): unpacks CloudWatch Logs
 * subscription messages and packed records into NDJSON, and returns partition keys for dynamic partitioning.
 *
 * <p>Configuration: {@code LOGBEAM_LOG_TYPES}, {@code LOGBEAM_UNKNOWN_PREFIX} and the key names, see
 * {@link ConsumerSettings}. It calls no AWS API.
 */
public class FirehoseTransformationHandler
        implements RequestHandler<KinesisFirehoseEvent, FirehoseTransformationResponse> {

    private final FirehoseTransformation transformation;

    /** Configured from the environment. */
    public FirehoseTransformationHandler() {
        this(ConsumerSettings.fromEnvironment(), FirehoseTransformation.LAMBDA_RESPONSE_LIMIT);
    }

    /** Configured from {@code settings}, with a response limit of the caller's (tests). */
    public FirehoseTransformationHandler(ConsumerSettings settings, int responseLimit) {
        this.transformation = new FirehoseTransformation(settings.decoder(null), settings.routing(), responseLimit);
    }

    @Override
    public FirehoseTransformationResponse handleRequest(KinesisFirehoseEvent event, Context context) {
        List<FirehoseTransformation.Input> inputs = new ArrayList<>();
        if (event != null && event.getRecords() != null) {
            for (KinesisFirehoseEvent.Record r : event.getRecords()) {
                Long arrival = r.getApproximateArrivalTimestamp();
                inputs.add(new FirehoseTransformation.Input(r.getRecordId(), LambdaRecords.bytes(r.getData()),
                        arrival == null ? null : Instant.ofEpochMilli(arrival)));
            }
        }
        FirehoseTransformationResponse response = new FirehoseTransformationResponse();
        int[] counts = new int[3];
        for (FirehoseTransformation.Result result : transformation.transform(inputs)) {
            FirehoseTransformationResponse.Record record = new FirehoseTransformationResponse.Record();
            record.setRecordId(result.recordId());
            record.setResult(result.status().name());
            counts[result.status().ordinal()]++;
            if (result.status() == FirehoseTransformation.Status.Ok) {
                record.setData(Base64.getEncoder().encodeToString(result.data()));
                FirehoseTransformationResponse.Metadata metadata = new FirehoseTransformationResponse.Metadata();
                metadata.setPartitionKeys(result.partitionKeys());
                record.setMetadata(metadata);
            } else if (context != null && context.getLogger() != null
                    && result.status() == FirehoseTransformation.Status.ProcessingFailed) {
                context.getLogger().log("[logbeam] firehose-transformation: record " + result.recordId() + " failed: "
                        + result.reason() + "\n");
            }
            response.getRecords().add(record);
        }
        String line = "[logbeam] firehose-transformation: Ok " + counts[0] + ", Dropped " + counts[1]
                + ", ProcessingFailed " + counts[2];
        if (context != null && context.getLogger() != null) {
            context.getLogger().log(line + "\n");
        }
        return response;
    }
}

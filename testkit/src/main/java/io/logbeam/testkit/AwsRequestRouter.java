package io.logbeam.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;

/**
 * Turns one HTTP request into one AWS JSON-protocol exchange: counts it, applies the fault rules, dispatches on
 * {@code X-Amz-Target} and encodes the answer (or the error) in the content type of the request.
 */
final class AwsRequestRouter implements RawHttpServer.ExchangeHandler {

    private final FakeKinesis kinesis;
    private final FakeFirehose firehose;
    private final FakeCloudWatchLogs logs;
    private final Faults faults;
    private final RequestStats stats;
    private final ViolationLog violations;

    AwsRequestRouter(FakeKinesis kinesis, FakeFirehose firehose, FakeCloudWatchLogs logs, Faults faults,
                     RequestStats stats, ViolationLog violations) {
        this.kinesis = kinesis;
        this.firehose = firehose;
        this.logs = logs;
        this.faults = faults;
        this.stats = stats;
        this.violations = violations;
    }

    @Override
    public ExchangeOutcome handle(HttpRequest request) throws InterruptedException {
        if (request.method().equals("GET") && request.path().equals("/health")) {
            return ExchangeOutcome.respond(HttpResponse.of(200, "text/plain",
                    "ok".getBytes(StandardCharsets.US_ASCII)));
        }
        String target = request.header("x-amz-target");
        String contentType = request.header("content-type");
        WireFormat wire = WireFormat.forContentType(contentType);
        Optional<AwsOperation> known = AwsOperation.fromTarget(target);
        AwsOperation operation = known.orElse(null);
        stats.record(operation, request.body().length, contentType);

        if (!request.method().equals("POST")) {
            // Probes and browsers, not SDK traffic: answered, counted as unknown, not a violation.
            return ExchangeOutcome.respond(errorResponse(wire, new ServiceError(404, "UnknownOperationException",
                    "The AWS JSON APIs take POST requests only", false)));
        }
        if (operation == null) {
            String message = "Unsupported X-Amz-Target: " + target;
            violations.add(message);
            return ExchangeOutcome.respond(errorResponse(wire,
                    new ServiceError(400, "UnknownOperationException", message, true)));
        }

        faults.awaitHangRelease(operation);
        faults.applyLatency(operation);
        ResetMode reset = faults.resetFor(operation);
        if (reset == ResetMode.BEFORE_PROCESSING) {
            return ExchangeOutcome.reset();
        }
        HttpResponse response = process(operation, request, wire);
        if (reset == ResetMode.AFTER_PROCESSING) {
            return ExchangeOutcome.reset();
        }
        return ExchangeOutcome.respond(response);
    }

    private HttpResponse process(AwsOperation operation, HttpRequest request, WireFormat wire) {
        ServiceError injected = faults.requestFailure(operation);
        if (injected != null) {
            return errorResponse(wire, injected);
        }
        try {
            ObjectNode input = wire.read(request.body());
            ObjectNode output = switch (operation.service()) {
                case KINESIS -> kinesis.handle(operation, input, wire);
                case FIREHOSE -> firehose.handle(operation, input, wire);
                case LOGS -> logs.handle(operation, input, wire);
            };
            return HttpResponse.of(200, wire.contentType(), wire.write(output))
                    .withHeader("x-amzn-RequestId", UUID.randomUUID().toString());
        } catch (ServiceError error) {
            if (error.violation()) {
                violations.add(operation.target() + ": " + error.code() + ": " + error.getMessage());
            }
            return errorResponse(wire, error);
        } catch (RuntimeException bug) {
            String message = "testkit failure: " + bug;
            violations.add(operation.target() + ": " + message);
            return errorResponse(wire, new ServiceError(500, "InternalFailure", message, false));
        }
    }

    /** The shape the SDK's JSON/CBOR error unmarshaller reads: {@code __type} and {@code message}, plus the
     * {@code x-amzn-ErrorType} header it prefers. */
    private static HttpResponse errorResponse(WireFormat wire, ServiceError error) {
        ObjectNode body = wire.newObject();
        body.put("__type", error.code());
        body.put("message", error.getMessage());
        return HttpResponse.of(error.status(), wire.contentType(), wire.write(body))
                .withHeader("x-amzn-RequestId", UUID.randomUUID().toString())
                .withHeader("x-amzn-ErrorType", error.code());
    }
}

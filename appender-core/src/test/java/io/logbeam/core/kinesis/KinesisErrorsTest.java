package io.logbeam.core.kinesis;

import static org.assertj.core.api.Assertions.assertThat;

import io.logbeam.core.destination.Failure;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class KinesisErrorsTest {

    private final KinesisErrors errors = new KinesisErrors("Kinesis stream 'logs'", "streamName 'logs'", false);

    private static AwsServiceException serviceError(String code, int status) {
        return AwsServiceException.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage("msg").build()).build();
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
        "ResourceNotFoundException, 400, UNUSABLE",
        "AccessDeniedException, 400, UNUSABLE",
        "KMSDisabledException, 400, UNUSABLE",
        "KMSNotFoundException, 400, UNUSABLE",
        "KMSInvalidStateException, 400, UNUSABLE",
        "KMSAccessDeniedException, 400, UNUSABLE",
        "KMSOptInRequired, 400, UNUSABLE",
        "UnrecognizedClientException, 400, UNUSABLE",
        "InvalidArgumentException, 400, REJECTED",
        "ValidationException, 400, REJECTED",
        "ProvisionedThroughputExceededException, 400, RETRYABLE",
        "KMSThrottlingException, 400, RETRYABLE",
        "LimitExceededException, 400, RETRYABLE",
        "ResourceInUseException, 400, RETRYABLE",
        "InternalFailure, 500, RETRYABLE",
        "ServiceUnavailable, 503, RETRYABLE"})
    void requestErrors(String code, int status, Failure.Kind kind) {
        Failure f = errors.request(serviceError(code, status));
        assertThat(f.kind()).isEqualTo(kind);
        assertThat(f.code()).isEqualTo(code);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "ProvisionedThroughputExceededException, RETRYABLE",
        "InternalFailure, RETRYABLE",
        "KMSThrottlingException, RETRYABLE",
        "SomethingNew, RETRYABLE",
        "KMSDisabledException, REJECTED",
        "AccessDeniedException, REJECTED",
        "InvalidArgumentException, REJECTED"})
    void entryErrors(String code, Failure.Kind kind) {
        Failure f = errors.entry(code, "msg");
        assertThat(f.kind()).isEqualTo(kind);
        assertThat(f.ambiguous()).isFalse();
    }

    @Test
    void aBareHttp500FromAnEmulatorSpeakingCborGetsAHint() {
        AwsServiceException bare = AwsServiceException.builder().statusCode(500).message("status 500").build();
        Failure withHint = new KinesisErrors("Kinesis stream 'logs'", "streamName 'logs'", true).request(bare);
        assertThat(withHint.kind()).isEqualTo(Failure.Kind.RETRYABLE);
        assertThat(withHint.message()).contains("aws.cborEnabled=false");
        assertThat(errors.request(bare).message()).doesNotContain("cbor");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "ResourceNotFoundException, streamName 'logs'",
        "AccessDeniedException, kinesis:PutRecords",
        "KMSDisabledException, disabled",
        "KMSAccessDeniedException, kms:GenerateDataKey",
        "InvalidArgumentException, maxRecordBytes"})
    void permanentErrorsSayWhatToFix(String code, String hint) {
        assertThat(errors.request(serviceError(code, 400)).message()).startsWith("msg (").contains(hint);
    }
}

package io.logbeam.core.firehose;

import static org.assertj.core.api.Assertions.assertThat;

import io.logbeam.core.destination.Failure;
import io.logbeam.core.destination.SendOutcome;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.firehose.model.FirehoseException;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponse;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponseEntry;

import java.net.ConnectException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FirehoseErrorsTest {

    private static final String WHAT = "Firehose delivery stream 'logs' (eu-west-1)";

    private static Failure classify(int status, String code) {
        FirehoseException e = (FirehoseException) FirehoseException.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage("service says no").build())
                .build();
        return FirehoseErrors.classify(e, "logs", WHAT);
    }

    @Test
    void requestLevelServiceUnavailableIsRetriedAndWasNotApplied() {
        Failure f = classify(500, "ServiceUnavailableException");
        assertThat(f.kind()).isEqualTo(Failure.Kind.RETRYABLE);
        assertThat(f.ambiguous()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ThrottlingException", "LimitExceededException"})
    void throttlingIsRetried(String code) {
        assertThat(classify(400, code).kind()).isEqualTo(Failure.Kind.RETRYABLE);
    }

    @Test
    void internalErrorsAreRetriedAsPossiblyApplied() {
        Failure f = classify(500, "InternalFailure");
        assertThat(f.kind()).isEqualTo(Failure.Kind.RETRYABLE);
        assertThat(f.ambiguous()).isTrue();
    }

    @Test
    void aMissingStreamMakesTheDestinationUnusableWithAdvice() {
        Failure f = classify(400, "ResourceNotFoundException");
        assertThat(f.kind()).isEqualTo(Failure.Kind.UNUSABLE);
        assertThat(f.message()).contains("'logs' does not exist", "deliveryStreamName", "service says no");
    }

    @ParameterizedTest
    @ValueSource(strings = {"InvalidKMSResourceException", "KMSDisabledException", "KMSAccessDeniedException",
            "KMSNotFoundException", "KMSInvalidStateException"})
    void kmsErrorsMakeTheDestinationUnusable(String code) {
        Failure f = classify(400, code);
        assertThat(f.kind()).isEqualTo(Failure.Kind.UNUSABLE);
        assertThat(f.message()).contains("KMS key");
    }

    @ParameterizedTest
    @ValueSource(strings = {"AccessDeniedException", "UnrecognizedClientException"})
    void accessErrorsMakeTheDestinationUnusable(String code) {
        Failure f = classify(400, code);
        assertThat(f.kind()).isEqualTo(Failure.Kind.UNUSABLE);
        assertThat(f.message()).contains("IAM");
    }

    @Test
    void invalidArgumentRejectsTheRequestForGood() {
        Failure f = classify(400, "InvalidArgumentException");
        assertThat(f.kind()).isEqualTo(Failure.Kind.REJECTED);
        assertThat(f.describe()).startsWith("InvalidArgumentException: ").contains("service says no");
    }

    @Test
    void connectionRefusedIsRetriedWithoutDuplicateRisk() {
        SdkClientException e = SdkClientException.builder().message("Unable to execute HTTP request")
                .cause(new ConnectException("Connection refused")).build();
        Failure f = FirehoseErrors.classify(e, "logs", WHAT);
        assertThat(f.kind()).isEqualTo(Failure.Kind.RETRYABLE);
        assertThat(f.ambiguous()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ServiceUnavailableException", "InternalFailure"})
    void documentedEntryErrorsAreResent(String code) {
        Failure f = FirehoseErrors.entry(code, "try later");
        assertThat(f.kind()).isEqualTo(Failure.Kind.RETRYABLE);
        assertThat(f.ambiguous()).isFalse();
    }

    @Test
    void responsesAreReadEntryByEntry() {
        PutRecordBatchResponse response = PutRecordBatchResponse.builder().failedPutCount(2).requestResponses(
                PutRecordBatchResponseEntry.builder().recordId("a").build(),
                PutRecordBatchResponseEntry.builder().errorCode("ServiceUnavailableException").errorMessage("Slow down.")
                        .build(),
                PutRecordBatchResponseEntry.builder().recordId("c").build(),
                PutRecordBatchResponseEntry.builder().errorCode("InternalFailure").build()).build();

        SendOutcome outcome = FirehoseDestination.outcome(response, 4);

        assertThat(outcome.requestFailure()).isNull();
        assertThat(outcome.entryFailure(0)).isNull();
        assertThat(outcome.entryFailure(1).code()).isEqualTo("ServiceUnavailableException");
        assertThat(outcome.entryFailure(2)).isNull();
        assertThat(outcome.entryFailure(3).code()).isEqualTo("InternalFailure");
    }

    @Test
    void aResponseThatDoesNotAlignWithTheRequestIsResentAsAWhole() {
        PutRecordBatchResponse response = PutRecordBatchResponse.builder().failedPutCount(1).requestResponses(
                PutRecordBatchResponseEntry.builder().errorCode("InternalFailure").build()).build();

        Failure f = FirehoseDestination.outcome(response, 3).requestFailure();

        assertThat(f.kind()).isEqualTo(Failure.Kind.RETRYABLE);
        assertThat(f.ambiguous()).isTrue();
    }

    @Test
    void billingUnitsRoundUpToFiveKilobytes() {
        assertThat(FirehoseLimits.billedUnits(1)).isEqualTo(1);
        assertThat(FirehoseLimits.billedUnits(201)).isEqualTo(1);
        assertThat(FirehoseLimits.billedUnits(5_120)).isEqualTo(1);
        assertThat(FirehoseLimits.billedUnits(5_121)).isEqualTo(2);
        assertThat(FirehoseLimits.billedUnits(100_500)).isEqualTo(20);
        assertThat(FirehoseLimits.billedUnits(FirehoseLimits.MAX_RECORD_BYTES)).isEqualTo(200);
    }
}

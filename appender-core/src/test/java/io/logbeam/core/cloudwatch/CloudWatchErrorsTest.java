package io.logbeam.core.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.logbeam.core.destination.Failure;

import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.cloudwatchlogs.model.RejectedLogEventsInfo;

import java.net.ConnectException;
import org.junit.jupiter.api.Test;

class CloudWatchErrorsTest {

    private static AwsServiceException error(int status, String code) {
        return AwsServiceException.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage("msg of " + code).build())
                .build();
    }

    @Test
    void putErrorsFollowTheSharedRulesPlusCloudWatchCodes() {
        assertThat(CloudWatchErrors.classifyPut(error(400, "ThrottlingException"), "w").kind())
                .isEqualTo(Failure.Kind.RETRYABLE);
        assertThat(CloudWatchErrors.classifyPut(error(503, "ServiceUnavailableException"), "w").kind())
                .isEqualTo(Failure.Kind.RETRYABLE);
        assertThat(CloudWatchErrors.classifyPut(error(500, "InternalFailure"), "w").kind())
                .isEqualTo(Failure.Kind.RETRYABLE);
        assertThat(CloudWatchErrors.classifyPut(error(400, "OperationAbortedException"), "w").kind())
                .isEqualTo(Failure.Kind.RETRYABLE);
        assertThat(CloudWatchErrors.classifyPut(SdkClientException.create("x", new ConnectException("refused")), "w")
                .kind()).isEqualTo(Failure.Kind.RETRYABLE);
        assertThat(CloudWatchErrors.classifyPut(error(400, "InvalidParameterException"), "w").kind())
                .isEqualTo(Failure.Kind.REJECTED);
        assertThat(CloudWatchErrors.classifyPut(error(400, "InvalidOperationException"), "w").kind())
                .isEqualTo(Failure.Kind.UNUSABLE);

        Failure denied = CloudWatchErrors.classifyPut(error(400, "AccessDeniedException"),
                "group 'g', IAM action logs:PutLogEvents");
        assertThat(denied.kind()).isEqualTo(Failure.Kind.UNUSABLE);
        assertThat(denied.describe()).contains("AccessDeniedException").contains("logs:PutLogEvents");
    }

    @Test
    void creationErrorsSayWhatCouldNotBeCreatedAndWhichPermissionItNeeds() {
        Failure denied = CloudWatchErrors.classifyCreate(error(400, "AccessDeniedException"), "log group 'g'",
                "logs:CreateLogGroup");
        assertThat(denied.kind()).isEqualTo(Failure.Kind.UNUSABLE);
        assertThat(denied.message()).startsWith("could not create log group 'g' (logs:CreateLogGroup)");

        assertThat(CloudWatchErrors.classifyCreate(error(400, "LimitExceededException"), "g", "a").kind())
                .isEqualTo(Failure.Kind.UNUSABLE);
        assertThat(CloudWatchErrors.classifyCreate(error(400, "ResourceNotFoundException"), "s", "a").kind())
                .isEqualTo(Failure.Kind.RETRYABLE);
        assertThat(CloudWatchErrors.classifyCreate(error(400, "ThrottlingException"), "s", "a").kind())
                .isEqualTo(Failure.Kind.RETRYABLE);
    }

    @Test
    void recognisesMissingAndExistingResources() {
        assertThat(CloudWatchErrors.isResourceNotFound(error(400, "ResourceNotFoundException"))).isTrue();
        assertThat(CloudWatchErrors.isAlreadyExists(error(400, "ResourceAlreadyExistsException"))).isTrue();
        assertThat(CloudWatchErrors.isResourceNotFound(new IllegalStateException())).isFalse();
    }

    @Test
    void noRejectedInfoMeansEverythingWasTaken() {
        RejectedEvents counted = new RejectedEvents();
        assertThat(CloudWatchErrors.rejections(null, 5, counted)).isNull();
        assertThat(CloudWatchErrors.rejections(RejectedLogEventsInfo.builder().build(), 5, counted)).isNull();
        assertThat(counted.total()).isZero();
    }

    @Test
    void rejectedIndicesMapToThoseEntriesOfTheSortedRequest() {
        RejectedEvents counted = new RejectedEvents();
        RejectedLogEventsInfo info = RejectedLogEventsInfo.builder().tooOldLogEventEndIndex(1)
                .expiredLogEventEndIndex(2).tooNewLogEventStartIndex(5).build();

        Failure[] failures = CloudWatchErrors.rejections(info, 7, counted);

        assertThat(failures).hasSize(7);
        assertThat(failures[0].code()).isEqualTo("TooOldLogEvent");
        assertThat(failures[1].code()).isEqualTo("TooOldLogEvent");
        assertThat(failures[2].code()).isEqualTo("ExpiredLogEvent");
        assertThat(failures[3]).isNull();
        assertThat(failures[4]).isNull();
        assertThat(failures[5].code()).isEqualTo("TooNewLogEvent");
        assertThat(failures[6].code()).isEqualTo("TooNewLogEvent");
        for (int i : new int[] {0, 1, 2, 5, 6}) {
            assertThat(failures[i].kind()).isEqualTo(Failure.Kind.REJECTED);
        }
        assertThat(failures[5].message()).contains("more than 2 hours in the future");
        assertThat(counted.tooOld()).isEqualTo(2);
        assertThat(counted.expired()).isEqualTo(1);
        assertThat(counted.tooNew()).isEqualTo(2);
    }

    @Test
    void indicesOutsideTheRequestAreClamped() {
        RejectedEvents counted = new RejectedEvents();
        Failure[] failures = CloudWatchErrors.rejections(RejectedLogEventsInfo.builder().tooOldLogEventEndIndex(9)
                .build(), 3, counted);
        assertThat(failures).allSatisfy(f -> assertThat(f.code()).isEqualTo("TooOldLogEvent"));
        assertThat(counted.tooOld()).isEqualTo(3);
    }
}

package io.logbeam.consumer;

import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.PutMetricDataResponse;

import java.util.ArrayList;
import java.util.List;

/** A CloudWatch client that records PutMetricData calls, or fails them. */
public final class FakeCloudWatch implements CloudWatchClient {

    private final List<PutMetricDataRequest> calls = new ArrayList<>();
    private boolean failing;

    public void fail() {
        failing = true;
    }

    @Override
    public PutMetricDataResponse putMetricData(PutMetricDataRequest request) {
        if (failing) {
            throw (CloudWatchException) CloudWatchException.builder().statusCode(500).message("InternalFailure").build();
        }
        calls.add(request);
        return PutMetricDataResponse.builder().build();
    }

    public List<PutMetricDataRequest> calls() {
        return calls;
    }

    @Override
    public String serviceName() {
        return "monitoring";
    }

    @Override
    public void close() {
    }
}

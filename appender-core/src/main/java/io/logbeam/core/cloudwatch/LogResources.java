package io.logbeam.core.cloudwatch;

import io.logbeam.core.destination.Failure;

import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.CreateLogGroupRequest;

import java.util.function.BiConsumer;

/**
 * Creates the log group and log stream when PutLogEvents finds them missing, as allowed by
 * {@code createLogGroup} / {@code createLogStream}.
 *
 * <p>Many writers race for the same names (the JVMs of a service, the instances of a Lambda function that
 * all write to one application-wide stream), so {@code ResourceAlreadyExistsException} counts as success.
 * The stream is created first: usually only the stream is missing, and creating it is how a missing group
 * shows up (it fails with {@code ResourceNotFoundException}) without an extra call. Within one appender,
 * concurrent requests that all hit a missing stream create it once: {@link #ensure} is serialised and
 * skips the work when another request already did it after the caller's attempt started.
 */
final class LogResources {

    private final CloudWatchLogsClient client;
    private final CloudWatchLogsDestination.Target target;
    private final BiConsumer<String, String> problems;
    private final Object lock = new Object();
    private volatile long generation;

    LogResources(CloudWatchLogsClient client, CloudWatchLogsDestination.Target target,
            BiConsumer<String, String> problems) {
        this.client = client;
        this.target = target;
        this.problems = problems;
    }

    /** Read before each PutLogEvents call and passed to {@link #ensure} if the call finds something missing. */
    long generation() {
        return generation;
    }

    /**
     * Creates what is missing, then returns null (resend the batch once), or the failure to report.
     *
     * @param seen {@link #generation()} read before the call that failed
     */
    Failure ensure(long seen) {
        synchronized (lock) {
            if (generation != seen) {
                return null; // another request created them after ours was sent
            }
            Failure failure = createMissing();
            if (failure == null) {
                generation++;
            }
            return failure;
        }
    }

    /** The failure for a batch that still found something missing after {@link #ensure} succeeded. */
    Failure stillMissing() {
        if (!target.createLogStream()) {
            return Failure.unusable(CloudWatchErrors.RESOURCE_NOT_FOUND, "log stream '" + target.logStream()
                    + "' does not exist in log group '" + target.logGroup() + "' and createLogStream is false: create "
                    + "it, or let the appender create it (createLogStream=true, IAM action logs:CreateLogStream)");
        }
        return Failure.retryable(CloudWatchErrors.RESOURCE_NOT_FOUND, "log group '" + target.logGroup()
                + "' or stream '" + target.logStream() + "' still missing right after it was created", false);
    }

    private Failure createMissing() {
        if (!target.createLogStream() && !target.createLogGroup()) {
            return Failure.unusable(CloudWatchErrors.RESOURCE_NOT_FOUND, "log group '" + target.logGroup()
                    + "' or its stream '" + target.logStream() + "' does not exist and createLogGroup and "
                    + "createLogStream are false: create them, or let the appender create them");
        }
        if (!target.createLogStream()) {
            return createGroup(); // the resend tells whether the stream exists
        }
        try {
            createStream();
            return null;
        } catch (RuntimeException e) {
            if (CloudWatchErrors.isAlreadyExists(e)) {
                return null;
            }
            if (!CloudWatchErrors.isResourceNotFound(e)) {
                return CloudWatchErrors.classifyCreate(e, streamDescription(), "logs:CreateLogStream");
            }
        }
        // Creating the stream found no group.
        if (!target.createLogGroup()) {
            return Failure.unusable(CloudWatchErrors.RESOURCE_NOT_FOUND, "log group '" + target.logGroup()
                    + "' does not exist and createLogGroup is false: create it, or let the appender create it "
                    + "(createLogGroup=true, IAM action logs:CreateLogGroup)");
        }
        Failure groupFailure = createGroup();
        if (groupFailure != null) {
            return groupFailure;
        }
        try {
            createStream();
            return null;
        } catch (RuntimeException e) {
            return CloudWatchErrors.isAlreadyExists(e) ? null
                    : CloudWatchErrors.classifyCreate(e, streamDescription(), "logs:CreateLogStream");
        }
    }

    private void createStream() {
        client.createLogStream(b -> b.logGroupName(target.logGroup()).logStreamName(target.logStream()));
    }

    /** Creates the group; applies retention only when this call created it (not when another writer did). */
    private Failure createGroup() {
        try {
            CreateLogGroupRequest.Builder request = CreateLogGroupRequest.builder().logGroupName(target.logGroup());
            if (target.logGroupClass() != null) {
                request.logGroupClass(target.logGroupClass());
            }
            client.createLogGroup(request.build());
        } catch (RuntimeException e) {
            return CloudWatchErrors.isAlreadyExists(e) ? null
                    : CloudWatchErrors.classifyCreate(e, "log group '" + target.logGroup() + "'", "logs:CreateLogGroup");
        }
        if (target.retentionDays() != null) {
            try {
                client.putRetentionPolicy(b -> b.logGroupName(target.logGroup())
                        .retentionInDays(target.retentionDays()));
            } catch (RuntimeException e) {
                // The events can still be delivered: say it once rather than failing them.
                problems.accept("retention", "created log group '" + target.logGroup() + "' but could not set its "
                        + "retention to " + target.retentionDays() + " days (IAM action logs:PutRetentionPolicy): "
                        + CloudWatchErrors.classifyPut(e, "logs:PutRetentionPolicy").describe()
                        + ". The group keeps events until a retention is set on it.");
            }
        }
        return null;
    }

    private String streamDescription() {
        return "log stream '" + target.logStream() + "' in log group '" + target.logGroup() + "'";
    }
}

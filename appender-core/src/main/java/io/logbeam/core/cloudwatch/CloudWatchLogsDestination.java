package io.logbeam.core.cloudwatch;

import io.logbeam.core.aws.AwsClients;
import io.logbeam.core.aws.AwsSettings;
import io.logbeam.core.destination.BatchEntry;
import io.logbeam.core.destination.Batcher;
import io.logbeam.core.destination.Destination;
import io.logbeam.core.destination.Failure;
import io.logbeam.core.destination.SendOutcome;
import io.logbeam.core.event.EventSerializer;
import io.logbeam.core.util.ConfigException;
import io.logbeam.core.util.Diagnostics;

import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.InputLogEvent;
import software.amazon.awssdk.services.cloudwatchlogs.model.PutLogEventsRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.PutLogEventsResponse;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;

/**
 * Ships to one CloudWatch Logs log stream with PutLogEvents.
 *
 * <p>No sequence tokens: the service ignores them and accepts concurrent PutLogEvents calls on one stream,
 * so any number of processes may share a stream (one application-wide stream for all the instances of a
 * service or all the functions of a Lambda application), and one appender may have several requests in
 * flight. A missing group or stream is created (see {@link LogResources}) and the batch resent once.
 * Events the service refuses for their time are reported per entry and never retried.
 */
public final class CloudWatchLogsDestination implements Destination {

    /** Names and creation options, resolved and validated. */
    record Target(String logGroup, String logStream, boolean createLogGroup, boolean createLogStream,
            Integer retentionDays, String logGroupClass) {
    }

    private final AwsSettings aws;
    private final Target target;
    private final int maxEventBytes;
    private final Clock clock;
    private final RejectedEvents rejected = new RejectedEvents();
    private final String describe;
    private final String putAction;
    private volatile BiConsumer<String, String> problems = (key, message) ->
            Diagnostics.stderr().report("cloudwatch-logs", message);
    private volatile CloudWatchLogsClient client;
    private volatile LogResources resources;

    private CloudWatchLogsDestination(Builder b, Target target) {
        this.aws = b.aws;
        this.target = target;
        this.maxEventBytes = b.maxEventBytes;
        this.clock = b.clock;
        this.describe = "CloudWatch Logs group '" + target.logGroup() + "' stream '" + target.logStream() + "'"
                + aws.describeLocation();
        this.putAction = describe + ", IAM action logs:PutLogEvents";
    }

    /** A builder for a destination reached through {@code aws}. */
    public static Builder builder(AwsSettings aws) {
        return new Builder(aws);
    }

    @Override
    public String describe() {
        return describe;
    }

    @Override
    public int maxEventBytes() {
        return maxEventBytes;
    }

    @Override
    public void reportProblemsTo(BiConsumer<String, String> problems) {
        this.problems = problems;
    }

    @Override
    public Batcher newBatcher() {
        return new CloudWatchBatcher(clock, maxEventBytes, rejected);
    }

    @Override
    public void open() {
        CloudWatchLogsClient built = AwsClients.build(CloudWatchLogsClient.builder(), aws);
        resources = new LogResources(built, target, (key, message) -> problems.accept(key, message));
        client = built;
    }

    @Override
    public SendOutcome send(List<BatchEntry> entries) {
        List<InputLogEvent> events = new ArrayList<>(entries.size());
        for (BatchEntry entry : entries) {
            events.add(entry.wire());
        }
        PutLogEventsRequest request = PutLogEventsRequest.builder().logGroupName(target.logGroup())
                .logStreamName(target.logStream()).logEvents(events).build();
        long generation = resources.generation();
        try {
            return outcome(client.putLogEvents(request), entries.size());
        } catch (RuntimeException e) {
            if (!CloudWatchErrors.isResourceNotFound(e)) {
                return SendOutcome.failed(CloudWatchErrors.classifyPut(e, putAction));
            }
        }
        Failure missing = resources.ensure(generation);
        if (missing != null) {
            return SendOutcome.failed(missing);
        }
        try {
            return outcome(client.putLogEvents(request), entries.size());
        } catch (RuntimeException e) {
            return SendOutcome.failed(CloudWatchErrors.isResourceNotFound(e) ? resources.stillMissing()
                    : CloudWatchErrors.classifyPut(e, putAction));
        }
    }

    private SendOutcome outcome(PutLogEventsResponse response, int size) {
        Failure[] refused = CloudWatchErrors.rejections(response.rejectedLogEventsInfo(), size, rejected);
        return refused == null ? SendOutcome.delivered() : SendOutcome.perEntry(refused);
    }

    @Override
    public void close() {
        CloudWatchLogsClient c = client;
        client = null;
        if (c != null) {
            c.close();
        }
    }

    /** Events refused for their time so far: kept back by the batcher or rejected by the service. */
    public RejectedEvents rejected() {
        return rejected;
    }

    /** The log group, after substitution. */
    public String logGroup() {
        return target.logGroup();
    }

    /** The log stream, after substitution. */
    public String logStream() {
        return target.logStream();
    }

    /**
     * Builds a {@link CloudWatchLogsDestination}; {@link #build()} validates every value and names the
     * property of each problem. Names are taken as given (substitutions are resolved by the settings).
     */
    public static final class Builder {
        private final AwsSettings aws;
        private String logGroup;
        private String logStream;
        private boolean createLogGroup = true;
        private boolean createLogStream = true;
        private Integer retentionDays;
        private String logGroupClass;
        private int maxEventBytes = CloudWatchLimits.MAX_EVENT_BYTES;
        private Clock clock = Clock.systemUTC();

        private Builder(AwsSettings aws) {
            this.aws = aws;
        }

        /** The log group (required). */
        public Builder logGroup(String value) {
            this.logGroup = value;
            return this;
        }

        /** The log stream (required here; the settings default it to {@code {hostname}-{pid}}). */
        public Builder logStream(String value) {
            this.logStream = value;
            return this;
        }

        /** Create the group when it is missing (default true). */
        public Builder createLogGroup(boolean value) {
            this.createLogGroup = value;
            return this;
        }

        /** Create the stream when it is missing (default true). */
        public Builder createLogStream(boolean value) {
            this.createLogStream = value;
            return this;
        }

        /** Retention set on a group this destination creates; null (default) leaves the service's default. */
        public Builder retentionDays(Integer value) {
            this.retentionDays = value;
            return this;
        }

        /** {@code STANDARD} or {@code INFREQUENT_ACCESS} for a group this destination creates; null: service default. */
        public Builder logGroupClass(String value) {
            this.logGroupClass = value;
            return this;
        }

        /** Largest event message in UTF-8 bytes (default 1,048,550). */
        public Builder maxEventBytes(int value) {
            this.maxEventBytes = value;
            return this;
        }

        /** The clock the too-old / too-new rules are checked against (tests). */
        public Builder clock(Clock value) {
            this.clock = value;
            return this;
        }

        /**
         * Validates and builds; does not touch the network.
         *
         * @throws ConfigException naming every invalid property
         */
        public CloudWatchLogsDestination build() {
            ConfigException.Collector problems = new ConfigException.Collector();
            String group = logGroup == null ? null : logGroup.trim();
            String stream = logStream == null ? null : logStream.trim();
            if (group == null || group.isEmpty()) {
                problems.add("logGroup", "is required");
            } else {
                String problem = CloudWatchLimits.logGroupNameProblem(group);
                if (problem != null) {
                    problems.add("logGroup", problem);
                }
            }
            String streamProblem = CloudWatchLimits.logStreamNameProblem(stream);
            if (streamProblem != null) {
                problems.add("logStream", streamProblem);
            }
            if (retentionDays != null && !CloudWatchLimits.RETENTION_DAYS.contains(retentionDays)) {
                problems.add("retentionDays", retentionDays + " is not a retention CloudWatch Logs allows; use one of "
                        + CloudWatchLimits.RETENTION_DAYS);
            }
            String groupClass = groupClass(logGroupClass, problems);
            if (maxEventBytes < EventSerializer.MIN_EVENT_BYTES || maxEventBytes > CloudWatchLimits.MAX_EVENT_BYTES) {
                problems.add("maxEventBytes", "must be between " + EventSerializer.MIN_EVENT_BYTES + " and "
                        + CloudWatchLimits.MAX_EVENT_BYTES + " (1 MiB minus 26 bytes of per-event overhead), was "
                        + maxEventBytes);
            }
            if (clock == null) {
                problems.add("clock", "must not be null");
            }
            problems.throwIfAny();
            return new CloudWatchLogsDestination(this, new Target(group, stream, createLogGroup, createLogStream,
                    retentionDays, groupClass));
        }

        private static String groupClass(String text, ConfigException.Collector problems) {
            if (text == null || text.isBlank()) {
                return null;
            }
            String value = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
            if (!CloudWatchLimits.LOG_GROUP_CLASSES.contains(value)) {
                problems.add("logGroupClass", "'" + text + "' is not a log group class; use one of "
                        + CloudWatchLimits.LOG_GROUP_CLASSES);
                return null;
            }
            return value;
        }
    }
}

package io.logbeam.consumer.cli;

import io.logbeam.consumer.RecordDecoder;

import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsRequest;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilterLogEventsResponse;
import software.amazon.awssdk.services.cloudwatchlogs.model.FilteredLogEvent;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Reads a log group (or one of its streams) with FilterLogEvents, page by page, and prints each message decoded.
 * Following polls again from the newest timestamp seen, skipping the events of that millisecond already printed.
 */
final class CloudWatchTail {

    private static final Duration IDLE_POLL = Duration.ofSeconds(2);

    private final CloudWatchLogsClient logs;
    private final TailOptions options;
    private final EventPrinter printer;
    private final Supplier<Instant> now;
    private final RecordDecoder decoder = new RecordDecoder();

    CloudWatchTail(CloudWatchLogsClient logs, TailOptions options, EventPrinter printer, Supplier<Instant> now) {
        this.logs = logs;
        this.options = options;
        this.printer = printer;
        this.now = now;
    }

    void run() {
        long from = (options.since() != null ? options.since() : now.get()).toEpochMilli();
        Set<String> seenAtNewest = new HashSet<>();
        while (!printer.done()) {
            boolean any = false;
            String token = null;
            do {
                FilterLogEventsRequest.Builder request = FilterLogEventsRequest.builder()
                        .logGroupName(options.logGroup()).startTime(from).nextToken(token);
                if (options.logStream() != null) {
                    request.logStreamNames(options.logStream());
                }
                FilterLogEventsResponse response = logs.filterLogEvents(request.build());
                for (FilteredLogEvent event : response.events()) {
                    long timestamp = event.timestamp();
                    if (timestamp == from && !seenAtNewest.add(event.eventId())) {
                        continue;
                    }
                    if (timestamp > from) {
                        from = timestamp;
                        seenAtNewest.clear();
                        seenAtNewest.add(event.eventId());
                    }
                    any = true;
                    decoder.decode(event.message().getBytes(StandardCharsets.UTF_8), printer);
                    if (printer.done()) {
                        return;
                    }
                }
                token = response.nextToken();
            } while (token != null);
            if (!options.follow()) {
                return;
            }
            if (!any) {
                LockSupport.parkNanos(IDLE_POLL.toNanos());
            }
        }
    }
}

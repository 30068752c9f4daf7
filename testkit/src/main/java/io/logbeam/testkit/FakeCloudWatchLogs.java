package io.logbeam.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The CloudWatch Logs part of {@link LocalAwsEndpoint}: log groups, log streams and events, with the PutLogEvents
 * rules enforced as documented (see {@link LogsLimits}).
 *
 * <p>Events past the time limits are rejected one by one through {@code rejectedLogEventsInfo} while the rest of the
 * call is stored; the clock for "too old" and "too new" is the endpoint's injectable {@link Clock}.
 */
public final class FakeCloudWatchLogs {

    /** The retention values PutRetentionPolicy accepts. */
    public static final Set<Integer> RETENTION_DAYS = Set.of(1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400,
            545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653);

    private static final Pattern GROUP_NAME_PATTERN = Pattern.compile("[.\\-_/#A-Za-z0-9]+");
    private static final Pattern STREAM_NAME_PATTERN = Pattern.compile("[^:*]*");
    private static final int MAX_GET_LIMIT = 10_000;
    private static final String ACCOUNT = TestCredentials.ACCOUNT_ID;

    private final Clock clock;
    private final String region;
    private final ViolationLog violations;
    private final Map<String, LogGroup> groups = new TreeMap<>();
    private LogsLimits limits = LogsLimits.DEFAULT;
    private long nextSequenceToken = 1;
    private long nextEventId = 1;

    FakeCloudWatchLogs(Clock clock, String region, ViolationLog violations) {
        this.clock = clock;
        this.region = region;
        this.violations = violations;
    }

    // ---------------------------------------------------------------- public setup and read-back

    /** Replaces the enforced limits, e.g. {@code LogsLimits.DEFAULT.withMaxEventBytes(262_144)}. */
    public synchronized void limits(LogsLimits newLimits) {
        limits = Objects.requireNonNull(newLimits, "limits");
    }

    /** The enforced limits. */
    public synchronized LogsLimits limits() {
        return limits;
    }

    /** Creates a log group (no retention). */
    public synchronized void createLogGroup(String group) {
        if (groups.containsKey(group)) {
            throw new IllegalStateException("log group exists: " + group);
        }
        groups.put(group, new LogGroup(group, clock.millis()));
    }

    /** Creates a log stream in an existing group. */
    public synchronized void createLogStream(String group, String stream) {
        LogGroup logGroup = existingGroup(group);
        if (logGroup.streams.containsKey(stream)) {
            throw new IllegalStateException("log stream exists: " + group + " / " + stream);
        }
        logGroup.streams.put(stream, new LogStream(stream, clock.millis()));
    }

    /** Deletes a log group with its streams and events. */
    public synchronized void deleteLogGroup(String group) {
        existingGroup(group);
        groups.remove(group);
    }

    /** Deletes a log stream with its events. */
    public synchronized void deleteLogStream(String group, String stream) {
        existingStream(group, stream);
        groups.get(group).streams.remove(stream);
    }

    /** Sets a group's retention, like PutRetentionPolicy; must be one of {@link #RETENTION_DAYS}. */
    public synchronized void retention(String group, int days) {
        if (!RETENTION_DAYS.contains(days)) {
            throw new IllegalArgumentException("not an allowed retention: " + days);
        }
        existingGroup(group).retentionDays = days;
    }

    /** A group's retention in days, empty when it keeps events forever. */
    public synchronized OptionalInt retention(String group) {
        Integer days = existingGroup(group).retentionDays;
        return days == null ? OptionalInt.empty() : OptionalInt.of(days);
    }

    /** Whether the group exists. */
    public synchronized boolean logGroupExists(String group) {
        return groups.containsKey(group);
    }

    /** Whether the stream exists (false also when the group does not). */
    public synchronized boolean logStreamExists(String group, String stream) {
        LogGroup logGroup = groups.get(group);
        return logGroup != null && logGroup.streams.containsKey(stream);
    }

    /** Names of all log groups. */
    public synchronized Set<String> logGroupNames() {
        return Set.copyOf(groups.keySet());
    }

    /** Names of the streams of a group. */
    public synchronized Set<String> logStreamNames(String group) {
        return Set.copyOf(existingGroup(group).streams.keySet());
    }

    /** Every event the stream stored, in the order they were accepted. */
    public synchronized List<LogEvent> events(String group, String stream) {
        return List.copyOf(existingStream(group, stream).events);
    }

    synchronized void reset() {
        groups.clear();
        limits = LogsLimits.DEFAULT;
    }

    // ---------------------------------------------------------------- wire operations

    synchronized ObjectNode handle(AwsOperation operation, ObjectNode request, WireFormat wire) {
        return switch (operation) {
            case LOGS_CREATE_LOG_GROUP -> createLogGroup(request, wire);
            case LOGS_CREATE_LOG_STREAM -> createLogStream(request, wire);
            case LOGS_DESCRIBE_LOG_STREAMS -> describeLogStreams(request, wire);
            case LOGS_DESCRIBE_LOG_GROUPS -> describeLogGroups(request, wire);
            case LOGS_PUT_LOG_EVENTS -> putLogEvents(request, wire);
            case LOGS_GET_LOG_EVENTS -> getLogEvents(request, wire);
            case LOGS_FILTER_LOG_EVENTS -> filterLogEvents(request, wire);
            case LOGS_PUT_RETENTION_POLICY -> putRetentionPolicy(request, wire);
            case LOGS_DELETE_LOG_GROUP -> deleteLogGroup(request, wire);
            case LOGS_DELETE_LOG_STREAM -> deleteLogStream(request, wire);
            default -> throw new IllegalArgumentException("not a CloudWatch Logs operation: " + operation);
        };
    }

    private ObjectNode putLogEvents(ObjectNode request, WireFormat wire) {
        ValidationErrors errors = new ValidationErrors();
        String groupName = groupName(request, "logGroupName", errors);
        String streamName = streamName(request, errors);
        JsonNode events = Json.array(request, "logEvents");
        if (events == null) {
            errors.mustNotBeNull("logEvents");
        } else if (events.size() < 1) {
            errors.minLength("logEvents", "'[]'", 1);
        } else if (events.size() > limits.maxEventsPerBatch()) {
            errors.maxLength("logEvents", "'[" + events.size() + " events]'", limits.maxEventsPerBatch());
        }
        errors.throwIfAny("InvalidParameterException");

        int count = events.size();
        long[] timestamps = new long[count];
        String[] messages = new String[count];
        for (int i = 0; i < count; i++) {
            JsonNode event = events.get(i);
            String path = "logEvents." + (i + 1) + ".member.";
            Long timestamp = event.isObject() ? Json.integer(event, "timestamp") : null;
            String message = event.isObject() ? Json.text(event, "message") : null;
            if (timestamp == null) {
                errors.mustNotBeNull(path + "timestamp");
            } else if (timestamp < 0) {
                errors.minValue(path + "timestamp", timestamp, 0);
            }
            if (message == null) {
                errors.mustNotBeNull(path + "message");
            } else if (message.isEmpty()) {
                errors.minLength(path + "message", "''", 1);
            }
            timestamps[i] = timestamp == null ? 0 : timestamp;
            messages[i] = message;
        }
        errors.throwIfAny("InvalidParameterException");

        LogStream stream = streamFor(groupName, streamName);
        LogGroup group = groups.get(groupName);

        long batchBytes = 0;
        for (String message : messages) {
            int eventBytes = message.getBytes(StandardCharsets.UTF_8).length + limits.perEventOverhead();
            if (eventBytes > limits.maxEventBytes()) {
                throw ServiceError.invalid("InvalidParameterException", "Log event too large: " + eventBytes
                        + " bytes exceeds limit of " + limits.maxEventBytes());
            }
            batchBytes += eventBytes;
        }
        if (batchBytes > limits.maxBatchBytes()) {
            throw ServiceError.invalid("InvalidParameterException", "Upload too large: " + batchBytes
                    + " bytes exceeds limit of " + limits.maxBatchBytes());
        }
        for (int i = 1; i < count; i++) {
            if (timestamps[i] < timestamps[i - 1]) {
                throw ServiceError.invalid("InvalidParameterException",
                        "Log events in a single PutLogEvents request must be in chronological order.");
            }
        }
        if (timestamps[count - 1] - timestamps[0] > limits.maxBatchSpan().toMillis()) {
            throw ServiceError.invalid("InvalidParameterException", "The batch of log events in a single "
                    + "PutLogEvents request cannot span more than " + limits.maxBatchSpan().toHours() + " hours.");
        }

        long now = clock.millis();
        long tooNewFrom = now + limits.maxFutureSkew().toMillis();
        long tooOldBefore = now - limits.maxAge().toMillis();
        long expiredBefore = group.retentionDays == null ? Long.MIN_VALUE
                : now - Duration.ofDays(group.retentionDays).toMillis();
        int tooNewStart = -1;
        int tooOldEnd = -1;
        int expiredEnd = -1;
        for (int i = 0; i < count; i++) {
            if (timestamps[i] > tooNewFrom) {
                if (tooNewStart < 0) {
                    tooNewStart = i;
                }
            } else if (timestamps[i] < tooOldBefore || timestamps[i] < expiredBefore) {
                if (timestamps[i] < tooOldBefore) {
                    tooOldEnd = i;
                }
                if (timestamps[i] < expiredBefore) {
                    expiredEnd = i;
                }
            } else {
                LogEvent event = new LogEvent(timestamps[i], messages[i], now);
                stream.events.add(event);
                stream.firstEventTimestamp = Math.min(stream.firstEventTimestamp, event.timestamp());
                stream.lastEventTimestamp = Math.max(stream.lastEventTimestamp, event.timestamp());
                stream.lastIngestionTime = now;
            }
        }

        ObjectNode response = wire.newObject();
        response.put("nextSequenceToken", String.format("%056d", nextSequenceToken++));
        if (tooNewStart >= 0 || tooOldEnd >= 0 || expiredEnd >= 0) {
            ObjectNode rejected = response.putObject("rejectedLogEventsInfo");
            if (tooNewStart >= 0) {
                rejected.put("tooNewLogEventStartIndex", tooNewStart);
            }
            if (tooOldEnd >= 0) {
                rejected.put("tooOldLogEventEndIndex", tooOldEnd);
            }
            if (expiredEnd >= 0) {
                rejected.put("expiredLogEventEndIndex", expiredEnd);
            }
            violations.add("Logs_20140328.PutLogEvents " + groupName + "/" + streamName
                    + ": events rejected individually " + rejected);
        }
        return response;
    }

    private ObjectNode getLogEvents(ObjectNode request, WireFormat wire) {
        ValidationErrors errors = new ValidationErrors();
        String groupName = groupIdentifier(request, errors);
        String streamName = streamName(request, errors);
        int limit = limit(request, MAX_GET_LIMIT, errors);
        errors.throwIfAny("InvalidParameterException");
        LogStream stream = streamFor(groupName, streamName);
        Long startTime = Json.integer(request, "startTime");
        Long endTime = Json.integer(request, "endTime");
        List<LogEvent> matching = new ArrayList<>();
        for (LogEvent event : sortedByTimestamp(stream.events)) {
            if ((startTime == null || event.timestamp() >= startTime)
                    && (endTime == null || event.timestamp() < endTime)) {
                matching.add(event);
            }
        }
        String token = Json.text(request, "nextToken");
        boolean fromHead = Json.bool(request, "startFromHead", false);
        int from;
        int to;
        if (token != null) {
            int position = tokenPosition(token);
            if (token.startsWith("f/")) {
                from = Math.min(position, matching.size());
                to = Math.min(matching.size(), from + limit);
            } else {
                to = Math.min(position, matching.size());
                from = Math.max(0, to - limit);
            }
        } else if (fromHead) {
            from = 0;
            to = Math.min(matching.size(), limit);
        } else {
            to = matching.size();
            from = Math.max(0, to - limit);
        }
        ArrayNode out = wire.newObject().arrayNode();
        for (LogEvent event : matching.subList(from, to)) {
            ObjectNode json = out.addObject();
            json.put("timestamp", event.timestamp());
            json.put("message", event.message());
            json.put("ingestionTime", event.ingestionTime());
        }
        ObjectNode response = wire.newObject();
        response.set("events", out);
        response.put("nextForwardToken", String.format("f/%056d", to));
        response.put("nextBackwardToken", String.format("b/%056d", from));
        return response;
    }

    private ObjectNode filterLogEvents(ObjectNode request, WireFormat wire) {
        ValidationErrors errors = new ValidationErrors();
        String groupName = groupIdentifier(request, errors);
        int limit = limit(request, MAX_GET_LIMIT, errors);
        errors.throwIfAny("InvalidParameterException");
        LogGroup group = group(groupName);
        JsonNode names = Json.array(request, "logStreamNames");
        String prefix = Json.text(request, "logStreamNamePrefix");
        if (names != null && prefix != null) {
            throw ServiceError.invalid("InvalidParameterException",
                    "logStreamNames and logStreamNamePrefix are mutually exclusive");
        }
        Long startTime = Json.integer(request, "startTime");
        Long endTime = Json.integer(request, "endTime");
        FilterPattern pattern = FilterPattern.parse(Json.text(request, "filterPattern"));

        List<String> searched = new ArrayList<>();
        List<Map.Entry<String, LogEvent>> matches = new ArrayList<>();
        for (LogStream stream : group.streams.values()) {
            boolean selected = names != null ? containsText(names, stream.name)
                    : prefix == null || stream.name.startsWith(prefix);
            if (!selected) {
                continue;
            }
            searched.add(stream.name);
            for (LogEvent event : stream.events) {
                if ((startTime == null || event.timestamp() >= startTime)
                        && (endTime == null || event.timestamp() <= endTime) && pattern.matches(event.message())) {
                    matches.add(Map.entry(stream.name, event));
                }
            }
        }
        matches.sort(Comparator.comparingLong(entry -> entry.getValue().timestamp()));
        String token = Json.text(request, "nextToken");
        int from = token == null ? 0 : Math.min(tokenPosition(token), matches.size());
        int to = Math.min(matches.size(), from + limit);
        ArrayNode events = wire.newObject().arrayNode();
        for (Map.Entry<String, LogEvent> match : matches.subList(from, to)) {
            ObjectNode json = events.addObject();
            json.put("logStreamName", match.getKey());
            json.put("timestamp", match.getValue().timestamp());
            json.put("message", match.getValue().message());
            json.put("ingestionTime", match.getValue().ingestionTime());
            json.put("eventId", String.format("%056d", nextEventId++));
        }
        ObjectNode response = wire.newObject();
        response.set("events", events);
        ArrayNode searchedJson = response.putArray("searchedLogStreams");
        for (String name : searched) {
            searchedJson.addObject().put("logStreamName", name).put("searchedCompletely", true);
        }
        if (to < matches.size()) {
            response.put("nextToken", String.format("f/%056d", to));
        }
        return response;
    }

    private ObjectNode createLogGroup(ObjectNode request, WireFormat wire) {
        ValidationErrors errors = new ValidationErrors();
        String name = groupName(request, "logGroupName", errors);
        String logGroupClass = Json.text(request, "logGroupClass");
        if (logGroupClass != null && !Set.of("STANDARD", "INFREQUENT_ACCESS", "DELIVERY").contains(logGroupClass)) {
            errors.custom("Value '" + logGroupClass + "' at 'logGroupClass' failed to satisfy constraint: Member "
                    + "must satisfy enum value set: [STANDARD, INFREQUENT_ACCESS, DELIVERY]");
        }
        errors.throwIfAny("InvalidParameterException");
        if (groups.containsKey(name)) {
            throw ServiceError.client("ResourceAlreadyExistsException", "The specified log group already exists");
        }
        LogGroup group = new LogGroup(name, clock.millis());
        if (logGroupClass != null) {
            group.logGroupClass = logGroupClass;
        }
        groups.put(name, group);
        return wire.newObject();
    }

    private ObjectNode createLogStream(ObjectNode request, WireFormat wire) {
        ValidationErrors errors = new ValidationErrors();
        String groupName = groupName(request, "logGroupName", errors);
        String streamName = streamName(request, errors);
        errors.throwIfAny("InvalidParameterException");
        LogGroup group = group(groupName);
        if (group.streams.containsKey(streamName)) {
            throw ServiceError.client("ResourceAlreadyExistsException", "The specified log stream already exists");
        }
        group.streams.put(streamName, new LogStream(streamName, clock.millis()));
        return wire.newObject();
    }

    private ObjectNode describeLogStreams(ObjectNode request, WireFormat wire) {
        ValidationErrors errors = new ValidationErrors();
        String groupName = groupIdentifier(request, errors);
        int limit = limit(request, 50, errors);
        String orderBy = Objects.requireNonNullElse(Json.text(request, "orderBy"), "LogStreamName");
        if (!orderBy.equals("LogStreamName") && !orderBy.equals("LastEventTime")) {
            errors.custom("Value '" + orderBy + "' at 'orderBy' failed to satisfy constraint: Member must satisfy "
                    + "enum value set: [LogStreamName, LastEventTime]");
        }
        errors.throwIfAny("InvalidParameterException");
        String prefix = Json.text(request, "logStreamNamePrefix");
        if (prefix != null && orderBy.equals("LastEventTime")) {
            throw ServiceError.invalid("InvalidParameterException",
                    "Cannot order by LastEventTime with a logStreamNamePrefix.");
        }
        LogGroup group = group(groupName);
        List<LogStream> selected = new ArrayList<>();
        for (LogStream stream : group.streams.values()) {
            if (prefix == null || stream.name.startsWith(prefix)) {
                selected.add(stream);
            }
        }
        if (orderBy.equals("LastEventTime")) {
            selected.sort(Comparator.comparingLong(stream -> stream.lastEventTimestamp));
        }
        if (Json.bool(request, "descending", false)) {
            Collections.reverse(selected);
        }
        String token = Json.text(request, "nextToken");
        int from = token == null ? 0 : Math.min(tokenPosition(token), selected.size());
        int to = Math.min(selected.size(), from + limit);
        ArrayNode streams = wire.newObject().arrayNode();
        for (LogStream stream : selected.subList(from, to)) {
            ObjectNode json = streams.addObject();
            json.put("logStreamName", stream.name);
            json.put("creationTime", stream.creationTime);
            if (!stream.events.isEmpty()) {
                json.put("firstEventTimestamp", stream.firstEventTimestamp);
                json.put("lastEventTimestamp", stream.lastEventTimestamp);
                json.put("lastIngestionTime", stream.lastIngestionTime);
            }
            json.put("arn", groupArn(group.name) + ":log-stream:" + stream.name);
            json.put("storedBytes", 0);
        }
        ObjectNode response = wire.newObject();
        response.set("logStreams", streams);
        if (to < selected.size()) {
            response.put("nextToken", String.format("f/%056d", to));
        }
        return response;
    }

    private ObjectNode describeLogGroups(ObjectNode request, WireFormat wire) {
        ValidationErrors errors = new ValidationErrors();
        int limit = limit(request, 50, errors);
        errors.throwIfAny("InvalidParameterException");
        String prefix = Json.text(request, "logGroupNamePrefix");
        String pattern = Json.text(request, "logGroupNamePattern");
        if (prefix != null && pattern != null) {
            throw ServiceError.invalid("InvalidParameterException",
                    "LogGroup name prefix and LogGroup name pattern are mutually exclusive parameters.");
        }
        List<LogGroup> selected = new ArrayList<>();
        for (LogGroup group : groups.values()) {
            boolean patternMatches = pattern == null
                    || group.name.toLowerCase(Locale.ROOT).contains(pattern.toLowerCase(Locale.ROOT));
            if ((prefix == null || group.name.startsWith(prefix)) && patternMatches) {
                selected.add(group);
            }
        }
        String token = Json.text(request, "nextToken");
        int from = token == null ? 0 : Math.min(tokenPosition(token), selected.size());
        int to = Math.min(selected.size(), from + limit);
        ArrayNode out = wire.newObject().arrayNode();
        for (LogGroup group : selected.subList(from, to)) {
            ObjectNode json = out.addObject();
            json.put("logGroupName", group.name);
            json.put("creationTime", group.creationTime);
            if (group.retentionDays != null) {
                json.put("retentionInDays", group.retentionDays);
            }
            json.put("metricFilterCount", 0);
            json.put("arn", groupArn(group.name) + ":*");
            json.put("storedBytes", 0);
            json.put("logGroupClass", group.logGroupClass);
            json.put("logGroupArn", groupArn(group.name));
        }
        ObjectNode response = wire.newObject();
        response.set("logGroups", out);
        if (to < selected.size()) {
            response.put("nextToken", String.format("f/%056d", to));
        }
        return response;
    }

    private ObjectNode putRetentionPolicy(ObjectNode request, WireFormat wire) {
        ValidationErrors errors = new ValidationErrors();
        String groupName = groupName(request, "logGroupName", errors);
        Long days = Json.integer(request, "retentionInDays");
        if (days == null) {
            errors.mustNotBeNull("retentionInDays");
        } else if (!RETENTION_DAYS.contains(days.intValue()) || days != days.intValue()) {
            errors.custom("Value '" + days + "' at 'retentionInDays' failed to satisfy constraint: Member must "
                    + "satisfy enum value set: [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, "
                    + "1827, 2192, 2557, 2922, 3288, 3653]");
        }
        errors.throwIfAny("InvalidParameterException");
        group(groupName).retentionDays = days.intValue();
        return wire.newObject();
    }

    private ObjectNode deleteLogGroup(ObjectNode request, WireFormat wire) {
        ValidationErrors errors = new ValidationErrors();
        String groupName = groupName(request, "logGroupName", errors);
        errors.throwIfAny("InvalidParameterException");
        groups.remove(group(groupName).name);
        return wire.newObject();
    }

    private ObjectNode deleteLogStream(ObjectNode request, WireFormat wire) {
        ValidationErrors errors = new ValidationErrors();
        String groupName = groupName(request, "logGroupName", errors);
        String streamName = streamName(request, errors);
        errors.throwIfAny("InvalidParameterException");
        LogStream stream = streamFor(groupName, streamName);
        groups.get(groupName).streams.remove(stream.name);
        return wire.newObject();
    }

    // ---------------------------------------------------------------- helpers

    private String groupArn(String group) {
        return "arn:aws:logs:" + region + ":" + ACCOUNT + ":log-group:" + group;
    }

    private static String groupName(ObjectNode request, String member, ValidationErrors errors) {
        String name = Json.text(request, member);
        if (errors.requiredText(member, name, 512)) {
            errors.matches(member, name, GROUP_NAME_PATTERN, "[\\.\\-_/#A-Za-z0-9]+");
        }
        return name;
    }

    /** logGroupIdentifier (name or ARN) is accepted wherever the API allows it instead of logGroupName. */
    private static String groupIdentifier(ObjectNode request, ValidationErrors errors) {
        String identifier = Json.text(request, "logGroupIdentifier");
        if (identifier == null) {
            return groupName(request, "logGroupName", errors);
        }
        int marker = identifier.indexOf(":log-group:");
        if (marker < 0) {
            return identifier;
        }
        String name = identifier.substring(marker + ":log-group:".length());
        return name.endsWith(":*") ? name.substring(0, name.length() - 2) : name;
    }

    private static String streamName(ObjectNode request, ValidationErrors errors) {
        String name = Json.text(request, "logStreamName");
        if (errors.requiredText("logStreamName", name, 512)) {
            errors.matches("logStreamName", name, STREAM_NAME_PATTERN, "[^:*]*");
        }
        return name;
    }

    private static int limit(ObjectNode request, int max, ValidationErrors errors) {
        Long limit = Json.integer(request, "limit");
        if (limit == null) {
            return max;
        }
        if (limit < 1) {
            errors.minValue("limit", limit, 1);
        } else if (limit > max) {
            errors.maxValue("limit", limit, max);
        }
        return (int) Math.max(1, Math.min(max, limit));
    }

    private static int tokenPosition(String token) {
        if (token.length() > 2 && (token.startsWith("f/") || token.startsWith("b/"))) {
            try {
                return Integer.parseInt(token.substring(2));
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw ServiceError.invalid("InvalidParameterException", "The specified nextToken is invalid.");
    }

    private static boolean containsText(JsonNode array, String text) {
        for (JsonNode node : array) {
            if (text.equals(node.asText())) {
                return true;
            }
        }
        return false;
    }

    private static List<LogEvent> sortedByTimestamp(List<LogEvent> events) {
        List<LogEvent> sorted = new ArrayList<>(events);
        sorted.sort(Comparator.comparingLong(LogEvent::timestamp)); // stable: ingestion order among equals
        return sorted;
    }

    private LogGroup group(String name) {
        LogGroup group = groups.get(name);
        if (group == null) {
            throw ServiceError.resourceNotFound("The specified log group does not exist.");
        }
        return group;
    }

    private LogStream streamFor(String groupName, String streamName) {
        LogStream stream = group(groupName).streams.get(streamName);
        if (stream == null) {
            throw ServiceError.resourceNotFound("The specified log stream does not exist.");
        }
        return stream;
    }

    private LogGroup existingGroup(String name) {
        LogGroup group = groups.get(name);
        if (group == null) {
            throw new IllegalArgumentException("no log group named " + name + "; groups: " + groups.keySet());
        }
        return group;
    }

    private LogStream existingStream(String group, String stream) {
        LogStream logStream = existingGroup(group).streams.get(stream);
        if (logStream == null) {
            throw new IllegalArgumentException("no log stream named " + stream + " in group " + group);
        }
        return logStream;
    }

    // ---------------------------------------------------------------- state

    private static final class LogGroup {
        final String name;
        final long creationTime;
        final Map<String, LogStream> streams = new TreeMap<>();
        Integer retentionDays;
        String logGroupClass = "STANDARD";

        LogGroup(String name, long creationTime) {
            this.name = name;
            this.creationTime = creationTime;
        }
    }

    private static final class LogStream {
        final String name;
        final long creationTime;
        final List<LogEvent> events = new ArrayList<>();
        long firstEventTimestamp = Long.MAX_VALUE;
        long lastEventTimestamp = Long.MIN_VALUE;
        long lastIngestionTime;

        LogStream(String name, long creationTime) {
            this.name = name;
            this.creationTime = creationTime;
        }
    }

    /**
     * The simple subset of the CloudWatch Logs filter syntax: space-separated terms that must all appear
     * (case-sensitive), double quotes for a term with spaces, and an empty pattern for everything. JSON and
     * space-delimited patterns are refused.
     */
    private record FilterPattern(List<String> terms) {

        static FilterPattern parse(String pattern) {
            if (pattern == null || pattern.isBlank()) {
                return new FilterPattern(List.of());
            }
            String trimmed = pattern.trim();
            if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
                throw ServiceError.client("InvalidParameterException",
                        "The testkit supports only simple term filter patterns, not: " + pattern);
            }
            List<String> terms = new ArrayList<>();
            int i = 0;
            while (i < trimmed.length()) {
                char c = trimmed.charAt(i);
                if (c == ' ') {
                    i++;
                } else if (c == '"') {
                    int end = trimmed.indexOf('"', i + 1);
                    if (end < 0) {
                        throw ServiceError.invalid("InvalidParameterException", "Invalid filter pattern: " + pattern);
                    }
                    terms.add(trimmed.substring(i + 1, end));
                    i = end + 1;
                } else {
                    int end = trimmed.indexOf(' ', i);
                    end = end < 0 ? trimmed.length() : end;
                    terms.add(trimmed.substring(i, end));
                    i = end;
                }
            }
            return new FilterPattern(List.copyOf(terms));
        }

        boolean matches(String message) {
            for (String term : terms) {
                if (!message.contains(term)) {
                    return false;
                }
            }
            return true;
        }
    }
}

package io.logbeam.core.config;

import io.logbeam.core.config.Property.Type;

import java.util.List;

/**
 * Every property of the Logbeam appenders, each described once. The adapters' setters ({@code KinesisAppender
 * #setStreamName}) and builder attributes link here; {@code docs/configuration.md}'s tables are these rows, word for
 * word (a test compares them).
 */
public final class PropertyTable {

    private PropertyTable() {
    }

    private static Property text(String name, String defaultValue, String shownDefault, String range, String meaning) {
        return new Property(name, Type.TEXT, defaultValue, shownDefault, range, meaning);
    }

    private static Property of(Type type, String name, String defaultValue, String range, String meaning) {
        return new Property(name, type, defaultValue, "`" + defaultValue + "`", range, meaning);
    }

    // ---- shared by every destination ----

    /** {@code logType}. */
    public static final Property LOG_TYPE = text("logType", "app", "`app`", "",
            "The `log_type` of this appender's events.");
    /** {@code logTypeFrom}. */
    public static final Property LOG_TYPE_FROM = text("logTypeFrom", "log_type", "`log_type`", "a key, or `none`",
            "MDC key (Log4j2: thread context key) or SLF4J key-value / MapMessage key whose value, when present, "
            + "overrides `logType` for that event. `none` (or empty in log4j2.xml; Logback ignores an empty "
            + "element): never overridden.");
    /** {@code logTypeMarkerPrefix}. */
    public static final Property LOG_TYPE_MARKER_PREFIX = text("logTypeMarkerPrefix", "log_type:", "`log_type:`",
            "a prefix, or `none`",
            "A marker whose name starts with this gives the event's `log_type`: the rest of its name "
            + "(`MarkerFactory.getMarker(\"log_type:audit\")`, Log4j2 `MarkerManager.getMarker(\"log_type:audit\")` "
            + "give `audit`). The event's own markers count first, then the markers they reference (Logback) or "
            + "their parents (Log4j2), 8 resp. 16 levels deep at most. A `logTypeFrom` value wins over a marker; "
            + "see [schema.md](schema.md#where-log_type-comes-from). `none` (or empty in log4j2.xml; Logback "
            + "ignores an empty element): markers never give the type.");
    /** {@code logTypeAllowList}. */
    public static final Property LOG_TYPE_ALLOW_LIST = text("logTypeAllowList", null, "(all)", "comma list",
            "Log types this appender ships, matched against the resolved type (from `logTypeFrom`, a marker or "
            + "`logType`); events of other types are not shipped by this appender (they are counted as "
            + "`filtered`; other appenders still get them).");
    /** {@code logTypeKey}. */
    public static final Property LOG_TYPE_KEY = text("logTypeKey", "log_type", "`log_type`", "",
            "JSON key of the log type.");
    /** {@code logIdKey}. */
    public static final Property LOG_ID_KEY = text("logIdKey", "log_id", "`log_id`", "",
            "JSON key of the unique event id.");
    /** {@code logIdFormat}. */
    public static final Property LOG_ID_FORMAT = text("logIdFormat", "uuid7", "`uuid7`", "`uuid7`, `uuid4`",
            "How `log_id` is made, both RFC 9562 UUIDs: `uuid7` (Unix milliseconds, a counter and 62 random bits "
            + "per process: ids sort by time and shrink to a few bytes under gzip) or `uuid4` (122 random bits per "
            + "id). Either is unique across a fleet, see [schema.md](schema.md#log_id).");
    /** {@code timeKey}. */
    public static final Property TIME_KEY = text("timeKey", "time", "`time`", "",
            "JSON key of the UTC ISO-8601 time with milliseconds.");
    /** {@code timeMillisKey}. */
    public static final Property TIME_MILLIS_KEY = text("timeMillisKey", null, "(off)", "",
            "When set, an extra epoch-milliseconds field under this key (handy for Firehose jq partitioning).");
    /** {@code fieldNames}. */
    public static final Property FIELD_NAMES = text("fieldNames", null, "", "`field=key,...`",
            "Renames other fields: `level=severity,message=msg`. Known fields: `level`, `logger`, `thread`, "
            + "`message`, `mdc`, `kv`, `markers`, `ndc`, `exception`, `caller`, `host`, `truncated`, `lambda`. "
            + "Every key of the event must stay unique (checked at start, with `staticFields`).");
    /** {@code region}. */
    public static final Property REGION = text("region", null, "SDK default chain", "",
            "AWS region (`AWS_REGION`, profile, instance metadata when unset).");
    /** {@code endpoint}. */
    public static final Property ENDPOINT = text("endpoint", null, "service endpoint", "a URL",
            "Endpoint override: VPC endpoint, LocalStack, moto.");
    /** {@code accessKeyId}. */
    public static final Property ACCESS_KEY_ID = text("accessKeyId", null, "default credentials chain", "",
            "Static access key, meant for emulators (with `secretAccessKey`).");
    /** {@code secretAccessKey}. */
    public static final Property SECRET_ACCESS_KEY = text("secretAccessKey", null, "default credentials chain", "",
            "Static secret key, with `accessKeyId`.");
    /** {@code roleArn}. */
    public static final Property ROLE_ARN = text("roleArn", null, "(none)", "an IAM role ARN",
            "Assume this role through STS (`AssumeRole`) and send with its credentials, e.g. into another account; "
            + "the credentials configured otherwise (`accessKeyId` or the default chain) assume it. Fetched by the "
            + "first request and refreshed in the background before they expire, never on a logging thread. Needs "
            + "`software.amazon.awssdk:sts` (a start error otherwise). See [iam.md](iam.md#assuming-a-role).");
    /** {@code roleSessionName}. */
    public static final Property ROLE_SESSION_NAME = text("roleSessionName", null, "`logbeam-<host name>`",
            "2 to 64 of `A-Za-z0-9_+=,.@-`", "With `roleArn`: the session name, as CloudTrail shows it.");
    /** {@code externalId}. */
    public static final Property EXTERNAL_ID = text("externalId", null, "(none)", "",
            "With `roleArn`: the external id the role's trust policy requires.");
    /** {@code stsEndpoint}. */
    public static final Property STS_ENDPOINT = text("stsEndpoint", null, "the region's STS endpoint", "a URL",
            "STS endpoint override (a VPC endpoint, moto), for `roleArn` and `{aws:accountId}`.");
    /** {@code httpClient}. */
    public static final Property HTTP_CLIENT = text("httpClient", "urlconnection", "`urlconnection`",
            "`urlconnection`, `apache`, `crt`",
            "`urlconnection` (light, fast start), `apache` (needs `software.amazon.awssdk:apache-client`) or `crt` "
            + "(needs `software.amazon.awssdk:aws-crt-client`); compared in "
            + "[performance.md](performance.md#http-clients).");
    /** {@code requestTimeout}. */
    public static final Property REQUEST_TIMEOUT = of(Type.DURATION, "requestTimeout", "10 seconds", "> 0",
            "Time one request may take.");
    /** {@code connectTimeout}. */
    public static final Property CONNECT_TIMEOUT = of(Type.DURATION, "connectTimeout", "3 seconds", "> 0",
            "Time to connect.");
    /** {@code clientCustomizer}. */
    public static final Property CLIENT_CUSTOMIZER = text("clientCustomizer", null, "(none)", "a class name",
            "Class name of an `io.logbeam.core.aws.AwsClientCustomizer` with a public no-argument constructor, which "
            + "changes the SDK's client builders before they are built: a proxy, a credentials provider, a metric "
            + "publisher. The SDK's retries stay off. See "
            + "[configuration.md](configuration.md#customizing-the-aws-clients).");
    /** {@code bufferSize}. */
    public static final Property BUFFER_SIZE = of(Type.WHOLE_NUMBER, "bufferSize", "8192", "a power of two, ≥ 2",
            "Ring capacity in events. Memory: see [performance.md](performance.md#memory-bound) for the formula; "
            + "with Log4j2 each slot also keeps a reusable copy of an event (177 B, plus the message text it last "
            + "held, cut back to `log4j.maxReusableMsgSize` chars), so the log call allocates nothing.");
    /** {@code bufferMaxBytes}. */
    public static final Property BUFFER_MAX_BYTES = new Property("bufferMaxBytes", Type.BYTES, null,
            "`64MiB` or an eighth of the maximum heap, whichever is smaller", "`0`, or ≥ `64KiB`",
            "The most heap, approximately, that the events waiting in the ring may hold (less than 64 MiB on a "
            + "small heap such as a 128–512 MB Lambda function; `0`: no byte budget, only `bufferSize` bounds the "
            + "ring). Checked before an event takes a slot: over it, `overflowPolicy` applies as for a full ring. "
            + "An estimate from lengths and counts (message characters × 2, about 100 B per MDC / key-value entry "
            + "plus the JSON of a structured value rendered at the call, 4 KiB per throwable, 256 B per event), and a soft bound: an event is admitted while the ring is "
            + "under the budget, so it can exceed it by one event per logging thread. See "
            + "[performance.md](performance.md#memory-bound).");
    /** {@code overflowPolicy}. */
    public static final Property OVERFLOW_POLICY = text("overflowPolicy", "drop", "`drop`", "`drop`, `block`",
            "When the ring is full or over `bufferMaxBytes`: `drop` the event (counted, reported every 10 s) or "
            + "`block` the logging thread up to `blockTimeout`.");
    /** {@code blockTimeout}. */
    public static final Property BLOCK_TIMEOUT = of(Type.DURATION, "blockTimeout", "1 second", "≥ 0",
            "Longest wait for a ring slot (and for the ring to go under `bufferMaxBytes`) with "
            + "`overflowPolicy=block`.");
    /** {@code maxBatchDelay}. */
    public static final Property MAX_BATCH_DELAY = of(Type.DURATION, "maxBatchDelay", "1 second", "> 0",
            "A batch is sent at the latest this long after its first event.");
    /** {@code maxInFlight}. */
    public static final Property MAX_IN_FLIGHT = of(Type.WHOLE_NUMBER, "maxInFlight", "2", "1 to 64",
            "Concurrent requests.");
    /** {@code maxRetries}. */
    public static final Property MAX_RETRIES = of(Type.WHOLE_NUMBER, "maxRetries", "30", "≥ 0",
            "Retries of a failed entry (only the failed entries are resent). With the default backoff, "
            + "`retryDeadline` ends the retries first.");
    /** {@code retryDeadline}. */
    public static final Property RETRY_DEADLINE = of(Type.DURATION, "retryDeadline", "60 seconds", "≥ 0",
            "After this long an entry that still fails goes to the fallback.");
    /** {@code flushOnLevel}. */
    public static final Property FLUSH_ON_LEVEL = text("flushOnLevel", null, "(never)", "a level name",
            "Level at or above which the batch holding the event is closed and sent at once, e.g. `ERROR`.");
    /** {@code samplingRate}. */
    public static final Property SAMPLING_RATE = text("samplingRate", "0", "`0`", "`0` to `1`",
            "The fraction of AWS Lambda invocations during which this appender's effective level is `DEBUG` (drawn "
            + "once per invocation, as Lambda Powertools' sampling rate): loggers at `INFO` also pass their `DEBUG` "
            + "events. See [lambda.md](lambda.md#debug-sampling).");
    /** {@code fallback}. */
    public static final Property FALLBACK = text("fallback", "stderr", "`stderr`",
            "`stderr`, `none`, a class name",
            "Where undeliverable events go: `stderr`, `none` (counted and summarised only), or the class name of "
            + "an `io.logbeam.core.fallback.Fallback` with a public no-argument constructor.");
    /** {@code shutdownTimeout}. */
    public static final Property SHUTDOWN_TIMEOUT = of(Type.DURATION, "shutdownTimeout", "10 seconds", "≥ 0",
            "On stop, time spent delivering what is buffered; the rest goes to the fallback. Log4j2: the longer "
            + "of this and the timeout Log4j2 passes.");
    /** {@code useShutdownHook}. */
    public static final Property USE_SHUTDOWN_HOOK = of(Type.FLAG, "useShutdownHook", "true", "",
            "Stop this appender when the JVM exits (return from `main`, `System.exit`, SIGTERM), delivering what "
            + "is buffered within `shutdownTimeout`, even if the logging framework is never stopped. One JVM "
            + "shutdown hook serves every Logbeam appender; it is removed when the last one stops. See "
            + "[reliability.md](reliability.md#how-a-program-ends).");
    /** {@code includeMdc}. */
    public static final Property INCLUDE_MDC = of(Type.FLAG, "includeMdc", "true", "",
            "Write MDC (Log4j2: thread context map and stack).");
    /** {@code includeKeyValues}. */
    public static final Property INCLUDE_KEY_VALUES = of(Type.FLAG, "includeKeyValues", "true", "",
            "Write SLF4J 2 key-value pairs (Log4j2: MapMessage entries).");
    /** {@code includeMarkers}. */
    public static final Property INCLUDE_MARKERS = of(Type.FLAG, "includeMarkers", "true", "",
            "Write markers, with the markers they reference.");
    /** {@code includeCallerData}. */
    public static final Property INCLUDE_CALLER_DATA = of(Type.FLAG, "includeCallerData", "false", "",
            "Write caller class, method, file and line. Costs a stack walk on the logging thread.");
    /** {@code includeHost}. */
    public static final Property INCLUDE_HOST = of(Type.FLAG, "includeHost", "true", "",
            "Write the host name.");
    /** {@code staticFields}. */
    public static final Property STATIC_FIELDS = text("staticFields", null, "", "`key=value,...`",
            "Constant fields for every event: `env=prod,replicas=3,canary=false,owner.team=payments,"
            + "service={env:SERVICE:orders}`. A value written as a JSON number, `true`, `false` or `null` is that "
            + "JSON value; quoted (`build=\"1.10\"`), with a placeholder, or anything else, it is text. A dotted key "
            + "nests: `owner.team=payments` gives `\"owner\":{\"team\":\"payments\"}`. Placeholders allowed.");
    /** {@code objectMapperFactory}. */
    public static final Property OBJECT_MAPPER_FACTORY = text("objectMapperFactory", null,
            "Logbeam's mapper when Jackson is present", "a class name",
            "Class name of a `java.util.function.Supplier<com.fasterxml.jackson.databind.ObjectMapper>` with a public "
            + "no-argument constructor: the mapper that writes logged objects Logbeam does not write itself (POJOs, "
            + "records), so that your modules and naming apply. Unset: a mapper with the Jackson modules found on "
            + "the class path when `jackson-databind` is there, else such objects are written as their "
            + "`toString()`. See [schema.md](schema.md#values).");
    /** {@code includeMdcKeys}. */
    public static final Property INCLUDE_MDC_KEYS = text("includeMdcKeys", null, "(all)", "comma list",
            "Only these MDC (Log4j2: thread context) keys are written. Not together with `excludeMdcKeys`.");
    /** {@code excludeMdcKeys}. */
    public static final Property EXCLUDE_MDC_KEYS = text("excludeMdcKeys", null, "", "comma list",
            "MDC (Log4j2: thread context) keys that are not written.");
    /** {@code includeKeyValueKeys}. */
    public static final Property INCLUDE_KEY_VALUE_KEYS = text("includeKeyValueKeys", null, "(all)", "comma list",
            "Only these key-value keys (SLF4J key-values, logstash-logback-encoder arguments and markers, Log4j2 "
            + "MapMessage entries) are written. Not together with `excludeKeyValueKeys`.");
    /** {@code excludeKeyValueKeys}. */
    public static final Property EXCLUDE_KEY_VALUE_KEYS = text("excludeKeyValueKeys", null, "", "comma list",
            "Key-value keys that are not written.");
    /** {@code maskKeys}. */
    public static final Property MASK_KEYS = text("maskKeys", null, "", "comma list",
            "Keys whose values are replaced by `****` before the event leaves the process: in the MDC, in "
            + "key-values and in the maps and objects logged as key-values, compared without case, e.g. "
            + "`password,authorization`.");
    /** {@code maskPattern}. */
    public static final Property MASK_PATTERN = text("maskPattern", null, "", "a Java regular expression",
            "Every match in the message, in MDC values and in text within key-values is replaced by `****` before "
            + "the event leaves the process, e.g. `\\b\\d{13,16}\\b`; several patterns as one alternation. Costs "
            + "a regular-expression pass over each text: see [performance.md](performance.md#structured-values).");
    /** {@code maxStackFrames}. */
    public static final Property MAX_STACK_FRAMES = of(Type.WHOLE_NUMBER, "maxStackFrames", "0", "≥ 0",
            "Frames written per throwable (`0`: all); the rest is replaced by a line `... N frames left out "
            + "(maxStackFrames)` and the event is marked `truncated`.");
    /** {@code stackOmitPackages}. */
    public static final Property STACK_OMIT_PACKAGES = text("stackOmitPackages", null, "", "comma list of prefixes",
            "Frames of classes whose name starts with one of these are replaced by one line `... N frames omitted "
            + "(stackOmitPackages)` per run, e.g. `jdk.internal.reflect,sun.reflect,java.lang.reflect,"
            + "org.springframework.cglib`. A filter, not a cut: the event is not marked `truncated`.");
    /** {@code rootCauseFirst}. */
    public static final Property ROOT_CAUSE_FIRST = of(Type.FLAG, "rootCauseFirst", "false", "",
            "Write the stack trace from the root cause up, each exception that wrapped it after it "
            + "(`Wrapped by: ...`), as Logback's `%rEx` does. The `causes` array keeps its order.");
    /** {@code maxCauseDepth}. */
    public static final Property MAX_CAUSE_DEPTH = of(Type.WHOLE_NUMBER, "maxCauseDepth", "64", "1 to 64",
            "Causes and suppressed exceptions followed at most; deeper ones are replaced by a note and the event is "
            + "marked `truncated`.");
    /** {@code maxMessageBytes}. */
    public static final Property MAX_MESSAGE_BYTES = of(Type.BYTES, "maxMessageBytes", "0", "≥ 0",
            "Message cap in UTF-8 bytes; `0` caps only at the destination's event limit. A cut event carries "
            + "`\"truncated\":true`.");
    /** {@code jmx}. */
    public static final Property JMX = of(Type.FLAG, "jmx", "true", "",
            "Register statistics as an MBean `io.logbeam:type=Appender,name=\"<appender name>\"`.");
    /** {@code spoolDirectory}. */
    public static final Property SPOOL_DIRECTORY = text("spoolDirectory", null, "(off)", "a directory",
            "Durable spool: events that can not be delivered for now wait in `<spoolDirectory>/<appender name>/` "
            + "instead of going to the fallback, and are replayed when the destination accepts again and at the "
            + "next start. One JVM per directory. Placeholders allowed. Details: [spool.md](spool.md).");
    /** {@code spoolMaxBytes}. */
    public static final Property SPOOL_MAX_BYTES = of(Type.BYTES, "spoolMaxBytes", "256MiB", "≥ `64KiB`",
            "Capacity of the spool.");
    /** {@code spoolFsync}. */
    public static final Property SPOOL_FSYNC = text("spoolFsync", "batch", "`batch`", "`batch`, `always`, `never`",
            "When spool writes are forced to the device: `batch` (once per batch), `always` (every event; "
            + "slow), `never` (left to the OS: survives a process crash, not a power loss).");
    /** {@code spoolOverflow}. */
    public static final Property SPOOL_OVERFLOW = text("spoolOverflow", "dropOldest", "`dropOldest`",
            "`dropOldest`, `dropNewest`",
            "What a full spool gives up: whole oldest segments, or new events; counted as `spoolDropped` and "
            + "reported every 10 s.");

    /** The properties every appender has, in the documentation's order. */
    public static final List<Property> SHARED = List.of(LOG_TYPE, LOG_TYPE_FROM, LOG_TYPE_MARKER_PREFIX,
            LOG_TYPE_ALLOW_LIST, LOG_TYPE_KEY, LOG_ID_KEY, LOG_ID_FORMAT, TIME_KEY, TIME_MILLIS_KEY, FIELD_NAMES, REGION,
            ENDPOINT, ACCESS_KEY_ID, SECRET_ACCESS_KEY, ROLE_ARN, ROLE_SESSION_NAME, EXTERNAL_ID, STS_ENDPOINT,
            HTTP_CLIENT, REQUEST_TIMEOUT, CONNECT_TIMEOUT, CLIENT_CUSTOMIZER, BUFFER_SIZE, BUFFER_MAX_BYTES,
            OVERFLOW_POLICY, BLOCK_TIMEOUT, MAX_BATCH_DELAY, MAX_IN_FLIGHT, MAX_RETRIES, RETRY_DEADLINE, FLUSH_ON_LEVEL,
            SAMPLING_RATE, FALLBACK, SHUTDOWN_TIMEOUT, USE_SHUTDOWN_HOOK, INCLUDE_MDC,
            INCLUDE_KEY_VALUES, INCLUDE_MARKERS, INCLUDE_CALLER_DATA, INCLUDE_HOST, STATIC_FIELDS, OBJECT_MAPPER_FACTORY,
            INCLUDE_MDC_KEYS, EXCLUDE_MDC_KEYS, INCLUDE_KEY_VALUE_KEYS, EXCLUDE_KEY_VALUE_KEYS, MASK_KEYS, MASK_PATTERN,
            MAX_STACK_FRAMES, STACK_OMIT_PACKAGES, ROOT_CAUSE_FIRST, MAX_CAUSE_DEPTH, MAX_MESSAGE_BYTES, JMX,
            SPOOL_DIRECTORY, SPOOL_MAX_BYTES, SPOOL_FSYNC, SPOOL_OVERFLOW);

    // ---- Kinesis Data Streams ----

    /** {@code streamName}. */
    public static final Property STREAM_NAME = text("streamName", null, "(required unless `streamArn`)", "",
            "The stream; placeholders allowed, `{aws:accountId}`, `{ec2:instanceId}`, `{ec2:region}` too.");
    /** {@code streamArn}. */
    public static final Property STREAM_ARN = text("streamArn", null, "", "an ARN",
            "The stream's ARN instead of its name (e.g. a stream of another account, with a resource policy "
            + "there).");
    /** {@code partitionKey}. */
    public static final Property PARTITION_KEY = text("partitionKey", "random", "`random`",
            "`random`, `{log_type}`, `{mdc:KEY}`, `{kv:KEY}`, a fixed key",
            "`random` (even spread, no order), `{log_type}`, `{mdc:KEY}` or `{kv:KEY}` (ordered per value; random "
            + "when absent), or a fixed key (one shard, fully ordered, capped at that shard's 1 MiB/s and 1,000 "
            + "records/s).");
    /** {@code aggregation}. */
    public static final Property AGGREGATION = of(Type.FLAG, "aggregation", "false", "",
            "Pack many events into KPL-format aggregated records (consumers de-aggregate; KCL does).");
    /** {@code compression}. */
    public static final Property COMPRESSION = text("compression", "none", "`none`", "`none`, `gzip`",
            "Applied to each record's data (plain or aggregated).");
    /** {@code compressionLevel}. */
    public static final Property COMPRESSION_LEVEL = of(Type.WHOLE_NUMBER, "compressionLevel", "6", "1 to 9",
            "gzip level with `compression=gzip`: `1` (fastest) .. `9` (smallest); `6` is zlib's default. Ignored "
            + "without gzip (still checked).");
    /** {@code maxRecordBytes} of Kinesis. */
    public static final Property KINESIS_MAX_RECORD_BYTES = of(Type.BYTES, "maxRecordBytes", "1048576",
            "up to `10MiB`",
            "Largest record (data plus partition key); more than 1 MiB only for streams with a raised "
            + "`MaxRecordSizeInKiB`.");
    /** {@code maxRequestBytes}. */
    public static final Property MAX_REQUEST_BYTES = of(Type.BYTES, "maxRequestBytes", "5242880",
            "`maxRecordBytes` to `10MiB`", "Largest PutRecords request.");
    /** {@code aggregationMaxBytes}. */
    public static final Property AGGREGATION_MAX_BYTES = of(Type.BYTES, "aggregationMaxBytes", "0",
            "`0`, or `1024` to `maxRecordBytes`",
            "With `aggregation`: size to fill each aggregate to before compression; `0` fills up to the record "
            + "limit. Smaller aggregates lower consumer memory and latency per record.");
    /** {@code aggregateByShard}. */
    public static final Property AGGREGATE_BY_SHARD = of(Type.FLAG, "aggregateByShard", "true", "",
            "With `aggregation` and `partitionKey` `{log_type}`, `{mdc:KEY}` or `{kv:KEY}`: aggregate the events whose "
            + "keys go to one shard together, each keeping its own key (the stream's shards are listed with "
            + "`kinesis:ListShards`); `false`: one aggregate per key. See "
            + "[kinesis.md](kinesis.md#aggregating-by-shard).");
    /** {@code autoCreate}. */
    public static final Property AUTO_CREATE = of(Type.FLAG, "autoCreate", "false", "",
            "Create the stream when it does not exist (Logbeam never creates streams unless asked).");
    /** {@code shardCount}. */
    public static final Property SHARD_COUNT = of(Type.WHOLE_NUMBER, "shardCount", "0", "≥ 0",
            "With `autoCreate`: shards of the new stream; `0` creates an on-demand stream.");

    /** The Kinesis Data Streams properties, besides {@link #SHARED}. */
    public static final List<Property> KINESIS = List.of(STREAM_NAME, STREAM_ARN, PARTITION_KEY, AGGREGATION,
            COMPRESSION, COMPRESSION_LEVEL, KINESIS_MAX_RECORD_BYTES, MAX_REQUEST_BYTES, AGGREGATION_MAX_BYTES,
            AGGREGATE_BY_SHARD, AUTO_CREATE, SHARD_COUNT);

    // ---- Kinesis Data Firehose ----

    /** {@code deliveryStreamName}. */
    public static final Property DELIVERY_STREAM_NAME = text("deliveryStreamName", null, "(required)", "",
            "The delivery stream (DirectPut); placeholders allowed, `{aws:accountId}`, `{ec2:instanceId}`, "
            + "`{ec2:region}` too.");
    /** {@code packRecords}. */
    public static final Property PACK_RECORDS = of(Type.FLAG, "packRecords", "false", "",
            "Pack several NDJSON lines into one record, up to `maxRecordBytes` and 500 lines (Firehose bills per "
            + "5 KB-rounded record).");
    /** {@code maxRecordBytes} of Firehose. */
    public static final Property FIREHOSE_MAX_RECORD_BYTES = of(Type.BYTES, "maxRecordBytes", "1024000",
            "8193 to 1024000",
            "Largest record (the service maximum, 1,000 KiB), and so the largest event, line end included.");

    /** The Firehose properties, besides {@link #SHARED}. */
    public static final List<Property> FIREHOSE = List.of(DELIVERY_STREAM_NAME, PACK_RECORDS,
            FIREHOSE_MAX_RECORD_BYTES);

    // ---- CloudWatch Logs ----

    /** {@code logGroup}. */
    public static final Property LOG_GROUP = text("logGroup", null, "(required)", "",
            "The log group; placeholders allowed, `{aws:accountId}`, `{ec2:instanceId}`, `{ec2:region}` too.");
    /** {@code logStream}. */
    public static final Property LOG_STREAM = text("logStream", "{hostname}-{pid}", "`{hostname}-{pid}`", "",
            "The log stream; a fixed name gives one application-wide stream (parallel writers are allowed). "
            + "Placeholders allowed, `{aws:accountId}`, `{ec2:instanceId}`, `{ec2:region}` too.");
    /** {@code createLogGroup}. */
    public static final Property CREATE_LOG_GROUP = of(Type.FLAG, "createLogGroup", "true", "",
            "Create the group when missing.");
    /** {@code createLogStream}. */
    public static final Property CREATE_LOG_STREAM = of(Type.FLAG, "createLogStream", "true", "",
            "Create the stream when missing.");
    /** {@code retentionDays}. */
    public static final Property RETENTION_DAYS = new Property("retentionDays", Type.WHOLE_NUMBER, null, "(none)",
            "1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653",
            "Retention set when the appender creates the group.");
    /** {@code logGroupClass}. */
    public static final Property LOG_GROUP_CLASS = text("logGroupClass", null, "(service default)",
            "`STANDARD`, `INFREQUENT_ACCESS`", "Used when the appender creates the group.");
    /** {@code maxEventBytes}. */
    public static final Property MAX_EVENT_BYTES = of(Type.BYTES, "maxEventBytes", "1048550", "up to 1048550",
            "Largest event message in UTF-8 bytes (262118 for the old limit).");

    /** The CloudWatch Logs properties, besides {@link #SHARED}. */
    public static final List<Property> CLOUDWATCH_LOGS = List.of(LOG_GROUP, LOG_STREAM, CREATE_LOG_GROUP,
            CREATE_LOG_STREAM, RETENTION_DAYS, LOG_GROUP_CLASS, MAX_EVENT_BYTES);
}

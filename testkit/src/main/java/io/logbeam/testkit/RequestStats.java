package io.logbeam.testkit;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counters of every request that reached {@link LocalAwsEndpoint}, faulted and rejected ones included.
 */
public final class RequestStats {

    private final Map<AwsOperation, LongAdder> counts = new EnumMap<>(AwsOperation.class);
    private final Map<AwsOperation, LongAdder> bytes = new EnumMap<>(AwsOperation.class);
    private final Map<AwsOperation, Set<String>> contentTypes = new EnumMap<>(AwsOperation.class);
    private final LongAdder unknownCount = new LongAdder();
    private final LongAdder unknownBytes = new LongAdder();
    private final Set<String> allContentTypes = ConcurrentHashMap.newKeySet();

    RequestStats() {
        for (AwsOperation operation : AwsOperation.values()) {
            counts.put(operation, new LongAdder());
            bytes.put(operation, new LongAdder());
            contentTypes.put(operation, ConcurrentHashMap.newKeySet());
        }
    }

    void record(AwsOperation operation, int bodyBytes, String contentType) {
        String type = contentType == null ? "" : contentType;
        allContentTypes.add(type);
        if (operation == null) {
            unknownCount.increment();
            unknownBytes.add(bodyBytes);
            return;
        }
        counts.get(operation).increment();
        bytes.get(operation).add(bodyBytes);
        contentTypes.get(operation).add(type);
    }

    /** Requests for one operation. */
    public long count(AwsOperation operation) {
        return counts.get(operation).sum();
    }

    /** All requests, including those with an unknown or missing {@code X-Amz-Target}. */
    public long count() {
        return counts.values().stream().mapToLong(LongAdder::sum).sum() + unknownCount.sum();
    }

    /** Requests whose {@code X-Amz-Target} named no supported operation. */
    public long unknownCount() {
        return unknownCount.sum();
    }

    /** Request body bytes received for one operation (as on the wire, after de-chunking). */
    public long bodyBytes(AwsOperation operation) {
        return bytes.get(operation).sum();
    }

    /** Request body bytes received in total. */
    public long bodyBytes() {
        return bytes.values().stream().mapToLong(LongAdder::sum).sum() + unknownBytes.sum();
    }

    /** Content-Type header values seen for one operation (empty string when absent). */
    public Set<String> contentTypes(AwsOperation operation) {
        return Set.copyOf(contentTypes.get(operation));
    }

    /** Content-Type header values seen on any request. */
    public Set<String> contentTypes() {
        return Set.copyOf(allContentTypes);
    }

    void reset() {
        counts.values().forEach(LongAdder::reset);
        bytes.values().forEach(LongAdder::reset);
        contentTypes.values().forEach(Set::clear);
        unknownCount.reset();
        unknownBytes.reset();
        allContentTypes.clear();
    }
}

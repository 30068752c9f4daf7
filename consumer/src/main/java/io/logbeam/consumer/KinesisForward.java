package io.logbeam.consumer;

import io.logbeam.core.kinesis.KinesisLimits;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Forwards a batch of records to another stream ({@link KinesisForwarder}).
 * <ul>
 *   <li>Without an allow-list every record is forwarded as it is, same data and partition key: aggregates and
 *       gzip stay as they were, and consumers of the target read what consumers of the source read.</li>
 *   <li>With an allow-list the records are decoded and the kept events are forwarded as NDJSON lines, packed into
 *       records up to the record limit under the source record's partition key (so order per key is kept).
 *       Undecodable input is not forwarded; it is counted.</li>
 * </ul>
 */
public final class KinesisForward {

    private final KinesisForwarder forwarder;
    private final LogTypeRouting routing;
    private final RecordDecoder decoder;

    /** Forwards through {@code forwarder}, filtering by {@code routing}'s allow-list when it has one. */
    public KinesisForward(KinesisForwarder forwarder, LogTypeRouting routing, RecordDecoder decoder) {
        this.forwarder = forwarder;
        this.routing = routing;
        this.decoder = decoder;
    }

    /** Forwards {@code records}; the sources whose entries could not be put are reported. */
    public BatchOutcome process(List<SourceRecord> records) {
        List<KinesisForwarder.Entry> entries = new ArrayList<>();
        long[] totals = new long[2];
        Packer[] packer = new Packer[1];
        RoutingSink sink = new RoutingSink(routing) {
            @Override
            void kept(LogEvent event, LogTypeRouting.Route route) {
                if (route.kind() != LogTypeRouting.Route.Kind.ALLOWED) {
                    notAllowed(route.group()); // with an allow-list, an event without a type is not on it
                    return;
                }
                packer[0].add(event.json());
                totals[0]++;
            }

            @Override
            public void failure(DecodeFailure failure) {
                totals[1]++;
            }
        };
        for (SourceRecord record : records) {
            String key = record.partitionKey() == null || record.partitionKey().isEmpty() ? record.id()
                    : record.partitionKey();
            if (routing.allowList().isEmpty()) {
                entries.add(new KinesisForwarder.Entry(key, record.data(), record.id()));
                continue;
            }
            packer[0] = new Packer(key, record.id(), entries);
            decoder.decode(record.data(), sink);
            packer[0].close();
        }
        Map<String, Long> notAllowed = sink.notAllowed();
        KinesisForwarder.Result result = forwarder.put(entries);
        return new BatchOutcome(List.copyOf(result.failedSources()), totals[0], notAllowed, totals[1], entries.size(),
                result.lastError());
    }

    /** Packs NDJSON lines into records no larger than a Kinesis record. */
    private static final class Packer {
        private final String key;
        private final String sourceId;
        private final List<KinesisForwarder.Entry> out;
        private final int limit;
        private final ByteArrayOutputStream record = new ByteArrayOutputStream();

        Packer(String key, String sourceId, List<KinesisForwarder.Entry> out) {
            this.key = key;
            this.sourceId = sourceId;
            this.out = out;
            this.limit = KinesisLimits.DEFAULT_MAX_RECORD_BYTES
                    - key.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        }

        void add(byte[] json) {
            if (record.size() > 0 && record.size() + json.length + 1 > limit) {
                close();
            }
            record.writeBytes(json);
            record.write('\n');
        }

        void close() {
            if (record.size() > 0) {
                out.add(new KinesisForwarder.Entry(key, record.toByteArray(), sourceId));
                record.reset();
            }
        }
    }
}

package io.logbeam.consumer;

import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Turns a batch of records into per-minute CloudWatch metrics with {@code PutMetricData}: metric {@code Events}
 * (unit Count) with dimensions {@code log_type}, {@code level} and, when configured, one more event field; and
 * {@code UndecodableInput} (no dimension) for input that could not be decoded, at its arrival minute.
 *
 * <p>The batch is counted first, then sent in as few calls as the limits allow (1,000 data points per call), so
 * a batch of 10,000 records usually costs one call. Data points outside what CloudWatch accepts (older than two
 * weeks, more than two hours ahead) are left out: one of them would make CloudWatch refuse the whole call. When a call fails every record of the batch is
 * reported, so the batch is counted again: metrics are at least once, never silently missing.
 */
public final class KinesisToMetrics {

    /** Data points per PutMetricData call (API reference). */
    public static final int MAX_DATA_PER_CALL = 1000;
    /** CloudWatch refuses dimension values longer than this. */
    static final int MAX_DIMENSION_CHARS = 1024;

    private final CloudWatchClient cloudWatch;
    private final String namespace;
    private final String dimension;
    private final LogTypeRouting routing;
    private final RecordDecoder decoder;
    private final Supplier<Instant> clock;

    /**
     * @param cloudWatch the client
     * @param namespace  metric namespace
     * @param dimension  the extra dimension's event field ({@code service}, {@code lambda.function}), or null; the
     *                   decoder's keys must read it ({@link EventKeys#withField})
     * @param routing    allow-list and unknown prefix
     * @param decoder    the decoder
     * @param clock      now, to leave out what CloudWatch would refuse
     */
    public KinesisToMetrics(CloudWatchClient cloudWatch, String namespace, String dimension, LogTypeRouting routing,
            RecordDecoder decoder, Supplier<Instant> clock) {
        if (dimension != null && !decoder.keys().fields().contains(dimension)) {
            throw new IllegalArgumentException("the decoder does not read the dimension field " + dimension);
        }
        this.cloudWatch = cloudWatch;
        this.namespace = namespace;
        this.dimension = dimension;
        this.routing = routing;
        this.decoder = decoder;
        this.clock = clock;
    }

    /** Counts {@code records} and publishes the counts. */
    public BatchOutcome process(List<SourceRecord> records) {
        MinuteCounts counts = new MinuteCounts();
        Map<Instant, Long> undecodable = new TreeMap<>();
        int dimensionIndex = dimension == null ? -1 : decoder.keys().fields().indexOf(dimension);
        long[] totals = new long[2];
        Instant[] arrival = new Instant[1];
        RoutingSink sink = new RoutingSink(routing) {
            @Override
            void kept(LogEvent event, LogTypeRouting.Route route) {
                Instant time = event.instant();
                counts.add(time != null ? time : arrival[0], route.group(), event.level(),
                        dimensionIndex < 0 ? null : event.field(dimensionIndex), dimensionIndex >= 0);
                totals[0]++;
            }

            @Override
            public void failure(DecodeFailure failure) {
                undecodable.merge(arrival[0].truncatedTo(ChronoUnit.MINUTES), 1L, Long::sum);
                totals[1]++;
            }
        };
        for (SourceRecord record : records) {
            arrival[0] = record.arrival() != null ? record.arrival() : clock.get();
            decoder.decode(record.data(), sink);
        }
        Map<String, Long> notAllowed = sink.notAllowed();
        List<MetricDatum> data = data(counts, undecodable);
        try {
            for (int from = 0; from < data.size(); from += MAX_DATA_PER_CALL) {
                List<MetricDatum> call = data.subList(from, Math.min(data.size(), from + MAX_DATA_PER_CALL));
                cloudWatch.putMetricData(r -> r.namespace(namespace).metricData(call));
            }
        } catch (RuntimeException e) {
            return new BatchOutcome(records.stream().map(SourceRecord::id).toList(), totals[0], notAllowed, totals[1],
                    0, "PutMetricData: " + e.getMessage());
        }
        return new BatchOutcome(List.of(), totals[0], notAllowed, totals[1], data.size(), null);
    }

    private List<MetricDatum> data(MinuteCounts counts, Map<Instant, Long> undecodable) {
        Instant now = clock.get();
        Instant oldest = now.minus(Duration.ofDays(14)).plus(Duration.ofMinutes(5));
        Instant newest = now.plus(Duration.ofHours(2)).minus(Duration.ofMinutes(5));
        List<MetricDatum> data = new ArrayList<>();
        for (Map.Entry<MinuteCounts.Key, Long> e : counts.counts().entrySet()) {
            MinuteCounts.Key key = e.getKey();
            if (key.minute().isBefore(oldest) || key.minute().isAfter(newest)) {
                continue;
            }
            List<Dimension> dimensions = new ArrayList<>();
            dimensions.add(dimension("log_type", key.logType()));
            dimensions.add(dimension("level", key.level()));
            if (key.dimension() != null) {
                dimensions.add(dimension(dimension, key.dimension()));
            }
            data.add(datum("Events", key.minute(), e.getValue(), dimensions));
        }
        for (Map.Entry<Instant, Long> e : undecodable.entrySet()) {
            data.add(datum("UndecodableInput", e.getKey(), e.getValue(), List.of()));
        }
        return data;
    }

    private static MetricDatum datum(String name, Instant minute, long count, List<Dimension> dimensions) {
        return MetricDatum.builder().metricName(name).timestamp(minute).value((double) count)
                .unit(StandardUnit.COUNT).storageResolution(60).dimensions(dimensions).build();
    }

    private static Dimension dimension(String name, String value) {
        String v = value.length() > MAX_DIMENSION_CHARS ? value.substring(0, MAX_DIMENSION_CHARS) : value;
        return Dimension.builder().name(name).value(v).build();
    }
}

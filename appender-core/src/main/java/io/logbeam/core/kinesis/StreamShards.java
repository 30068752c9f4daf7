package io.logbeam.core.kinesis;

import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ListShardsRequest;
import software.amazon.awssdk.services.kinesis.model.ListShardsResponse;
import software.amazon.awssdk.services.kinesis.model.Shard;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;

/**
 * The shard map of the stream a destination writes to, for aggregating by shard. Read with ListShards when the
 * destination opens, every {@link #REFRESH_INTERVAL} after that, and soon after a sign of resharding (an aggregate
 * stored on another shard than the one it was made for). Until a listing succeeds, while ListShards is refused,
 * and for good once the stream refuses explicit hash keys, {@link #current()} is null and the batcher aggregates
 * per key, as it does without this.
 *
 * <p>Listings run on a daemon thread of their own, so neither the start nor the logging path waits for them; the
 * one exception is {@link #refreshFor}, run by the sender thread that met a shard the map does not know, because it
 * decides right there whether an aggregate has to be sent again. Refreshes are serialised; {@link #current()} is a
 * volatile read for the consumer thread.
 */
final class StreamShards implements AutoCloseable {

    /** Time between two scheduled listings. */
    static final Duration REFRESH_INTERVAL = Duration.ofMinutes(1);
    /** Least time between two listings asked for by signs of resharding. */
    private static final long MIN_SPACING_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** Least time between two listings asked for by a sender that met an unknown shard. */
    private static final long MIN_SPACING_FOR_SENDER_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final String streamName;
    private final String streamArn;
    private final KinesisErrors errors;
    private final Duration interval;
    private final AtomicBoolean queued = new AtomicBoolean();
    private volatile ShardMap current;
    private volatile boolean explicitHashKeysRefused;
    private volatile BiConsumer<String, String> problems = (key, message) -> { };
    private volatile KinesisClient client;
    private volatile ScheduledThreadPoolExecutor timer;
    private final Object listing = new Object(); // one listing at a time
    private long lastListingNanos = System.nanoTime() - MIN_SPACING_NANOS; // guarded by listing

    /** @param streamArn the stream's ARN, used instead of {@code streamName} when not null */
    StreamShards(String streamName, String streamArn, KinesisErrors errors, Duration interval) {
        this.streamName = streamName;
        this.streamArn = streamArn;
        this.errors = errors;
        this.interval = interval;
    }

    /** Where to say, once per key, that listing failed. */
    void reportProblemsTo(BiConsumer<String, String> reporter) {
        this.problems = reporter;
    }

    /** The open shards as last listed, or null: aggregate per key. */
    ShardMap current() {
        return explicitHashKeysRefused ? null : current;
    }

    /** Starts listing with {@code kinesisClient}: now, then every interval. Once; later calls do nothing. */
    synchronized void start(KinesisClient kinesisClient) {
        if (timer != null) {
            return;
        }
        client = kinesisClient;
        timer = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "logbeam-kinesis-shards-" + (streamName != null ? streamName
                    : streamArn));
            thread.setDaemon(true);
            return thread;
        });
        timer.setRemoveOnCancelPolicy(true);
        timer.scheduleWithFixedDelay(this::refreshQuietly, 0, interval.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** A sign of resharding: lists again in a second, on the listing thread. */
    void reshardingSuspected() {
        ScheduledThreadPoolExecutor t = timer;
        if (t != null && queued.compareAndSet(false, true)) {
            try {
                t.schedule(() -> {
                    queued.set(false);
                    refreshQuietly();
                }, MIN_SPACING_NANOS, TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) {
                queued.set(false); // closed
            }
        }
    }

    /**
     * The current map, listed again first unless it already knows {@code shardId} (or a listing ran within the last
     * 100 ms: the other records of one response find the map the first one brought); on the calling (sender)
     * thread. Null when no map can be had.
     */
    ShardMap refreshFor(String shardId) {
        ShardMap map = current();
        if (map != null && map.contains(shardId)) {
            return map;
        }
        refresh(MIN_SPACING_FOR_SENDER_NANOS);
        return current();
    }

    /** The stream refused an explicit hash key: from now on aggregates are made per key. */
    void explicitHashKeysRefused(String why) {
        explicitHashKeysRefused = true;
        problems.accept("explicitHashKeysRefused", why + ": the stream does not take explicit hash keys, so events"
                + " keyed by partitionKey are aggregated per key from now on (aggregateByShard has no effect)");
    }

    /** Lists the shards once, unless a listing ran within the last second; failures are reported, not thrown. */
    void refreshQuietly() {
        refresh(MIN_SPACING_NANOS);
    }

    private void refresh(long minSpacingNanos) {
        synchronized (listing) {
            if (client == null || System.nanoTime() - lastListingNanos < minSpacingNanos) {
                return;
            }
            lastListingNanos = System.nanoTime();
            try {
                ShardMap listed = ShardMap.of(listOpenShards());
                if (listed == null) {
                    reshardingSuspected(); // the listing caught a reshard half way: keep the old map, ask again
                } else if (!listed.sameAs(current)) {
                    current = listed;
                }
            } catch (RuntimeException e) {
                String message = errors.listShards(e);
                if (message != null) {
                    problems.accept("ListShards", message);
                }
            }
        }
    }

    private List<ShardMap.Listed> listOpenShards() {
        KinesisClient kinesis = client;
        List<ShardMap.Listed> open = new ArrayList<>();
        String next = null;
        do {
            ListShardsRequest.Builder request = ListShardsRequest.builder();
            if (next != null) {
                request.nextToken(next); // a token names the stream itself: the name must not come with it
            } else if (streamArn != null) {
                request.streamARN(streamArn);
            } else {
                request.streamName(streamName);
            }
            ListShardsResponse page = kinesis.listShards(request.build());
            for (Shard shard : page.shards()) {
                boolean closed = shard.sequenceNumberRange() != null
                        && shard.sequenceNumberRange().endingSequenceNumber() != null;
                if (!closed) {
                    open.add(new ShardMap.Listed(shard.shardId(),
                            new BigInteger(shard.hashKeyRange().startingHashKey()),
                            new BigInteger(shard.hashKeyRange().endingHashKey())));
                }
            }
            next = page.nextToken();
        } while (next != null);
        return open;
    }

    /**
     * Ends the listing thread: at once when it is idle, as it nearly always is. A listing under way is interrupted
     * and given a second, not more: a stop must not wait for a slow ListShards (the thread is a daemon).
     */
    @Override
    public void close() {
        ScheduledThreadPoolExecutor t = timer;
        if (t != null) {
            t.shutdownNow();
            try {
                t.awaitTermination(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}

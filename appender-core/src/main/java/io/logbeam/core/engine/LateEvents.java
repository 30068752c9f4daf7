package io.logbeam.core.engine;

import io.logbeam.core.event.EncodedEvent;
import io.logbeam.core.event.EventSerializer;
import io.logbeam.core.event.LambdaContext;
import io.logbeam.core.util.ProblemReporter;

import java.util.List;
import java.util.function.Supplier;

/**
 * Events published after their shipper began stopping. At JVM exit Logbeam's hook stops a shipper while the
 * application, or another shutdown hook, may still be logging through an appender that its framework has not stopped;
 * no consumer thread will read the ring again, so such an event is encoded on the logging thread and given to the
 * fallback at once, saying why, instead of being dropped. Rare by nature, so one lock serialises them, and the
 * serializer is only made for the first one.
 *
 * <p>Once the shipper has closed its fallback (the end of its stop), late events go to standard error, or, with
 * {@code fallback=none}, are counted as fallback and said once.
 *
 * @param <E> the framework's event type
 */
final class LateEvents<E> {

    static final String REASON = "logged after the appender began stopping (JVM exit or framework shutdown): "
            + "written here instead of being shipped";

    private final Supplier<EventSerializer<E>> newSerializer;
    private final ShipperStats stats;
    private final ProblemReporter problems;
    private final boolean silent;
    private FallbackSink sink; // guarded by this
    private EventSerializer<E> serializer; // guarded by this; made at the first late event

    LateEvents(Supplier<EventSerializer<E>> newSerializer, FallbackSink sink, ShipperStats stats,
            ProblemReporter problems, boolean silent) {
        this.newSerializer = newSerializer;
        this.sink = sink;
        this.stats = stats;
        this.problems = problems;
        this.silent = silent;
    }

    /** Encodes {@code event} now and gives it to the fallback; counts it as dropped if even that fails. */
    synchronized void write(E event, String logType) {
        try {
            if (serializer == null) {
                serializer = newSerializer.get();
            }
            EncodedEvent encoded = serializer.serialize(event, logType, null, (LambdaContext.Invocation) null, false);
            if (encoded.truncated()) {
                stats.truncated.increment();
            }
            stats.late.increment();
            sink.events(List.of(encoded), REASON);
            if (silent) {
                problems.once("late-events", "events logged after this appender began stopping are not shipped "
                        + "(fallback=none: not printed; counted as fallback)");
            }
        } catch (RuntimeException | LinkageError | StackOverflowError e) {
            stats.dropped.increment();
            problems.once("late-events-failed", "an event logged after this appender began stopping could not be "
                    + "written to the fallback and is lost: " + e);
        }
    }

    /**
     * Runs {@code close} (the shipper closing its fallback) so that no late event is being written meanwhile; late
     * events go to {@code afterClose} from then on.
     */
    synchronized void closeFallback(Runnable close, FallbackSink afterClose) {
        close.run();
        sink = afterClose;
    }
}

package io.logbeam.core.engine;

import io.logbeam.core.destination.Destination;
import io.logbeam.core.event.EventAdapter;
import io.logbeam.core.event.EventCarriers;
import io.logbeam.core.event.JsonSchema;
import io.logbeam.core.event.LogTypes;
import io.logbeam.core.fallback.Fallback;
import io.logbeam.core.fallback.StderrFallback;
import io.logbeam.core.spool.SpoolConfig;
import io.logbeam.core.util.ConfigException;
import io.logbeam.core.util.Diagnostics;

import java.util.Objects;

/**
 * Assembles a {@link Shipper}; {@link #start()} starts its threads.
 *
 * @param <E> the framework's event type
 */
public final class ShipperBuilder<E> {
    final EventAdapter<E> encoder;
    final Destination destination;
    EventCarriers<E> carriers;
    ShipperConfig config = ShipperConfig.builder().build();
    LogTypes logTypes = LogTypes.defaults();
    JsonSchema schema;
    Fallback fallback = new StderrFallback();
    Diagnostics diagnostics = Diagnostics.stderr();
    SpoolConfig spool;

    ShipperBuilder(EventAdapter<E> encoder, Destination destination) {
        this.encoder = Objects.requireNonNull(encoder, "encoder");
        this.destination = Objects.requireNonNull(destination, "destination");
    }

    /** Pipeline settings. */
    public ShipperBuilder<E> config(ShipperConfig value) {
        this.config = Objects.requireNonNull(value);
        return this;
    }

    /**
     * Preallocates one carrier per ring slot, for {@link Shipper#publishCopy}; null (default) for none, when the
     * adapter publishes events that stay valid ({@link Shipper#publish(Object, boolean)} works either way).
     */
    public ShipperBuilder<E> carriers(EventCarriers<E> value) {
        this.carriers = value;
        return this;
    }

    /** Log type resolution and allow-list. */
    public ShipperBuilder<E> logTypes(LogTypes value) {
        this.logTypes = Objects.requireNonNull(value);
        return this;
    }

    /** The JSON schema; default {@code JsonSchema.builder().build()}. */
    public ShipperBuilder<E> schema(JsonSchema value) {
        this.schema = Objects.requireNonNull(value);
        return this;
    }

    /** Where undeliverable events go; default standard error. */
    public ShipperBuilder<E> fallback(Fallback value) {
        this.fallback = Objects.requireNonNull(value);
        return this;
    }

    /** Where Logbeam reports its own problems; default standard error. */
    public ShipperBuilder<E> diagnostics(Diagnostics value) {
        this.diagnostics = Objects.requireNonNull(value);
        return this;
    }

    /**
     * A durable spool for what can not be delivered for now; null (default) for none. The shipper holds
     * the lock of {@code <directory>/<name>} from start to stop.
     */
    public ShipperBuilder<E> spool(SpoolConfig value) {
        this.spool = value;
        return this;
    }

    /**
     * Creates the shipper and starts its threads; never waits on the network. When another shipper of this JVM
     * holds the spool directory (the appender this one replaces, during a Log4j2 reconfiguration), the shipper
     * starts without its spool, says so, and takes the spool over as soon as that shipper releases it.
     *
     * @throws ConfigException naming {@code spoolDirectory} when the spool can not be created, written or
     *                         locked by this JVM (another process uses it)
     */
    public Shipper<E> start() {
        if (schema == null) {
            schema = JsonSchema.builder().build();
        }
        Shipper<E> shipper = new Shipper<>(this);
        try {
            shipper.start();
            return shipper;
        } catch (RuntimeException | Error e) {
            shipper.discard();
            throw e;
        }
    }
}

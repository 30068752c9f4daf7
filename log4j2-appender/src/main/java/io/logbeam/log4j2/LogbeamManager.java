package io.logbeam.log4j2;

import io.logbeam.core.config.AppenderProperties;
import io.logbeam.core.engine.Shipper;
import io.logbeam.core.event.EventCopier;

import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.StringLayout;
import org.apache.logging.log4j.core.appender.AbstractManager;
import org.apache.logging.log4j.core.appender.ManagerFactory;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Owns one running {@link Shipper} (ring, consumer thread, AWS client) and outlives the appender instances
 * that use it, the way Log4j2's file managers outlive their appenders.
 *
 * <p>Log4j2 reconfigures by building and starting the new configuration before stopping the old one.
 * Managers are shared by name through {@link AbstractManager#getManager}, and the name is the appender's
 * element, name and a digest of every Logbeam attribute: an unchanged appender gets the running manager
 * back (its use count goes to 2, then back to 1 when the old configuration stops), so nothing buffered is
 * stopped, lost or sent twice. A changed appender gets a new manager; the old one is flushed and stopped
 * when the old configuration releases it. Events logged meanwhile go to exactly one of the two.
 */
public final class LogbeamManager extends AbstractManager {

    private static final ManagerFactory<LogbeamManager, FactoryData> FACTORY = (key, data) -> {
        Log4j2EventAdapter encoder = new Log4j2EventAdapter(data.layout);
        Shipper<LogEvent> shipper = data.settings.start(data.appenderName, encoder,
                Log4j2EventCarrier.CARRIERS, StatusDiagnostics.INSTANCE);
        return new LogbeamManager(data.loggerContext, key, shipper, encoder);
    };

    private final Shipper<LogEvent> shipper;
    private final Log4j2EventAdapter encoder;

    private LogbeamManager(LoggerContext loggerContext, String key, Shipper<LogEvent> shipper,
            Log4j2EventAdapter encoder) {
        super(loggerContext, key);
        this.shipper = shipper;
        this.encoder = encoder;
    }

    /** What a new manager is made of; only used when no manager is registered under the key. */
    static final class FactoryData {
        final LoggerContext loggerContext;
        final String appenderName;
        final AppenderProperties settings;
        final StringLayout layout;

        FactoryData(LoggerContext loggerContext, String appenderName, AppenderProperties settings, StringLayout layout) {
            this.loggerContext = loggerContext;
            this.appenderName = appenderName;
            this.settings = settings;
            this.layout = layout;
        }
    }

    /**
     * The running manager registered under {@code key}, or a new one started from {@code data}.
     *
     * @throws io.logbeam.core.util.ConfigException when a new one is needed and the settings are invalid
     */
    static LogbeamManager obtain(String key, FactoryData data) {
        return getManager(key, FACTORY, data);
    }

    /** A reused manager takes the new configuration's layout instance (the old one belongs to a stopped configuration). */
    @Override
    public void updateData(Object data) {
        encoder.layout(((FactoryData) data).layout);
    }

    /**
     * Copies {@code event} into the carrier of the ring slot it gets (see {@link Log4j2EventCarrier}); never blocks
     * on I/O, never throws.
     */
    boolean publish(LogEvent event, EventCopier<LogEvent> copier, boolean urgent) {
        return shipper.publishCopy(event, copier, urgent);
    }

    /** The shipper, for statistics and flushing. */
    public Shipper<LogEvent> shipper() {
        return shipper;
    }

    /**
     * Stops the shipper once the last appender using it is stopped: delivers what is buffered within the longer of
     * {@code timeout} and the appender's {@code shutdownTimeout}. Log4j2 passes 0 when a reconfiguration stops the
     * old configuration, {@code <Configuration shutdownTimeout>} from its shutdown hook (0 by default), and 50 ms from
     * {@code LogManager.shutdown()}: far too little to deliver a buffer, so the appender's own setting is the floor,
     * as Log4j2's {@code AsyncAppender} does with its own {@code shutdownTimeout}.
     */
    @Override
    protected boolean releaseSub(long timeout, TimeUnit timeUnit) {
        Duration own = shipper.config().shutdownTimeout();
        Duration given = Duration.ofNanos(timeUnit.toNanos(Math.max(0, timeout)));
        return shipper.stop(given.compareTo(own) > 0 ? given : own);
    }
}

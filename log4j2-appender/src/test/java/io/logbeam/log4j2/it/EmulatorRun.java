package io.logbeam.log4j2.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.logbeam.log4j2.LogbeamAppender;
import io.logbeam.log4j2.testing.Contexts;

import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.MarkerManager;
import org.apache.logging.log4j.ThreadContext;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.message.StringMapMessage;

import java.util.concurrent.TimeUnit;

/**
 * What every integration test does: a {@code log4j2.xml} with one Logbeam element, {@value #EVENTS} events with
 * thread context, a marker and a map message, then a context stop that must deliver all of them.
 */
final class EmulatorRun {

    static final int EVENTS = 1_000;

    private EmulatorRun() {
    }

    /** Logs through {@code element} (named {@code name}) and stops; returns the appender's delivered count. */
    static long logAndStop(String name, String element) {
        LoggerContext context = Contexts.start(Contexts.config(element, "info", name));
        LogbeamAppender appender = (LogbeamAppender) context.getConfiguration().getAppenders().get(name);
        assertThat(appender).as("appender built").isNotNull();
        try {
            Logger logger = context.getLogger("com.acme.Orders");
            ThreadContext.put("run", name);
            for (int i = 0; i < EVENTS; i++) {
                if (i % 10 == 0) {
                    logger.info(MarkerManager.getMarker("IT_AUDIT"),
                            new StringMapMessage().with("message", "event " + i).with("index", Integer.toString(i)));
                } else {
                    logger.info("event {} \"quoted\" \u00e9\u4e2d", i);
                }
            }
        } finally {
            ThreadContext.clearAll();
            assertThat(context.stop(60, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(appender.stats().getFallback()).isZero();
        return appender.stats().getDelivered();
    }
}

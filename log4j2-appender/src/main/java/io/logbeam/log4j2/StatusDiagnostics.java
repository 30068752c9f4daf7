package io.logbeam.log4j2;

import io.logbeam.core.util.Diagnostics;

import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.status.StatusLogger;

/**
 * Reports Logbeam's own problems (drops, give-ups, failing destination) through Log4j2's status logger at
 * WARN, where {@code <Configuration status="warn">} and status listeners see them. The status logger prints
 * only errors by default, so when WARN is not enabled the line also goes to standard error: a loss is never
 * silent, and never printed twice.
 */
final class StatusDiagnostics implements Diagnostics {

    static final StatusDiagnostics INSTANCE = new StatusDiagnostics();

    private static final Logger STATUS = StatusLogger.getLogger();

    private final Diagnostics stderr = Diagnostics.stderr();

    private StatusDiagnostics() {
    }

    @Override
    public void report(String name, String message) {
        STATUS.warn("Logbeam appender '{}': {}", name, message);
        if (!STATUS.isWarnEnabled()) {
            stderr.report(name, message);
        }
    }
}

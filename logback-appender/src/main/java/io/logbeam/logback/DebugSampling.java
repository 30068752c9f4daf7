package io.logbeam.logback;

import io.logbeam.core.engine.RecursionGuard;
import io.logbeam.core.event.LambdaContext;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.Marker;

/**
 * {@code samplingRate}: during the sampled Lambda invocations ({@link LambdaContext#debugSampled}), lets the
 * {@code DEBUG} calls of loggers whose level is {@code INFO} through, which Logback would otherwise refuse before
 * creating an event. A turbo filter because it is the only place that sees a call before the level check; Logback asks
 * it on every log call, so it decides with a level comparison for all but {@code DEBUG} calls, and with one
 * thread-local read for those. Loggers set to {@code WARN} or above stay quiet, and the AWS SDK's and Logbeam's own
 * loggers are never opened (the appender would drop their events anyway, see {@link RecursionGuard}).
 *
 * <p>The events it admits reach every appender attached to the logger, as with any level change; give another
 * appender a {@code ThresholdFilter} if it should not get them.
 */
final class DebugSampling extends TurboFilter {

    private final double rate;

    DebugSampling(double rate) {
        this.rate = rate;
        setName("logbeam-debug-sampling");
    }

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        if (level != Level.DEBUG || logger == null || logger.getEffectiveLevel() != Level.INFO) {
            return FilterReply.NEUTRAL;
        }
        if (!LambdaContext.debugSampled(rate) || RecursionGuard.isInternalLogger(logger.getName())) {
            return FilterReply.NEUTRAL;
        }
        return FilterReply.ACCEPT;
    }
}

package io.logbeam.log4j2;

import io.logbeam.core.engine.RecursionGuard;
import io.logbeam.core.event.LambdaContext;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.Marker;
import org.apache.logging.log4j.core.Filter;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.filter.AbstractFilter;
import org.apache.logging.log4j.message.Message;

/**
 * {@code samplingRate}: during the sampled Lambda invocations ({@link LambdaContext#debugSampled}), lets the
 * {@code DEBUG} calls of loggers whose level is {@code INFO} through, which Log4j2 would otherwise refuse before
 * creating an event. A configuration-wide filter because it is the only place that sees a call before the level check
 * (Log4j2 asks it on every log call): it decides with a level comparison for all but {@code DEBUG} calls, and with one
 * thread-local read for those. Every overload is implemented so that none allocates (Log4j2's base class wraps the
 * parameters in an array). Loggers set to {@code WARN} or above stay quiet, and the AWS SDK's and Logbeam's own loggers
 * are never opened (the appender would drop their events anyway, see {@link RecursionGuard}).
 *
 * <p>The events it admits reach every appender of the logger, as with any level change; give another appender a
 * {@code ThresholdFilter} if it should not get them.
 */
final class DebugSampling extends AbstractFilter {

    private final double rate;

    DebugSampling(double rate) {
        super(Result.NEUTRAL, Result.NEUTRAL);
        this.rate = rate;
    }

    private Result decide(Logger logger, Level level) {
        if (level != Level.DEBUG || logger == null || logger.getLevel() != Level.INFO) {
            return Result.NEUTRAL;
        }
        if (!LambdaContext.debugSampled(rate) || RecursionGuard.isInternalLogger(logger.getName())) {
            return Result.NEUTRAL;
        }
        return Result.ACCEPT;
    }

    @Override
    public Result filter(LogEvent event) {
        return Result.NEUTRAL; // the decision is taken before the event exists
    }

    @Override
    public Result filter(Logger logger, Level level, Marker marker, Message msg, Throwable t) {
        return decide(logger, level);
    }

    @Override
    public Result filter(Logger logger, Level level, Marker marker, Object msg, Throwable t) {
        return decide(logger, level);
    }

    @Override
    public Result filter(Logger logger, Level level, Marker marker, String msg, Object... params) {
        return decide(logger, level);
    }

    @Override
    public Result filter(Logger logger, Level level, Marker marker, String msg, Object p0) {
        return decide(logger, level);
    }

    @Override
    public Result filter(Logger logger, Level level, Marker marker, String msg, Object p0, Object p1) {
        return decide(logger, level);
    }

    @Override
    public Result filter(Logger logger, Level level, Marker marker, String msg, Object p0, Object p1, Object p2) {
        return decide(logger, level);
    }

    @Override
    public Result filter(Logger logger, Level level, Marker marker, String msg, Object p0, Object p1, Object p2,
            Object p3) {
        return decide(logger, level);
    }

    @Override
    public Result filter(Logger logger, Level level, Marker marker, String msg, Object p0, Object p1, Object p2,
            Object p3, Object p4) {
        return decide(logger, level);
    }

    @Override
    public Result filter(Logger logger, Level level, Marker marker, String msg, Object p0, Object p1, Object p2,
            Object p3, Object p4, Object p5) {
        return decide(logger, level);
    }

    @Override
    public Result filter(Logger logger, Level level, Marker marker, String msg, Object p0, Object p1, Object p2,
            Object p3, Object p4, Object p5, Object p6) {
        return decide(logger, level);
    }

    @Override
    public Result filter(Logger logger, Level level, Marker marker, String msg, Object p0, Object p1, Object p2,
            Object p3, Object p4, Object p5, Object p6, Object p7) {
        return decide(logger, level);
    }

    @Override
    public Result filter(Logger logger, Level level, Marker marker, String msg, Object p0, Object p1, Object p2,
            Object p3, Object p4, Object p5, Object p6, Object p7, Object p8) {
        return decide(logger, level);
    }

    @Override
    public Result filter(Logger logger, Level level, Marker marker, String msg, Object p0, Object p1, Object p2,
            Object p3, Object p4, Object p5, Object p6, Object p7, Object p8, Object p9) {
        return decide(logger, level);
    }

    /** Installs a filter for {@code rate} into the configuration's filters (started). */
    static Filter started(double rate) {
        DebugSampling filter = new DebugSampling(rate);
        filter.start();
        return filter;
    }
}

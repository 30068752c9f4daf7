package io.logbeam.core.event;

import java.util.List;

/**
 * How much of a stack trace an event carries: {@code maxStackFrames}, {@code stackOmitPackages},
 * {@code rootCauseFirst} and {@code maxCauseDepth}.
 *
 * @param maxFrames      frames written per throwable, 0 for all; the rest is replaced by a note and the event is
 *                       marked truncated
 * @param omitPackages   frames of classes whose names start with one of these are replaced by one note per run
 *                       (filtered, not cut: the event is not marked truncated)
 * @param rootCauseFirst the root cause first, then each exception that wrapped it ({@code Wrapped by:}), as Logback's
 *                       {@code %rEx} does
 * @param maxCauseDepth  causes and suppressed exceptions followed at most, 1 to {@link ThrowableFormatter#MAX_DEPTH};
 *                       beyond, a note, and the event is marked truncated
 */
public record StackTraceOptions(int maxFrames, List<String> omitPackages, boolean rootCauseFirst, int maxCauseDepth) {

    /** Every frame, causes after the exception they caused, {@link ThrowableFormatter#MAX_DEPTH} deep. */
    public static final StackTraceOptions DEFAULTS = new StackTraceOptions(0, List.of(), false,
            ThrowableFormatter.MAX_DEPTH);

    /** Checks the ranges. */
    public StackTraceOptions {
        if (maxFrames < 0) {
            throw new IllegalArgumentException("maxFrames must not be negative, was " + maxFrames);
        }
        if (maxCauseDepth < 1 || maxCauseDepth > ThrowableFormatter.MAX_DEPTH) {
            throw new IllegalArgumentException("maxCauseDepth must be 1 to " + ThrowableFormatter.MAX_DEPTH + ", was "
                    + maxCauseDepth);
        }
        omitPackages = List.copyOf(omitPackages);
    }

    /** Whether a frame of {@code className} is omitted. */
    boolean omits(String className) {
        for (int i = 0; i < omitPackages.size(); i++) {
            if (className.startsWith(omitPackages.get(i))) {
                return true;
            }
        }
        return false;
    }
}

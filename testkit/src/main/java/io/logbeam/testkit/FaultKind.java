package io.logbeam.testkit;

/** The kinds of faults {@link Faults} injects; each has a counter ({@link Faults#injected(FaultKind)}). */
public enum FaultKind {
    /** A request answered with an error by {@link Faults#failRandomly} or {@link Faults#failNext}. */
    REQUEST_FAILURE,
    /** A request answered with the service's throttling error. */
    THROTTLE,
    /** One PutRecords / PutRecordBatch entry failed (counted per entry). */
    ENTRY_FAILURE,
    /** A request answered with the error of {@link Faults#failAlways}. */
    PERMANENT_FAILURE,
    /** A request delayed by {@link Faults#latency}. */
    LATENCY,
    /** A connection aborted with a TCP reset. */
    CONNECTION_RESET,
    /** A request held without an answer by {@link Faults#hang}. */
    HANG,
    /** The endpoint taken down by {@link Faults#down}. */
    DOWN
}

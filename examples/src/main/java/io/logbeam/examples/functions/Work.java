package io.logbeam.examples.functions;

/** Stands in for the functions' real work (a database call, an HTTP call to a payment provider). */
final class Work {

    private Work() {
    }

    /** Takes about {@code millis} milliseconds. */
    static void simulate(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package io.logbeam.examples;

/**
 * The runnable demo. Placeholder until the examples issue lands: says what the demo will do.
 */
public final class Demo {

    private Demo() {
    }

    /** Prints the plan of the demo. */
    public static void main(String[] args) {
        System.out.println("Logbeam demo (placeholder): will start the in-process testkit endpoint, log a mix of "
                + "events through Logback and Log4j2 appenders to Kinesis, Firehose and CloudWatch Logs, flush, "
                + "and print what each destination received.");
    }
}

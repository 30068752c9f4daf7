package io.logbeam.consumer.cli;

import io.logbeam.consumer.lambda.ConsumerClients;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;

import java.io.PrintStream;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code logbeam} command: {@code java -jar logbeam-consumer-all.jar tail --stream app-logs --since 10m}.
 * See {@link TailOptions#USAGE}. Exit codes: 0 done, 1 an AWS error, 2 wrong usage.
 */
public final class LogbeamCli {

    private LogbeamCli() {
    }

    /** Runs the command and exits with its code. */
    public static void main(String[] args) {
        System.exit(run(Arrays.asList(args), System.out, System.err));
    }

    /** Runs the command, printing on {@code out} and {@code err}; returns the exit code. */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty() || !args.get(0).equals("tail")) {
            err.println(TailOptions.USAGE);
            return 2;
        }
        TailOptions options;
        try {
            options = TailOptions.parse(args.subList(1, args.size()), Instant::now);
        } catch (IllegalArgumentException e) {
            err.println("logbeam tail: " + e.getMessage());
            err.println(TailOptions.USAGE);
            return 2;
        }
        EventPrinter printer = new EventPrinter(out, err, options.pretty(), options.logTypes(), options.maxEvents());
        try {
            if (options.stream() != null) {
                try (KinesisClient kinesis = ConsumerClients.kinesis(options.endpoint(), options.region())) {
                    new KinesisTail(kinesis, options, printer).run();
                }
            } else {
                try (CloudWatchLogsClient logs = ConsumerClients.logs(options.endpoint(), options.region())) {
                    new CloudWatchTail(logs, options, printer, Instant::now).run();
                }
            }
        } catch (SdkException e) {
            err.println("logbeam tail: " + e.getMessage());
            return 1;
        }
        out.flush();
        return 0;
    }
}

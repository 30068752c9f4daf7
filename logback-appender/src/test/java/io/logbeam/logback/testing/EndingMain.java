package io.logbeam.logback.testing;

import ch.qos.logback.classic.LoggerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A batch job for the program-ending tests, run in its own JVM with {@code -Dlogback.configurationFile}: logs
 * {@code args[0]} events (key-value {@code seq}), then ends the way {@code args[1]} says, leaving delivery to whatever
 * stops the appender at exit:
 * <ul>
 *   <li>{@code return}: returns from {@code main} (the JVM ends when the last non-daemon thread does);</li>
 *   <li>{@code exit}: {@code System.exit(0)};</li>
 *   <li>{@code stop}: stops the Logback context itself (what Spring Boot does), then returns;</li>
 *   <li>{@code uncaught}: an exception escapes {@code main}.</li>
 * </ul>
 */
public final class EndingMain {

    private EndingMain() {
    }

    public static void main(String[] args) {
        int count = Integer.parseInt(args[0]);
        Logger logger = LoggerFactory.getLogger("com.acme.BatchJob");
        for (int i = 0; i < count; i++) {
            logger.atInfo().addKeyValue("seq", i).log("record {} processed", i);
        }
        System.out.println("logged " + count);
        switch (args[1]) {
            case "return" -> { }
            case "exit" -> System.exit(0);
            case "stop" -> ((LoggerContext) LoggerFactory.getILoggerFactory()).stop();
            case "uncaught" -> throw new IllegalStateException("the batch job failed after logging");
            default -> throw new IllegalArgumentException("unknown ending " + args[1]);
        }
    }
}

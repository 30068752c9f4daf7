package io.logbeam.log4j2.testing;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.message.StringMapMessage;

/**
 * A batch job for the program-ending tests, run in its own JVM with {@code -Dlog4j2.configurationFile}: logs
 * {@code args[0]} events (map entry {@code seq}), then ends the way {@code args[1]} says:
 * <ul>
 *   <li>{@code return}: returns from {@code main};</li>
 *   <li>{@code exit}: {@code System.exit(0)};</li>
 *   <li>{@code shutdown}: {@code LogManager.shutdown()} (Log4j2's documented manual stop), then returns;</li>
 *   <li>{@code uncaught}: an exception escapes {@code main}.</li>
 * </ul>
 */
public final class EndingMain {

    private EndingMain() {
    }

    public static void main(String[] args) {
        int count = Integer.parseInt(args[0]);
        Logger logger = LogManager.getLogger("com.acme.BatchJob");
        for (int i = 0; i < count; i++) {
            logger.info(new StringMapMessage().with("message", "record " + i + " processed").with("seq", i));
        }
        System.out.println("logged " + count);
        switch (args[1]) {
            case "return" -> { }
            case "exit" -> System.exit(0);
            case "shutdown" -> LogManager.shutdown();
            case "uncaught" -> throw new IllegalStateException("the batch job failed after logging");
            default -> throw new IllegalArgumentException("unknown ending " + args[1]);
        }
    }
}

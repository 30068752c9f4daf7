package io.logbeam.log4j2.testing;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * A small application for {@code ShutdownHookTest}, run in its own JVM: logs {@code args[1]} events with the
 * configuration file {@code args[0]} and returns from {@code main}. Nothing stops Log4j2 explicitly: its shutdown
 * hook must deliver what the appenders buffer.
 */
public final class ShutdownHookMain {

    private ShutdownHookMain() {
    }

    public static void main(String[] args) {
        System.setProperty("log4j2.configurationFile", args[0]);
        Logger logger = LogManager.getLogger("com.acme.Orders");
        int count = Integer.parseInt(args[1]);
        for (int i = 0; i < count; i++) {
            logger.info("event {}", i);
        }
        System.out.println("logged " + count);
    }
}

package io.logbeam.logback.testing;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A tiny application for the shutdown test: logs {@code args[0]} events and returns from {@code main}
 * without stopping anything, leaving delivery to Logback's {@code <shutdownHook/>} at JVM exit.
 */
public final class LogAndExit {

    private LogAndExit() {
    }

    public static void main(String[] args) {
        int count = Integer.parseInt(args[0]);
        Logger logger = LoggerFactory.getLogger("com.acme.Orders");
        for (int i = 0; i < count; i++) {
            logger.atInfo().addKeyValue("seq", i).log("event {}", i);
        }
        // Returning ends the JVM (Logbeam's threads are daemons); the shutdown hook stops the context.
    }
}

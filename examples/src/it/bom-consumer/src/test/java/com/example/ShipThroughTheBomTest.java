package com.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import io.logbeam.logback.KinesisAppender;
import io.logbeam.testkit.KinesisRecord;
import io.logbeam.testkit.LocalAwsEndpoint;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The artifacts the BOM resolved work together: a Logback appender ships to the testkit's endpoint. */
class ShipThroughTheBomTest {

    @Test
    void aLogbackAppenderShipsOneEvent() {
        assertEquals(2, Application.appenders().length);

        try (LocalAwsEndpoint endpoint = LocalAwsEndpoint.start()) {
            endpoint.kinesis().createStream("app-logs", 1);
            LoggerContext context = new LoggerContext();
            context.setMDCAdapter(new LogbackMDCAdapter()); // Logback 1.5 needs one (logback.xml sets it up otherwise)
            KinesisAppender appender = new KinesisAppender();
            appender.setContext(context);
            appender.setName("KINESIS");
            appender.setStreamName("app-logs");
            appender.setEndpoint(endpoint.uri().toString());
            appender.setRegion("us-east-1");
            appender.setAccessKeyId("test");
            appender.setSecretAccessKey("test");
            appender.start();
            assertTrue(appender.isStarted());
            Logger logger = context.getLogger("com.example.Orders");
            logger.addAppender(appender);

            logger.info("order 42 paid");
            assertTrue(appender.flush(Duration.ofSeconds(30)));
            context.stop();

            List<KinesisRecord> records = endpoint.kinesis().records("app-logs");
            assertEquals(1, records.size());
            assertTrue(records.get(0).dataAsUtf8().contains("\"message\":\"order 42 paid\""));
        }
    }
}

package io.logbeam.examples.functions;

import io.logbeam.core.lambda.LogbeamRequestHandler;

import com.amazonaws.services.lambda.runtime.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * The {@code orders-api} function of the "orders-app" application: SLF4J with Logback, and Logbeam's
 * {@link LogbeamRequestHandler} base class, which tags every event of an invocation with its request id and
 * flushes when {@link #handle} returns or throws. Its {@code logback.xml} sends to the application's one
 * CloudWatch Logs stream (see {@code src/main/resources/functions/logback.xml}).
 */
public class OrdersApiFunction extends LogbeamRequestHandler<Map<String, String>, String> {

    private static final Logger LOG = LoggerFactory.getLogger(OrdersApiFunction.class);

    static {
        // Logged during the init phase, before any invocation: "cold_start":true and no request id.
        LOG.info("orders-api initialised: order table orders-{}", System.getenv().getOrDefault("STAGE", "dev"));
    }

    @Override
    protected String handle(Map<String, String> input, Context context) {
        String orderId = input.getOrDefault("order_id", "unknown");
        LOG.atInfo().addKeyValue("method", "POST").addKeyValue("path", "/orders").addKeyValue("order_id", orderId)
                .log("POST /orders");
        Work.simulate(15);
        LOG.atInfo().addKeyValue("order_id", orderId).addKeyValue("amount", input.getOrDefault("amount", "0"))
                .log("order {} stored; asking payments-api to charge it", orderId);
        Work.simulate(15);
        return orderId;
    }
}

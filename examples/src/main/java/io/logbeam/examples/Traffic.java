package io.logbeam.examples;

import org.apache.logging.log4j.MarkerManager;
import org.apache.logging.log4j.ThreadContext;
import org.apache.logging.log4j.message.MapMessage;
import org.slf4j.MDC;
import org.slf4j.MarkerFactory;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The events the demo logs: what two small services would write while handling orders and payments.
 * Levels (DEBUG events are below the loggers' INFO level and never reach an appender), MDC / thread
 * context, SLF4J key-value pairs and Log4j2 {@code MapMessage} entries, markers, exceptions with causes,
 * a multi-line and non-ASCII message, one message too large for any destination (cut to fit and marked
 * {@code "truncated":true}), and three log types: {@code app} (the appenders' default), {@code audit} and
 * {@code access} (chosen per event through the {@code log_type} MDC key or key-value pair).
 */
final class Traffic {

    private static final String[] TENANTS = {"acme", "globex", "initech"};

    private Traffic() {
    }

    /** What was logged at INFO or above, which is what every appender must deliver. */
    record Logged(int logback, int log4j2) {
        int total() {
            return logback + log4j2;
        }
    }

    /** Logs {@code orders} orders' worth of events through each framework. */
    static Logged run(DemoLogging logging, int orders) {
        return new Logged(ordersService(logging, orders), paymentsService(logging, orders));
    }

    /** SLF4J with Logback. */
    private static int ordersService(DemoLogging logging, int orders) {
        org.slf4j.Logger log = logging.slf4jLogger("com.acme.orders.OrderService");
        org.slf4j.Logger access = logging.slf4jLogger("com.acme.orders.http.AccessLog");
        int logged = 0;
        log.info("orders-service started; {} tenants configured", TENANTS.length);
        logged++;
        for (int i = 0; i < orders; i++) {
            String orderId = String.format(Locale.ROOT, "ord-%05d", 10_000 + i);
            MDC.put("request_id", String.format(Locale.ROOT, "req-%08x", 0x5eed0000 + i));
            MDC.put("tenant", TENANTS[i % TENANTS.length]);
            try {
                access.atInfo().addKeyValue("log_type", "access").addKeyValue("method", "POST")
                        .addKeyValue("path", "/orders").addKeyValue("status", i % 10 == 9 ? 502 : 201)
                        .addKeyValue("duration_ms", 12 + (i * 37) % 180).log("POST /orders");
                log.debug("validating order {}", orderId); // below INFO: not logged anywhere
                log.atInfo().addKeyValue("order_id", orderId).addKeyValue("amount", 10.5 + i)
                        .addKeyValue("currency", "EUR").addKeyValue("items", 1 + i % 4)
                        .log("order {} received", orderId);
                MDC.put("log_type", "audit");
                log.atInfo().addMarker(MarkerFactory.getMarker("AUDIT")).addKeyValue("order_id", orderId)
                        .addKeyValue("actor", "user-" + (i % 7)).log("order accepted");
                MDC.remove("log_type");
                logged += 3;
                if (i % 5 == 4) {
                    log.warn("stock service answered in {} ms (slow) for order {}", 1_200 + i, orderId);
                    logged++;
                }
                if (i % 10 == 9) {
                    log.error("order " + orderId + " failed", new IllegalStateException("could not reserve stock",
                            new java.net.SocketTimeoutException("Read timed out after 1000 ms")));
                    logged++;
                }
            } finally {
                MDC.clear();
            }
        }
        log.info("shipping summary\n  orders: {}\n  currency: EUR\n  note: Grüße, ✓ 注文 done", orders);
        logged++;
        return logged;
    }

    /** The Log4j2 API with Log4j2 core. */
    private static int paymentsService(DemoLogging logging, int orders) {
        org.apache.logging.log4j.Logger log = logging.log4j2Logger("com.acme.payments.PaymentService");
        int logged = 0;
        log.info("payments-service started");
        logged++;
        for (int i = 0; i < orders; i++) {
            String orderId = String.format(Locale.ROOT, "ord-%05d", 10_000 + i);
            ThreadContext.put("request_id", String.format(Locale.ROOT, "req-%08x", 0x5eed0000 + i));
            ThreadContext.put("tenant", TENANTS[i % TENANTS.length]);
            try {
                Map<String, Object> payment = new LinkedHashMap<>();
                payment.put("message", "payment authorised");
                payment.put("order_id", orderId);
                payment.put("amount", 10.5 + i);
                payment.put("three_d_secure", i % 2 == 0);
                log.info(new MapMessage<>(payment));
                log.debug("card network response {}", i); // below INFO: not logged anywhere
                ThreadContext.put("log_type", "audit");
                log.info(MarkerManager.getMarker("PCI"), "card token used for order {}", orderId);
                ThreadContext.remove("log_type");
                logged += 2;
                if (i % 8 == 7) {
                    log.error("capture failed for order {}", orderId,
                            new RuntimeException("acquirer refused capture", new IllegalArgumentException("code 05")));
                    logged++;
                }
            } finally {
                ThreadContext.clearMap();
            }
        }
        // Larger than one Kinesis record, one Firehose record and one CloudWatch Logs event: cut to fit, marked.
        log.warn("oversized diagnostic dump: {}", "x".repeat(1_200_000));
        logged++;
        return logged;
    }
}

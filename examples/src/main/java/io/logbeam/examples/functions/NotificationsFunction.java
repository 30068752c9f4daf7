package io.logbeam.examples.functions;

import io.logbeam.core.Logbeam;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import java.time.Duration;
import java.util.Map;

/**
 * The {@code notifications} function: SLF4J with Logback and no Logbeam helper at all, only what every
 * handler can do by hand: the request id in the MDC under {@code AWSRequestId} (the key Logbeam reads), and
 * {@link Logbeam#flush(Duration)} in {@code finally}.
 */
public class NotificationsFunction implements RequestHandler<Map<String, String>, String> {

    private static final Logger LOG = LoggerFactory.getLogger(NotificationsFunction.class);

    @Override
    public String handleRequest(Map<String, String> input, Context context) {
        MDC.put("AWSRequestId", context.getAwsRequestId());
        try {
            String orderId = input.getOrDefault("order_id", "unknown");
            LOG.atInfo().addKeyValue("order_id", orderId).addKeyValue("channel", "email")
                    .log("confirmation for order {} queued", orderId);
            Work.simulate(10);
            LOG.info("email for order {} sent", orderId);
            return "sent";
        } finally {
            MDC.remove("AWSRequestId");
            Logbeam.flush(Duration.ofSeconds(2)); // one round trip when something is buffered
        }
    }
}

package io.logbeam.examples.functions;

import io.logbeam.core.lambda.LogbeamLambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.message.MapMessage;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code payments-api} function: the Log4j2 API with Log4j2 core, and {@link LogbeamLambda#wrap} around
 * the handler method (one line; same effect as the base class). Its {@code log4j2.xml} sends to the
 * application's one CloudWatch Logs stream, with {@code flushOnLevel="ERROR"}.
 */
public class PaymentsFunction implements RequestHandler<Map<String, String>, String> {

    private static final Logger LOG = LogManager.getLogger(PaymentsFunction.class);

    private final RequestHandler<Map<String, String>, String> handler = LogbeamLambda.wrap(this::charge);

    public PaymentsFunction() {
        LOG.info("payments-api initialised: acquirer connection pool ready");
    }

    @Override
    public String handleRequest(Map<String, String> input, Context context) {
        return handler.handleRequest(input, context);
    }

    private String charge(Map<String, String> input, Context context) {
        String orderId = input.getOrDefault("order_id", "unknown");
        Map<String, Object> charge = new LinkedHashMap<>();
        charge.put("message", "charging card");
        charge.put("order_id", orderId);
        charge.put("amount", Double.parseDouble(input.getOrDefault("amount", "0")));
        LOG.info(new MapMessage<>(charge));
        Work.simulate(25);
        if (orderId.endsWith("3")) {
            LOG.error("charge declined for order {}", orderId,
                    new IllegalStateException("acquirer answered 05 (do not honour)"));
            return "declined";
        }
        LOG.info("order {} paid", orderId);
        return "paid";
    }
}

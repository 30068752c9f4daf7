package io.logbeam.benchmarks.support;

import io.logbeam.benchmarks.support.TypicalEvents.Event;

import java.util.SplittableRandom;

/**
 * Typical service log lines: a few templates, varying ids, amounts and durations, times a few milliseconds apart.
 * Seeded, so every run sees the same events.
 */
public final class ServiceLogLines {

    private static final String[] LOGGERS = {"orders.OrderService", "payments.Payments",
        "web.RequestLog", "stock.Stock"};
    private static final String[] LEVELS = {"INFO", "INFO", "INFO", "INFO", "INFO", "INFO", "DEBUG", "WARN"};

    private final SplittableRandom random = new SplittableRandom(2026);
    private long time = 1_795_000_000_000L;

    /** The next event. */
    public Event next() {
        time += random.nextInt(3);
        int template = random.nextInt(4);
        String message;
        switch (template) {
            case 0:
                message = "Order " + random.nextInt(10_000_000) + " shipped to " + random.nextInt(500_000);
                break;
            case 1:
                message = "Payment ok for order " + random.nextInt(10_000_000) + ": "
                        + random.nextInt(1000) + "." + random.nextInt(10) + random.nextInt(10) + " EUR";
                break;
            case 2:
                message = "GET /api/orders/" + random.nextInt(10_000_000) + " 200 " + random.nextInt(400) + "ms";
                break;
            default:
                message = "Stock of SKU-" + random.nextInt(100_000) + " is " + random.nextInt(5000);
                break;
        }
        return new Event(time, LEVELS[random.nextInt(LEVELS.length)], LOGGERS[template],
                "exec-" + (1 + random.nextInt(20)), message);
    }
}

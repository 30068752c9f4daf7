package io.logbeam.log4j2.testing;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.impl.MutableLogEvent;
import org.apache.logging.log4j.message.ReusableParameterizedMessage;
import org.apache.logging.log4j.message.SimpleMessage;
import org.apache.logging.log4j.util.StringMap;

/**
 * An event the way Log4j2's garbage-free mode hands it out: one {@link MutableLogEvent}, one reusable message and
 * a mutable argument, all overwritten by the thread's next log call. Starts as {@code INFO com.acme.Orders
 * "value=before"} at time 1000 on thread {@code app-thread} with MDC {@code user=u1}.
 */
public final class ReusedEvent {

    public final StringBuilder argument = new StringBuilder("before");
    public final ReusableParameterizedMessage message = new ReusableParameterizedMessage();
    public final MutableLogEvent event = new MutableLogEvent();

    public ReusedEvent() {
        message.set("value={}", argument);
        event.setLoggerName("com.acme.Orders");
        event.setLevel(Level.INFO);
        event.setMessage(message);
        event.setTimeMillis(1000);
        event.setThreadName("app-thread");
        ((StringMap) event.getContextData()).putValue("user", "u1");
    }

    /**
     * What the next log call does: the argument now reads {@code after}, the message is set again, and the event
     * becomes {@code ERROR com.acme.Other "next event"} at time 2000 on {@code other-thread}, MDC {@code user=u2}.
     */
    public void reuseForNext() {
        argument.setLength(0);
        argument.append("after");
        message.set("other={}", "x");
        event.clear();
        event.setLoggerName("com.acme.Other");
        event.setLevel(Level.ERROR);
        event.setMessage(new SimpleMessage("next event"));
        event.setThreadName("other-thread");
        event.setTimeMillis(2000);
        ((StringMap) event.getContextData()).putValue("user", "u2");
    }
}

package io.logbeam.log4j2;

import static org.assertj.core.api.Assertions.assertThat;

import io.logbeam.core.event.RetainedBytes;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.MarkerManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.core.layout.PatternLayout;
import org.apache.logging.log4j.message.MapMessage;
import org.apache.logging.log4j.message.Message;
import org.apache.logging.log4j.message.ReusableSimpleMessage;
import org.apache.logging.log4j.message.SimpleMessage;
import org.apache.logging.log4j.message.StringMapMessage;
import org.apache.logging.log4j.util.SortedArrayStringMap;
import org.apache.logging.log4j.util.StringMap;

import org.junit.jupiter.api.Test;

class Log4j2EventCarrierTest {

    private static Log4jLogEvent.Builder event(Message message) {
        return Log4jLogEvent.newBuilder().setLoggerName("com.acme.Orders").setLevel(Level.INFO).setMessage(message)
                .setThreadName("worker-1").setTimeMillis(1000);
    }

    @Test
    void aHugeMessageDoesNotPinItsMemoryOnceReleased() {
        Log4j2EventCarrier carrier = new Log4j2EventCarrier();
        ReusableSimpleMessage huge = new ReusableSimpleMessage();
        huge.set("x".repeat(1_000_000));

        carrier.copyFrom(event(huge).build(), false);
        assertThat(carrier.getMessage().getFormattedMessage()).hasSize(1_000_000);
        assertThat(carrier.retainedMessageCapacity()).isGreaterThanOrEqualTo(1_000_000);

        Log4j2EventCarrier.CARRIERS.release(carrier);
        assertThat(carrier.retainedMessageCapacity()).isLessThanOrEqualTo(Log4j2EventCarrier.MAX_KEPT_MESSAGE_CHARS);

        carrier.copyFrom(event(new SimpleMessage("small")).build(), false);
        assertThat(carrier.getMessage().getFormattedMessage()).isEqualTo("small");
        assertThat(carrier.retainedMessageCapacity()).isLessThanOrEqualTo(Log4j2EventCarrier.MAX_KEPT_MESSAGE_CHARS);
    }

    @Test
    void retainedBytesCountsTheTextTheEntriesAndTheThrowableForTheRingBudget() {
        Log4j2EventCarrier carrier = new Log4j2EventCarrier();
        carrier.copyFrom(event(new SimpleMessage("small")).build(), false);
        assertThat(carrier.retainedBytes()).isEqualTo(RetainedBytes.EVENT + RetainedBytes.text(5));
        carrier.clear();

        StringMap context = new SortedArrayStringMap();
        context.putValue("user", "ann");
        ReusableSimpleMessage huge = new ReusableSimpleMessage();
        huge.set("x".repeat(100_000));
        carrier.copyFrom(event(huge).setContextData(context).setThrown(new IllegalStateException("boom")).build(), false);
        assertThat(carrier.retainedBytes()).isEqualTo(RetainedBytes.EVENT + RetainedBytes.text(100_000)
                + RetainedBytes.ENTRY + RetainedBytes.THROWABLE);
        carrier.clear();

        carrier.copyFrom(event(new StringMapMessage().with("a", "1").with("b", "2")).build(), false);
        assertThat(carrier.retainedBytes()).isEqualTo(RetainedBytes.EVENT + 2 * RetainedBytes.ENTRY);
        carrier.clear();

        // A structured value is rendered at the call: its JSON is what the slot holds.
        carrier.copyFrom(event(new MapMessage<>().with("message", "m").with("ids", new int[10_000])).build(), false);
        assertThat(carrier.retainedBytes()).isGreaterThan(RetainedBytes.EVENT + 2 * RetainedBytes.ENTRY + 20_000);
        carrier.clear();
        assertThat(carrier.retainedBytes()).isEqualTo(RetainedBytes.EVENT);
    }

    @Test
    void aHugeContextMapIsNotKeptEither() {
        Log4j2EventCarrier carrier = new Log4j2EventCarrier();
        StringMap big = new SortedArrayStringMap();
        for (int i = 0; i < 10_000; i++) {
            big.putValue("k" + i, "v");
        }
        carrier.copyFrom(event(new SimpleMessage("m")).setContextData(big).build(), false);
        SortedArrayStringMap grown = (SortedArrayStringMap) carrier.getContextData();
        assertThat(grown.size()).isEqualTo(10_000);

        carrier.clear();

        assertThat(carrier.getContextData()).isNotSameAs(grown);
        assertThat(carrier.getContextData().isEmpty()).isTrue();
    }

    @Test
    void aFrozenContextMapIsKeptAMutableOneIsCopied() {
        Log4j2EventCarrier carrier = new Log4j2EventCarrier();
        StringMap frozen = new SortedArrayStringMap();
        frozen.putValue("user", "u1");
        frozen.freeze();
        carrier.copyFrom(event(new SimpleMessage("m")).setContextData(frozen).build(), false);
        assertThat(carrier.getContextData()).isSameAs(frozen);
        carrier.clear();

        StringMap reused = new SortedArrayStringMap();
        reused.putValue("user", "u2");
        carrier.copyFrom(event(new SimpleMessage("m")).setContextData(reused).build(), false);
        reused.putValue("user", "changed");

        assertThat(carrier.getContextData()).isNotSameAs(reused);
        assertThat((String) carrier.getContextData().getValue("user")).isEqualTo("u2");
    }

    @Test
    void aMutableObjectInAFrozenContextMapIsCapturedAtTheCall() {
        Log4j2EventCarrier carrier = new Log4j2EventCarrier();
        StringBuilder cart = new StringBuilder("2 items");
        StringMap frozen = new SortedArrayStringMap();
        frozen.putValue("user", "u1");
        frozen.putValue("cart", cart); // what an ObjectThreadContextMap holds: the map is frozen, the object is not
        frozen.freeze();
        carrier.copyFrom(event(new SimpleMessage("m")).setContextData(frozen).build(), false);
        cart.append(", then 3");

        assertThat(carrier.getContextData()).isNotSameAs(frozen);
        assertThat((Object) carrier.getContextData().getValue("cart")).isEqualTo("2 items");
        assertThat((String) carrier.getContextData().getValue("user")).isEqualTo("u1");
    }

    @Test
    void releaseDropsEveryReferenceToTheApplicationsObjects() {
        Log4j2EventCarrier carrier = new Log4j2EventCarrier();
        StringMap context = new SortedArrayStringMap();
        context.putValue("user", "u1");
        carrier.copyFrom(event(new StringMapMessage().with("orderId", "o-1")).setContextData(context)
                .setMarker(MarkerManager.getMarker("AUDIT")).setThrown(new RuntimeException("x"))
                .setSource(new StackTraceElement("C", "m", "C.java", 1)).build(), true);
        assertThat(carrier.getThrown()).isNotNull();
        assertThat(carrier.getSource()).isNotNull();

        carrier.clear();

        assertThat(carrier.getMessage()).isNull();
        assertThat(carrier.getThrown()).isNull();
        assertThat(carrier.getThrownProxy()).isNull();
        assertThat(carrier.getMarker()).isNull();
        assertThat(carrier.getSource()).isNull();
        assertThat(carrier.getLoggerName()).isNull();
        assertThat(carrier.getThreadName()).isNull();
        assertThat(carrier.getContextStack()).isNull();
        assertThat(carrier.getContextData().isEmpty()).isTrue();
    }

    @Test
    void aReusedCarrierHoldsNothingOfItsPreviousEvent() {
        Log4j2EventCarrier carrier = new Log4j2EventCarrier();
        StringMap context = new SortedArrayStringMap();
        context.putValue("user", "u1");
        carrier.copyFrom(event(new SimpleMessage("first")).setContextData(context).build(), false);
        carrier.clear();

        carrier.copyFrom(event(new SimpleMessage("second")).setLevel(Level.WARN).build(), false);

        assertThat(carrier.getMessage().getFormattedMessage()).isEqualTo("second");
        assertThat(carrier.getLevel()).isEqualTo(Level.WARN);
        assertThat(carrier.getContextData().isEmpty()).isTrue();
    }

    @Test
    void aMapMessageIsKeptByReferenceOtherMessagesAreFormattedNow() {
        Log4j2EventCarrier carrier = new Log4j2EventCarrier();
        StringMapMessage map = new StringMapMessage().with("orderId", "o-1");
        carrier.copyFrom(event(map).build(), false);
        assertThat(carrier.getMessage()).isSameAs(map);

        carrier.clear();
        StringBuilder argument = new StringBuilder("before");
        carrier.copyFrom(event(new org.apache.logging.log4j.message.ParameterizedMessage("value={}", argument)).build(),
                false);
        argument.replace(0, argument.length(), "after");
        assertThat(carrier.getMessage().getFormattedMessage()).isEqualTo("value=before");
    }

    @Test
    void layoutsAndToImmutableReadTheCarrier() {
        Log4j2EventCarrier carrier = new Log4j2EventCarrier();
        carrier.copyFrom(event(new SimpleMessage("order placed")).setThrown(new IllegalStateException("x")).build(),
                false);
        PatternLayout layout = PatternLayout.newBuilder().withPattern("%level %logger{1}: %msg %ex{short.message}")
                .build();

        assertThat(layout.toSerializable(carrier)).isEqualTo("INFO Orders: order placed x");
        LogEvent copy = carrier.toImmutable();
        carrier.clear();
        assertThat(copy.getMessage().getFormattedMessage()).isEqualTo("order placed");
        assertThat(copy.getLoggerName()).isEqualTo("com.acme.Orders");
        assertThat(copy.getTimeMillis()).isEqualTo(1000);
    }
}

package io.logbeam.log4j2.testing;

import org.apache.logging.log4j.core.Layout;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.config.Node;
import org.apache.logging.log4j.core.config.plugins.Plugin;
import org.apache.logging.log4j.core.config.plugins.PluginFactory;
import org.apache.logging.log4j.core.layout.AbstractStringLayout;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A test layout, {@code <BlockingLayout/>}: renders the formatted message, and holds the consumer thread inside the
 * encoder while it renders a message equal to {@link #BLOCK}, until {@link #release()}: events published meanwhile
 * wait, unread, in the ring.
 */
@Plugin(name = "BlockingLayout", category = Node.CATEGORY, elementType = Layout.ELEMENT_TYPE)
public final class BlockingLayout extends AbstractStringLayout {

    /** The message text that blocks the consumer. */
    public static final String BLOCK = "block the consumer";

    private static volatile CountDownLatch entered = new CountDownLatch(1);
    private static volatile CountDownLatch released = new CountDownLatch(1);

    private BlockingLayout() {
        super(StandardCharsets.UTF_8);
    }

    @PluginFactory
    public static BlockingLayout create() {
        return new BlockingLayout();
    }

    /** Arms the next block. */
    public static void reset() {
        entered = new CountDownLatch(1);
        released = new CountDownLatch(1);
    }

    /** Waits until the consumer is held; false after {@code seconds}. */
    public static boolean awaitBlocked(long seconds) throws InterruptedException {
        return entered.await(seconds, TimeUnit.SECONDS);
    }

    public static void release() {
        released.countDown();
    }

    @Override
    public String toSerializable(LogEvent event) {
        String text = event.getMessage() == null ? null : event.getMessage().getFormattedMessage();
        if (BLOCK.equals(text)) {
            entered.countDown();
            try {
                released.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return text;
    }
}

package io.logbeam.consumer.testing;

import io.logbeam.log4j2.LogbeamAppender;
import io.logbeam.testkit.TestCredentials;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.builder.api.AppenderComponentBuilder;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilder;
import org.apache.logging.log4j.core.config.builder.api.ConfigurationBuilderFactory;
import org.apache.logging.log4j.core.config.builder.impl.BuiltConfiguration;
import org.apache.logging.log4j.message.StringMapMessage;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Logs through a real Log4j2 context with one Logbeam element; the events are those of {@link LogbackProducer}
 * (message, log type and the {@code n} key-value, as MapMessage entries).
 */
public final class Log4j2Producer {

    private Log4j2Producer() {
    }

    /**
     * Logs {@code count} events through an element of plugin {@code type} ({@code Kinesis}, ...) with
     * {@code attributes}, pointed at {@code endpoint}, then stops the context.
     */
    public static LogbackProducer.Logged log(String type, Map<String, String> attributes, URI endpoint, int count) {
        ConfigurationBuilder<BuiltConfiguration> config = ConfigurationBuilderFactory.newConfigurationBuilder();
        config.setStatusLevel(Level.WARN);
        AppenderComponentBuilder appender = config.newAppender("producer", type)
                .addAttribute("endpoint", endpoint.toString()).addAttribute("region", TestCredentials.REGION)
                .addAttribute("accessKeyId", TestCredentials.ACCESS_KEY_ID)
                .addAttribute("secretAccessKey", TestCredentials.SECRET_ACCESS_KEY)
                .addAttribute("maxBatchDelay", "100 ms").addAttribute("jmx", "false");
        attributes.forEach(appender::addAttribute);
        config.add(appender);
        config.add(config.newRootLogger(Level.INFO).add(config.newAppenderRef("producer")));
        LoggerContext context = new LoggerContext("log4j2-producer");
        context.start(config.build());
        LogbeamAppender started = (LogbeamAppender) context.getConfiguration().getAppender("producer");
        if (started == null) {
            throw new IllegalStateException("the Log4j2 appender did not start");
        }
        Logger log = context.getLogger("com.acme.Payments");
        List<String> messages = new ArrayList<>();
        List<String> types = new ArrayList<>();
        List<String> levels = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String logType = LogbackProducer.LOG_TYPES[i % LogbackProducer.LOG_TYPES.length];
            String message = "event " + i + " \"quoted\" Grüße ✓ 注文";
            Level level = i % 10 == 9 ? Level.WARN : Level.INFO;
            log.log(level, new StringMapMessage().with("message", message).with("log_type", logType).with("n", i));
            messages.add(message);
            types.add(logType);
            levels.add(level.name());
        }
        if (!started.flush(Duration.ofSeconds(60))) {
            throw new IllegalStateException("not delivered within 60 s: " + started.stats());
        }
        long delivered = started.stats().getDelivered();
        context.stop();
        if (delivered != count) {
            throw new IllegalStateException("delivered " + delivered + " of " + count);
        }
        return new LogbackProducer.Logged(messages, types, levels);
    }
}

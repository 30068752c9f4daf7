package io.logbeam.log4j2;

import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.Core;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.apache.logging.log4j.core.config.plugins.Plugin;
import org.apache.logging.log4j.core.config.plugins.PluginAttribute;
import org.apache.logging.log4j.core.config.plugins.PluginFactory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** A test plugin, {@code <Counting name="..."/>}: counts the events it gets, JVM-wide by name. */
@Plugin(name = "Counting", category = Core.CATEGORY_NAME, elementType = Appender.ELEMENT_TYPE)
public final class CountingAppender extends AbstractAppender {

    private static final Map<String, AtomicLong> COUNTS = new ConcurrentHashMap<>();

    private CountingAppender(String name) {
        super(name, null, null, true, Property.EMPTY_ARRAY);
    }

    @PluginFactory
    public static CountingAppender create(@PluginAttribute("name") String name) {
        return new CountingAppender(name);
    }

    @Override
    public void append(LogEvent event) {
        count(getName()).incrementAndGet();
    }

    static AtomicLong count(String name) {
        return COUNTS.computeIfAbsent(name, n -> new AtomicLong());
    }
}

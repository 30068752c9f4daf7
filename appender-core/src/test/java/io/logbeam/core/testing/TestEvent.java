package io.logbeam.core.testing;

import java.util.LinkedHashMap;
import java.util.Map;

/** A framework-neutral event for core tests. */
public final class TestEvent {
    public long time = System.currentTimeMillis();
    public String level = "INFO";
    public String logger = "com.acme.Orders";
    public String thread = "main";
    public String message;
    public final Map<String, String> mdc = new LinkedHashMap<>();
    public final Map<String, Object> kv = new LinkedHashMap<>();
    public String[] markers = new String[0];
    public Throwable thrown;

    public static TestEvent of(String message) {
        TestEvent e = new TestEvent();
        e.message = message;
        return e;
    }

    public TestEvent mdc(String key, String value) {
        mdc.put(key, value);
        return this;
    }

    public TestEvent kv(String key, Object value) {
        kv.put(key, value);
        return this;
    }

    public TestEvent markers(String... names) {
        markers = names;
        return this;
    }

    public TestEvent at(long millis) {
        time = millis;
        return this;
    }

    public TestEvent logger(String name) {
        logger = name;
        return this;
    }

    public TestEvent thrown(Throwable t) {
        thrown = t;
        return this;
    }
}

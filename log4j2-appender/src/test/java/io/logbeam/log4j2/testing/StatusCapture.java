package io.logbeam.log4j2.testing;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.status.StatusData;
import org.apache.logging.log4j.status.StatusListener;
import org.apache.logging.log4j.status.StatusLogger;

import java.util.ArrayList;
import java.util.List;

/** Records what Log4j2's status logger says (WARN and above) while open. */
public final class StatusCapture implements StatusListener {

    private final List<StatusData> lines = new ArrayList<>();

    public static StatusCapture start() {
        StatusCapture capture = new StatusCapture();
        StatusLogger.getLogger().registerListener(capture);
        return capture;
    }

    @Override
    public synchronized void log(StatusData data) {
        lines.add(data);
    }

    @Override
    public Level getStatusLevel() {
        return Level.WARN;
    }

    /** The formatted messages at {@code level}. */
    public synchronized List<String> messages(Level level) {
        List<String> out = new ArrayList<>();
        for (StatusData d : lines) {
            if (d.getLevel() == level) {
                out.add(d.getMessage().getFormattedMessage());
            }
        }
        return out;
    }

    private boolean closed;

    /** Unregisters; Log4j2 calls this back while removing the listener, hence the guard. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        StatusLogger.getLogger().removeListener(this);
    }
}

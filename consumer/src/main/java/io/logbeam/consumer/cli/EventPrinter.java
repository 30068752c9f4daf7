package io.logbeam.consumer.cli;

import io.logbeam.consumer.DecodeFailure;
import io.logbeam.consumer.EventSink;
import io.logbeam.consumer.LogEvent;
import io.logbeam.consumer.LogTypeRouting;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;

import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.util.List;

/** Prints decoded events (one line each, or indented) and says on stderr what could not be decoded. */
final class EventPrinter implements EventSink {

    private static final JsonFactory JSON = new JsonFactory();

    private final PrintStream out;
    private final PrintStream err;
    private final boolean pretty;
    private final LogTypeRouting filter;
    private final long maxEvents;
    private long printed;

    EventPrinter(PrintStream out, PrintStream err, boolean pretty, List<String> logTypes, long maxEvents) {
        this.out = out;
        this.err = err;
        this.pretty = pretty;
        this.filter = logTypes.isEmpty() ? null : new LogTypeRouting(logTypes, LogTypeRouting.DEFAULT_UNKNOWN_PREFIX);
        this.maxEvents = maxEvents;
    }

    @Override
    public void event(LogEvent event) {
        if (done() || filter != null && filter.route(event).kind() != LogTypeRouting.Route.Kind.ALLOWED) {
            return;
        }
        out.println(pretty ? indent(event) : event.jsonText());
        printed++;
    }

    @Override
    public void failure(DecodeFailure failure) {
        err.println("[logbeam tail] undecodable input at " + failure.location() + ": " + failure.reason() + " ("
                + failure.raw().length + " bytes): " + failure.preview(120));
    }

    /** Whether {@code maxEvents} were printed. */
    boolean done() {
        return maxEvents > 0 && printed >= maxEvents;
    }

    long printed() {
        return printed;
    }

    private static String indent(LogEvent event) {
        StringWriter text = new StringWriter();
        try (JsonParser parser = JSON.createParser(event.json());
                JsonGenerator generator = JSON.createGenerator(text).useDefaultPrettyPrinter()) {
            parser.nextToken();
            generator.copyCurrentStructure(parser);
        } catch (IOException e) {
            return event.jsonText(); // decoded events are valid JSON; this is only a safety net
        }
        return text.toString();
    }
}

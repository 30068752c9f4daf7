package io.logbeam.core.config;

import io.logbeam.core.destination.BatchEntry;
import io.logbeam.core.destination.Batcher;
import io.logbeam.core.destination.Destination;
import io.logbeam.core.destination.PartitionKeyStrategy;
import io.logbeam.core.destination.SendOutcome;

import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Supplier;

/**
 * A destination whose names hold placeholders looked up over the network ({@code {aws:accountId}},
 * {@code {ec2:instanceId}}, {@code {ec2:region}}). At start it is checked, and its limits and batcher are taken,
 * with valid stand-ins for those values (a stand-in destination), so the start never waits for the network; the real
 * destination is built when the shipper opens it, on a sender thread right after start. A lookup that fails (no
 * permission, no instance metadata) fails that open, naming the property: the shipper reports it, sends the events to
 * the fallback (or the spool) and tries again after its cooldown.
 */
final class DeferredDestination implements Destination {

    private final Destination standIn;
    private final String unresolved;
    private final Supplier<Destination> resolve;
    private volatile Destination real;
    private volatile BiConsumer<String, String> problems = (key, message) -> { };

    /**
     * @param standIn    the destination built with stand-in values: limits, routing and batcher
     * @param unresolved for messages until it is opened, e.g. {@code CloudWatchLogs logGroup '/acme/{aws:accountId}'}
     * @param resolve    builds the real destination, looking the values up; throws naming the property on failure
     */
    DeferredDestination(Destination standIn, String unresolved, Supplier<Destination> resolve) {
        this.standIn = standIn;
        this.unresolved = unresolved;
        this.resolve = resolve;
    }

    @Override
    public String describe() {
        Destination d = real;
        return d != null ? d.describe() : unresolved;
    }

    @Override
    public int maxEventBytes() {
        return standIn.maxEventBytes();
    }

    @Override
    public PartitionKeyStrategy partitionKeys() {
        return standIn.partitionKeys();
    }

    @Override
    public void reportProblemsTo(BiConsumer<String, String> problems) {
        this.problems = problems;
        standIn.reportProblemsTo(problems);
    }

    @Override
    public Batcher newBatcher() {
        return standIn.newBatcher();
    }

    @Override
    public synchronized void open() throws Exception {
        Destination d = real;
        if (d == null) {
            d = resolve.get();
            d.reportProblemsTo(problems);
            real = d;
        }
        d.open();
    }

    @Override
    public SendOutcome send(List<BatchEntry> entries) {
        return real.send(entries); // the shipper sends only once open() succeeded
    }

    @Override
    public void close() {
        Destination d = real;
        if (d != null) {
            d.close();
        }
        standIn.close();
    }
}

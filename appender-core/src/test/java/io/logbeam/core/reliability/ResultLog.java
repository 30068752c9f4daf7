package io.logbeam.core.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;

/**
 * Appends each scenario's outcome as a row of the results table (the one in {@code docs/reliability.md}) to
 * {@code target/reliability/results-<profile>.md} of the working directory, or to the directory named by
 * {@code -Dlogbeam.reliability.results=DIR}, and prints it.
 */
public final class ResultLog {

    /** The header of the table. */
    public static final String HEADER = "| scenario | destination | parameters | published | delivered | fallback | "
            + "dropped | duplicates / possibleDuplicates | requests (appender / endpoint) | seconds | result |\n"
            + "|---|---|---|---|---|---|---|---|---|---|---|";

    private ResultLog() {
    }

    /** Records {@code outcome} for {@code profile}. */
    public static synchronized void record(Profile profile, Outcome outcome) {
        System.out.println("[reliability] " + outcome.summary() + (outcome.ok() ? "" : " FAILED " + outcome.failures()));
        Path dir = Paths.get(System.getProperty("logbeam.reliability.results", "target/reliability"));
        Path file = dir.resolve("results-" + profile.name() + ".md");
        try {
            Files.createDirectories(dir);
            if (!Files.exists(file)) {
                Files.writeString(file, HEADER + "\n", StandardCharsets.UTF_8);
            }
            Files.writeString(file, outcome.tableRow() + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

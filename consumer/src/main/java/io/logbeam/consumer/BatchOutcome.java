package io.logbeam.consumer;

import java.util.List;
import java.util.Map;

/**
 * What processing one batch of records did.
 *
 * @param failedRecords ids of the records to report as failed (so that the source delivers them again); empty
 *                      when everything was handled
 * @param events        events kept (stored, counted or forwarded)
 * @param notAllowed    events dropped because the allow-list does not name their log type, by type
 * @param failures      pieces of input that could not be decoded (kept aside, see each handler)
 * @param outputs       objects written, metric data points sent, or records forwarded
 * @param error         what made records fail (the first such error), or null
 */
public record BatchOutcome(List<String> failedRecords, long events, Map<String, Long> notAllowed, long failures,
        long outputs, String error) {

    /** One line for a log. */
    public String summary() {
        return "events " + events + ", not allowed " + notAllowed + ", undecodable " + failures + ", outputs " + outputs
                + ", records reported failed " + failedRecords.size() + (error == null ? "" : " (" + error + ")");
    }
}

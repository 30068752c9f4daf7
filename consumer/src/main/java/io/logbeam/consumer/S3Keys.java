package io.logbeam.consumer;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * S3 object keys: {@code <prefix>/<group>/YYYY/MM/DD/HH/<first time>_<first log_id>.json.gz}, the hour being the
 * first event's (UTC) and the time written {@code 20261122T143924.123Z} (no {@code :}, which many tools would
 * have to escape). The same group always gets the same key, so storing it again after a retry overwrites the
 * object instead of adding a copy.
 */
public final class S3Keys {

    private static final DateTimeFormatter HOUR_PATH = DateTimeFormatter.ofPattern("yyyy/MM/dd/HH")
            .withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter COMPACT_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'")
            .withZone(ZoneOffset.UTC);
    private static final int MAX_ID_CHARS = 128;

    private final String prefix;

    /** Keys below {@code prefix} (may be empty; a trailing {@code /} is ignored). */
    public S3Keys(String prefix) {
        String p = prefix == null ? "" : prefix;
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        this.prefix = p;
    }

    /** The key for a group named {@code group} whose first event is at {@code time} with id {@code id}. */
    public String key(String group, Instant time, String id) {
        return (prefix.isEmpty() ? "" : prefix + "/") + group + "/" + HOUR_PATH.format(time) + "/"
                + COMPACT_TIME.format(time) + "_" + safe(id) + ".json.gz";
    }

    /** {@code id} with everything but {@code A-Z a-z 0-9 _ . -} replaced by {@code _}, at most 128 characters. */
    static String safe(String id) {
        if (id == null || id.isEmpty()) {
            return "none";
        }
        StringBuilder out = new StringBuilder(Math.min(id.length(), MAX_ID_CHARS));
        for (int i = 0; i < id.length() && out.length() < MAX_ID_CHARS; i++) {
            char c = id.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
                    || c == '.';
            out.append(ok ? c : '_');
        }
        return out.toString();
    }
}

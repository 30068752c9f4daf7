package io.logbeam.testkit;

import java.util.Locale;
import java.util.Map;

/** One parsed HTTP/1.1 request; header names are lower-cased. */
record HttpRequest(String method, String path, Map<String, String> headers, byte[] body) {

    String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }
}

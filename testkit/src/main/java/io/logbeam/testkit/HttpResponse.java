package io.logbeam.testkit;

import java.util.LinkedHashMap;
import java.util.Map;

/** One HTTP response to write back; the server adds Content-Length and connection headers. */
record HttpResponse(int status, Map<String, String> headers, byte[] body) {

    static HttpResponse of(int status, String contentType, byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", contentType);
        return new HttpResponse(status, headers, body);
    }

    HttpResponse withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new HttpResponse(status, copy, body);
    }
}

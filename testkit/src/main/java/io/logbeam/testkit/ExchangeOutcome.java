package io.logbeam.testkit;

/** What the server does with a request after the handler looked at it. */
sealed interface ExchangeOutcome {

    /** Write this response and keep the connection open (unless the client asked to close). */
    record Respond(HttpResponse response) implements ExchangeOutcome {
    }

    /** Abort the connection with a TCP RST instead of answering. */
    record ResetConnection() implements ExchangeOutcome {
    }

    static ExchangeOutcome respond(HttpResponse response) {
        return new Respond(response);
    }

    static ExchangeOutcome reset() {
        return new ResetConnection();
    }
}

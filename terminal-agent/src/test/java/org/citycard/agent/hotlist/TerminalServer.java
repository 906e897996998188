package org.citycard.agent.hotlist;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Answers of a test server playing the clearing server's terminal API. */
final class TerminalServer {
    private TerminalServer() {}

    /** Answers as the clearing server answers a terminal. */
    static void reply(HttpExchange ex, int status, String body) throws IOException {
        send(ex, status, body);
    }

    /** Sends the body as it is, with whatever headers were set. */
    static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
        ex.close();
    }
}

package org.citycard.agent.hotlist;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.citycard.agent.testing.Hosts;
import org.citycard.dictionary.iso8583.TerminalAnswerMac;
import org.citycard.dictionary.iso8583.TerminalRequestMac;

/** Answers of a test server playing the clearing server's terminal API. */
final class TerminalServer {
    private TerminalServer() {}

    /**
     * Answers as the clearing server answers a terminal: with the answer MAC under the terminal's TAK when the
     * request was signed ({@link TerminalAnswerMac}).
     */
    static void reply(HttpExchange ex, int status, String body) throws IOException {
        sign(ex, status, body.getBytes(StandardCharsets.UTF_8));
        send(ex, status, body);
    }

    /** A binary answer (the compact hotlist) with its answer MAC. */
    static void replyBytes(HttpExchange ex, int status, byte[] body) throws IOException {
        sign(ex, status, body);
        ex.getResponseHeaders().add("Content-Type", "application/octet-stream");
        ex.sendResponseHeaders(status, body.length);
        ex.getResponseBody().write(body);
        ex.close();
    }

    private static void sign(HttpExchange ex, int status, byte[] body) {
        String terminal = ex.getRequestHeaders().getFirst(TerminalRequestMac.TERMINAL);
        String time = ex.getRequestHeaders().getFirst(TerminalRequestMac.TIME);
        if (terminal == null || time == null) {
            return;
        }
        ex.getResponseHeaders()
                .add(
                        TerminalAnswerMac.MAC,
                        TerminalAnswerMac.mac(
                                Hosts.tak(terminal),
                                status,
                                ex.getRequestMethod(),
                                ex.getRequestURI().getRawPath()
                                        + (ex.getRequestURI().getRawQuery() == null
                                                ? ""
                                                : "?" + ex.getRequestURI().getRawQuery()),
                                Long.parseLong(time),
                                terminal,
                                body));
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

package org.citycard.agent.testing;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.citycard.dictionary.iso8583.TerminalAnswerMac;
import org.citycard.dictionary.iso8583.TerminalRequestMac;

/**
 * Answers of a stand-in clearing server to a {@link SimRig}'s agent: MACed as the server MACs them
 * ({@link TerminalAnswerMac}) under the working key the rig's test host gave the terminal at its sign-on.
 */
public final class StandInAnswers {
    private StandInAnswers() {}

    public static void reply(HttpExchange ex, SimRig rig, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        String terminal = ex.getRequestHeaders().getFirst(TerminalRequestMac.TERMINAL);
        String time = ex.getRequestHeaders().getFirst(TerminalRequestMac.TIME);
        byte[] tak = rig == null || terminal == null ? null : rig.host.workingKey(terminal);
        if (tak != null && time != null) {
            String raw = ex.getRequestURI().getRawPath()
                    + (ex.getRequestURI().getRawQuery() == null
                            ? ""
                            : "?" + ex.getRequestURI().getRawQuery());
            ex.getResponseHeaders()
                    .add(
                            TerminalAnswerMac.MAC,
                            TerminalAnswerMac.mac(
                                    tak, status, ex.getRequestMethod(), raw, Long.parseLong(time), terminal, b));
        }
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
        ex.close();
    }
}

package org.citycard.clearing.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.citycard.clearing.reference.Terminal;
import org.citycard.dictionary.wire.ResponseCode;
import org.citycard.dictionary.wire.TerminalCall;
import org.citycard.dictionary.wire.TerminalType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a terminal may send, by its type (the dictionary's terminal-type table, DESIGN §3.8): every ISO 8583 request
 * ({@link #maySend}, from {@code IsoDispatcher} once the message is authenticated) and every terminal REST call
 * ({@link #mayCall}, from {@code TerminalMacFilter} once the request is authenticated). A refusal answers response
 * code 58 over ISO 8583 (the dispatcher) or HTTP 403 with a JSON body naming the terminal type and the operation,
 * reaches no handler, so it changes nothing, and is logged (terminal, type, operation; never card data or keys).
 * A path under {@code /api/v1/terminal/} that is no {@link TerminalCall} is refused too: a terminal call nobody
 * gave a right for is no terminal's.
 */
public final class TerminalRights {
    private static final Logger log = LoggerFactory.getLogger(TerminalRights.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private TerminalRights() {}

    /** True when the terminal's type may send a request of this MTI; a refusal is logged (the caller answers 58). */
    public static boolean maySend(Terminal terminal, String mti, String peer) {
        TerminalType type = terminal.type();
        if (type.maySend(mti)) {
            return true;
        }
        log.warn(
                "{}: terminal {} ({}) may not send {}, answered {} (only {} may)",
                peer,
                terminal.terminalId(),
                type.label(),
                mti,
                ResponseCode.NOT_PERMITTED_TO_TERMINAL.code(),
                typesThat(t -> t.maySend(mti)));
        return false;
    }

    /**
     * True when the request may go on: it is no terminal call (the roles decide), or a call the terminal's type may
     * make. Otherwise the 403 answer is written and the refusal logged.
     */
    public static boolean mayCall(Terminal terminal, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        String path = request.getRequestURI();
        if (!path.startsWith(TerminalCall.ROOT)) {
            return true;
        }
        TerminalType type = terminal.type();
        Optional<TerminalCall> call = TerminalCall.of(path);
        if (call.isPresent() && type.mayCall(call.get())) {
            return true;
        }
        String operation = call.map(Enum::name).orElse("UNKNOWN_TERMINAL_CALL");
        String rule = call.map(c -> "only " + typesThat(t -> t.mayCall(c)) + " may")
                .orElse("no terminal type may: the dictionary gives no right for this path");
        log.warn(
                "terminal {} ({}) may not call {} ({}), answered 403",
                terminal.terminalId(),
                type.label(),
                operation,
                rule);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put(
                "error",
                "terminal " + terminal.terminalId() + " is a " + type.label() + ", which may not call " + operation
                        + ": " + rule);
        body.put("zh", "交易不允许该终端：" + type.zh() + "不能办理 " + operation);
        body.put("responseCode", ResponseCode.NOT_PERMITTED_TO_TERMINAL.code());
        body.put("terminal", terminal.terminalId());
        body.put("terminalType", type.code());
        body.put("terminalTypeName", type.label());
        body.put("operation", operation);
        response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        response.setContentType("application/json;charset=UTF-8");
        response.getWriter().write(JSON.writeValueAsString(body));
        return false;
    }

    private static String typesThat(Predicate<TerminalType> right) {
        String types = Arrays.stream(TerminalType.values())
                .filter(right)
                .map(TerminalType::label)
                .collect(Collectors.joining(", "));
        return types.isEmpty() ? "no terminal type" : types;
    }
}
